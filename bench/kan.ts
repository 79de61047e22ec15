// KAN training steps: KAN [2,5,1] and [4,64,1] at grids 5 and 100, batch 3000, forward + backward + Adam through the tensor
// layer (as fit() runs them, without its shuffling), js vs wasm, against efficient-kan's samples/s on one thread in float64
// (251k / 19.7k / 16.1k / 579 for [2,5,1] G5 / [2,5,1] G100 / [4,64,1] G5 / [4,64,1] G100, measured on these machines).
import { Bench } from 'tinybench'
import { scaledBench } from './harness'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { sequential } from '../src/nn/sequential'
import { kan } from '../src/nn/kan'
import { adam } from '../src/optim/optimizer'
import { mseLoss } from '../src/ops/loss'
import { Generator } from '../src/tensor/random'
import type { DType } from '../src/backend/kernels'

export interface KanRow { model: string; grid: number; backend: string; dtype: string; samplesPerSecond: number; efficientKan: number | undefined }

const batch = 3000
const cases = [
  { widths: [2, 5, 1], grid: 5, efficientKan: 251_000 },
  { widths: [2, 5, 1], grid: 100, efficientKan: 19_700 },
  { widths: [4, 64, 1], grid: 5, efficientKan: 16_100 },
  { widths: [4, 64, 1], grid: 100, efficientKan: 579 },
]

async function medianSeconds(step: () => void): Promise<number> {
  const bench = new Bench(scaledBench(600, 150, 3))
  bench.add('step', step)
  await bench.run()
  const result = bench.tasks[0].result
  if (result.state !== 'completed') throw new Error(`kan bench: ${result.state}`)
  return result.latency.p50 / 1000
}

export async function kanRows(dtype: DType): Promise<KanRow[]> {
  const rows: KanRow[] = []
  for (const { widths, grid, efficientKan } of cases) {
    for (const backend of ['js', 'wasm'] as const) {
      await init({ backend })
      const generator = new Generator(1)
      const inputs = Float64Array.from({ length: batch * widths[0] }, () => 2 * generator.uniform() - 1)
      const x = tensor(inputs, { dtype, shape: [batch, widths[0]] })
      const y = tensor(Float64Array.from({ length: batch }, (_, b) => inputs[b * widths[0]] * inputs[b * widths[0] + 1]), { dtype, shape: [batch, 1] })
      const model = sequential(widths.slice(1).map((width, l) => kan(widths[l], width, { grid })), { seed: 1, dtype })
      const optimizer = adam({ lr: 1e-3 })
      const parameters = model.parameters
      const seconds = await medianSeconds(() => scope(() => {
        for (const p of parameters) p.zeroGrad()
        mseLoss(model.forward(x), y).backward()
        optimizer.step(parameters)
      }))
      rows.push({ model: `KAN [${widths.join(',')}]`, grid, backend, dtype, samplesPerSecond: batch / seconds, efficientKan: dtype === 'float64' ? efficientKan : undefined })
    }
  }
  return rows
}

const rate = (samplesPerSecond: number) => (samplesPerSecond >= 1e6 ? `${(samplesPerSecond / 1e6).toFixed(2)}M` : `${(samplesPerSecond / 1e3).toFixed(1)}k`)

export function kanTable(rows: KanRow[]): string {
  const lines = ['| model | grid | dtype | js samples/s | wasm samples/s | wasm × js | efficient-kan (f64, 1 thread) | wasm × efficient-kan |', '|---|---|---|---|---|---|---|---|']
  for (const wasm of rows.filter((row) => row.backend === 'wasm')) {
    const js = rows.find((row) => row.backend === 'js' && row.model === wasm.model && row.grid === wasm.grid && row.dtype === wasm.dtype)
    const peer = wasm.efficientKan
    lines.push(`| ${wasm.model} | ${wasm.grid} | ${wasm.dtype} | ${js ? rate(js.samplesPerSecond) : ''} | ${rate(wasm.samplesPerSecond)} | ` +
      `${js ? `${(wasm.samplesPerSecond / js.samplesPerSecond).toFixed(1)}×` : ''} | ${peer ? rate(peer) : ''} | ${peer ? `${(wasm.samplesPerSecond / peer).toFixed(1)}×` : ''} |`)
  }
  return lines.join('\n')
}
