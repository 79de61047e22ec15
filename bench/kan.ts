// KAN training steps: KAN [2,5,1] and [4,64,1] at grids 5 and 100, batch 3000, forward + backward + Adam through the tensor
// layer (as fit() runs them, without its shuffling), js vs wasm, and side by side with efficient-kan (PyTorch, one thread)
// when bench/peers/efficient-kan.ts finds it: five interleaved rounds of curvenet wasm then efficient-kan, each a median
// step time over ~0.6 s, so both see the same machine state; the ratio is reported as the median and the lowest round.
import { Bench } from 'tinybench'
import { scaledBench, type BenchCase } from './harness'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { sequential } from '../src/nn/sequential'
import { kan } from '../src/nn/kan'
import { adam } from '../src/optim/optimizer'
import { mseLoss } from '../src/ops/loss'
import { Generator } from '../src/tensor/random'
import type { DType } from '../src/backend/kernels'
import { efficientKanMissing, efficientKanStep } from './peers/efficient-kan'

export interface KanRow {
  model: string; grid: number; backend: string; dtype: string; samplesPerSecond: number
  /** efficient-kan's samples/s (median of the rounds), its ratio to curvenet wasm per round, and what ran it. */
  peer?: { samplesPerSecond: number; ratios: number[]; torch: string; blas: string }
  peerMissing?: string
}

const batch = 3000, rounds = 5
const cases = [
  { widths: [2, 5, 1], grid: 5 },
  { widths: [2, 5, 1], grid: 100 },
  { widths: [4, 64, 1], grid: 5 },
  { widths: [4, 64, 1], grid: 100 },
]

async function medianSeconds(step: () => void): Promise<number> {
  const bench = new Bench(scaledBench(600, 150, 3))
  bench.add('step', step)
  await bench.run()
  const result = bench.tasks[0].result
  if (result.state !== 'completed') throw new Error(`kan bench: ${result.state}`)
  return result.latency.p50 / 1000
}

const median = (values: number[]) => { const sorted = [...values].sort((a, b) => a - b); return sorted[Math.floor(sorted.length / 2)] }

/** One curvenet training step of KAN `widths` at `grid` on batch 3000, built on the current runtime (forward, backward and Adam in one scope). */
export function kanStep(widths: number[], grid: number, dtype: DType): () => void {
  const generator = new Generator(1)
  const inputs = Float64Array.from({ length: batch * widths[0] }, () => 2 * generator.uniform() - 1)
  const x = tensor(inputs, { dtype, shape: [batch, widths[0]] })
  const y = tensor(Float64Array.from({ length: batch }, (_, b) => inputs[b * widths[0]] * inputs[b * widths[0] + 1]), { dtype, shape: [batch, 1] })
  const model = sequential(widths.slice(1).map((width, l) => kan(widths[l], width, { grid })), { seed: 1, dtype })
  const optimizer = adam({ lr: 1e-3 })
  const parameters = model.parameters
  return () => scope(() => {
    for (const p of parameters) p.zeroGrad()
    mseLoss(model.forward(x), y).backward()
    optimizer.step(parameters)
  })
}

/** The cases' steps, js and wasm (one thread), as bench cases (work: samples per step) for scripts/bench-ab.mjs, which
 *  runs two checkouts' steps alternately in one process. prepare() starts the variant's runtime and builds the step. */
export function kanStepCases(_backends: unknown, dtype: DType): BenchCase[] {
  return cases.flatMap(({ widths, grid }) => (['js', 'wasm'] as const).map((variant): BenchCase => {
    let step: () => void = () => { throw new Error('kanStepCases: run before prepare') }
    return {
      family: 'kan', name: `KAN [${widths.join(',')}] grid ${grid} step, batch ${batch}`, dtype, variant, work: batch, unit: 'G samples/s',
      prepare: async () => { await init({ backend: variant, threads: 1 }); step = kanStep(widths, grid, dtype) },
      run: () => step(),
    }
  }))
}

export async function kanRows(dtype: DType): Promise<KanRow[]> {
  const rows: KanRow[] = []
  const missing = efficientKanMissing()
  if (missing) process.stderr.write(`kan bench: efficient-kan not measured: ${missing}\n`)
  for (const { widths, grid } of cases) {
    const model = `KAN [${widths.join(',')}]`
    await init({ backend: 'js' })
    rows.push({ model, grid, backend: 'js', dtype, samplesPerSecond: batch / await medianSeconds(kanStep(widths, grid, dtype)) })
    await init({ backend: 'wasm', threads: 1 })   // against efficient-kan on one thread
    const wasm: number[] = [], peer: number[] = []
    let about = { torch: '', blas: '' }
    for (let round = 0; round < (missing ? 1 : rounds); round++) {
      wasm.push(batch / await medianSeconds(kanStep(widths, grid, dtype)))
      if (missing) continue
      const result = efficientKanStep({ widths, grid, batch, dtype, threads: 1 })
      peer.push(batch / result.secondsPerStep)
      about = { torch: result.torch, blas: result.blas }
    }
    rows.push({
      model, grid, backend: 'wasm', dtype, samplesPerSecond: median(wasm),
      ...(missing ? { peerMissing: missing } : { peer: { samplesPerSecond: median(peer), ratios: wasm.map((rate, k) => rate / peer[k]), ...about } }),
    })
  }
  return rows
}

const rate = (samplesPerSecond: number) => (samplesPerSecond >= 1e6 ? `${(samplesPerSecond / 1e6).toFixed(2)}M` : `${(samplesPerSecond / 1e3).toFixed(1)}k`)

export function kanTable(rows: KanRow[]): string {
  const peerOf = rows.find((row) => row.peer)?.peer
  const lines = [
    `| model | grid | dtype | js samples/s | wasm samples/s | wasm × js | efficient-kan, 1 thread${peerOf ? ` (torch ${peerOf.torch}, ${peerOf.blas})` : ''} | wasm × efficient-kan: median (lowest) of ${rounds} rounds |`,
    '|---|---|---|---|---|---|---|---|',
  ]
  for (const wasm of rows.filter((row) => row.backend === 'wasm')) {
    const js = rows.find((row) => row.backend === 'js' && row.model === wasm.model && row.grid === wasm.grid && row.dtype === wasm.dtype)
    const peer = wasm.peer
    lines.push(`| ${wasm.model} | ${wasm.grid} | ${wasm.dtype} | ${js ? rate(js.samplesPerSecond) : ''} | ${rate(wasm.samplesPerSecond)} | ` +
      `${js ? `${(wasm.samplesPerSecond / js.samplesPerSecond).toFixed(1)}×` : ''} | ${peer ? rate(peer.samplesPerSecond) : 'not measured'} | ` +
      `${peer ? `${median(peer.ratios).toFixed(1)}× (${Math.min(...peer.ratios).toFixed(1)}×)` : ''} |`)
  }
  const missing = rows.find((row) => row.peerMissing)?.peerMissing
  if (missing) lines.push('', `efficient-kan not measured: ${missing}.`)
  return lines.join('\n')
}
