// Predict latency for a Node service: the 784→128 relu→10 classifier at batch 1 and 64, curvenet's model.predict (wasm)
// against onnxruntime-node running toONNX(model) — the same weights, the same inputs, one process, side by side. Each a
// tinybench median over ~0.5 s. onnxruntime-node is a dev dependency; its session runs once on its default CPU threads
// (what a service gets) and once on one thread; curvenet once on one thread and once on init()'s default threads.
import { Bench } from 'tinybench'
import * as ort from 'onnxruntime-node'
import { scaledBench } from './harness'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { toONNX } from '../src/export/onnx'
import { Generator } from '../src/tensor/random'
import type { DType } from '../src/backend/kernels'

export interface PredictRow {
  batch: number; dtype: DType; curvenetMs: number; onnxruntimeMs: number; onnxruntimeOneThreadMs: number
  /** curvenet on init()'s default threads (this machine's cores, at most 8), and how many that was */
  curvenetThreadedMs: number; threads: number
}

async function medianMs(run: () => unknown): Promise<number> {
  const bench = new Bench(scaledBench(500, 100, 20))
  bench.add('run', run as () => void)
  await bench.run()
  const result = bench.tasks[0].result
  if (result.state !== 'completed') throw new Error(`predict bench: ${result.state}`)
  return result.latency.p50
}

/** The classifier's inputs at a batch size: seeded, the same for every variant. */
const inputsOf = (batch: number) => { const g = new Generator(batch); return Float64Array.from({ length: batch * 784 }, () => g.uniform()) }
const batches = [1, 64]

export async function predictRows(dtype: DType): Promise<PredictRow[]> {
  // curvenet on init()'s default threads first (a tensor belongs to the runtime it was made on), then the one-thread rows
  const threaded = await init({ backend: 'wasm' })
  const modelThreaded = sequential([dense(784, 128), act('relu'), dense(128, 10)], { seed: 1, dtype })
  const threadedMs: number[] = []
  for (const batch of batches) {
    const x = tensor(inputsOf(batch), { dtype, shape: [batch, 784] })
    threadedMs.push(await medianMs(() => modelThreaded.predict(x).dispose()))
  }
  await init({ backend: 'wasm', threads: 1 })
  const model = sequential([dense(784, 128), act('relu'), dense(128, 10)], { seed: 1, dtype })
  const bytes = toONNX(model)
  const session = await ort.InferenceSession.create(bytes), oneThread = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 })
  const rows: PredictRow[] = []
  for (const [index, batch] of batches.entries()) {
    const values = inputsOf(batch)
    const x = tensor(values, { dtype, shape: [batch, 784] })
    const feed = { x: new ort.Tensor(dtype, dtype === 'float32' ? Float32Array.from(values) : values, [batch, 784]) }
    const curvenetMs = await medianMs(() => model.predict(x).dispose())
    const onnxruntimeMs = await medianMs(() => session.run(feed))
    const onnxruntimeOneThreadMs = await medianMs(() => oneThread.run(feed))
    rows.push({ batch, dtype, curvenetMs, onnxruntimeMs, onnxruntimeOneThreadMs, curvenetThreadedMs: threadedMs[index], threads: threaded.threads })
  }
  return rows
}

export function predictTable(rows: PredictRow[]): string {
  const lines = ['| batch | dtype | curvenet predict (wasm, 1 thread) | onnxruntime-node (default threads) | curvenet / it | onnxruntime-node (1 thread) | curvenet / it | ' +
    'curvenet (default threads) | it / onnxruntime (default threads) |', '|---|---|---|---|---|---|---|---|---|']
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`
  for (const row of rows) {
    lines.push(`| ${row.batch} | ${row.dtype} | ${us(row.curvenetMs)} | ${us(row.onnxruntimeMs)} | ${(row.curvenetMs / row.onnxruntimeMs).toFixed(2)}× | ` +
      `${us(row.onnxruntimeOneThreadMs)} | ${(row.curvenetMs / row.onnxruntimeOneThreadMs).toFixed(2)}× | ${us(row.curvenetThreadedMs)} (${row.threads}) | ` +
      `${(row.curvenetThreadedMs / row.onnxruntimeMs).toFixed(2)}× |`)
  }
  return lines.join('\n')
}
