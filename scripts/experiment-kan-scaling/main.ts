// `npm run experiment:kan-scaling [--seeds 0,1,2,3,4] [--backend wasm|js] [--svg docs/kan-scaling.svg]`: the KAN paper's
// scaling staircase (staircase.ts) for each seed — a table of train and test RMSE, time and loss evaluations per grid against
// pykan 0.0's printed test RMSE — and a log-log plot of test RMSE against the grid.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { cpus } from 'node:os'
import { init } from '../../src/init'
import { kanStaircase, pykanTestRmse, type StageResult } from './staircase'
import { Panel, svgDocument, type Style } from '../../src/plot/panel'

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback
}

const seeds = option('seeds', '0,1,2,3,4').split(',').map(Number)
const backend = option('backend', 'wasm') as 'js' | 'wasm'
const svgPath = option('svg', 'docs/kan-scaling.svg')
const runtime = await init({ backend })
console.log(`KAN [2,1,1] on f(x, y) = exp(sin(πx) + y²), float64, ${runtime.backend.name} backend — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one thread`)
console.log('3000 train / 1000 test points; full-batch L-BFGS, 50 steps of ≤ 20 iterations per grid; target: test RMSE ≤ 2 × pykan 0.0\'s\n')
console.log('| seed | grid | train RMSE | test RMSE | pykan test RMSE | ratio | time (s) | evaluations |')
console.log('|---|---|---|---|---|---|---|---|')

const runs: { seed: number; stages: StageResult[]; seconds: number }[] = []
for (const seed of seeds) {
  const started = performance.now()
  const { stages } = await kanStaircase({ seed }, (stage) => {
    const ratio = stage.testRmse / pykanTestRmse[stage.grid]
    console.log(`| ${seed} | ${stage.grid} | ${stage.trainRmse.toExponential(2)} | ${stage.testRmse.toExponential(2)} | ${pykanTestRmse[stage.grid].toExponential(1)} | ` +
      `${ratio.toFixed(2)}${ratio <= 2 ? '' : ' ✗'} | ${stage.seconds.toFixed(2)} | ${stage.evaluations} |`)
  })
  runs.push({ seed, stages, seconds: (performance.now() - started) / 1000 })
}

const passing = runs.filter((run) => run.stages.every((stage) => stage.testRmse <= 2 * pykanTestRmse[stage.grid]))
console.log(`\nwhole staircase per seed: ${runs.map((run) => `${run.seconds.toFixed(2)} s`).join(', ')} (target ≤ 12 s; pykan ≈ 126 s, efficient-kan ≈ 108 s)`)
console.log(`seeds within 2× of pykan at every grid: ${passing.length} of ${runs.length} (${passing.map((run) => run.seed).join(', ') || 'none'}; target ≥ 4 of 5)`)

const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f']
const grids = runs[0].stages.map((stage) => stage.grid)
const panel = new Panel({ left: 90, top: 40, width: 560, height: 400 }, { label: 'grid intervals G', low: 4, high: 125, log: true },
  { label: 'test RMSE', low: 1e-8, high: 3e-2, log: true })
const parts = [panel.axes()]
const reference: [number, number][] = [[4, pykanTestRmse[5] * (5 / 4) ** 4], [125, pykanTestRmse[5] * (5 / 125) ** 4]]
parts.push(panel.polyline(reference, { color: '#999', dash: '5 4', width: 1 }))
runs.forEach((run, k) => {
  const style: Style = { color: colors[k % colors.length], width: 1.5 }
  const points = run.stages.map((stage): [number, number] => [stage.grid, stage.testRmse])
  parts.push(panel.polyline(points, style), panel.dots(points, style.color, 3))
})
parts.push(panel.dots(grids.map((grid): [number, number] => [grid, pykanTestRmse[grid]]), 'black', 4.5))
parts.push(panel.legend([
  ...runs.map((run, k) => ({ label: `curvenet, seed ${run.seed}`, style: { color: colors[k % colors.length] } })),
  { label: 'pykan 0.0 (printed)', style: { color: 'black' }, dot: true },
  { label: 'G⁻⁴', style: { color: '#999', dash: '5 4', width: 1 } },
], 'bottom-left'))
mkdirSync(dirname(svgPath), { recursive: true })
writeFileSync(svgPath, svgDocument(700, 500, 'KAN [2,1,1] on exp(sin(πx) + y²): test RMSE against grid size, log-log', parts))
console.log(`plot: ${svgPath}`)
