// fitInWorker against model.fit() on the calling thread, for the two training workloads: samples/s
// of whole trainings (the worker's start, the data's one copy and the weights' return included),
// five runs of each, interleaved (fit, worker, fit, worker, …) so a busy spell on the shared machine
// hits both; the median run of each, and the overhead 1 − worker/fit. Each training is sized to
// ~2 s on this thread, so the fixed cost of starting a worker is weighed as a real training would.
import { init } from '../src/init'
import { zeros } from '../src/tensor/create'
import { sequential, dense, act, adam, fitInWorker } from '../src/index'
import type { DType } from '../src/backend/kernels'
import type { FitOptions } from '../src/train/fit'
import { BATCHES, syntheticBatches, workloads, type Workload, type WorkloadName } from './training-workloads'

export interface WorkerRow {
  workload: WorkloadName
  dtype: DType
  epochs: number
  fitSamplesPerSecond: number
  workerSamplesPerSecond: number
  /** 1 − worker/fit, as a fraction */
  overhead: number
}

const RUNS = 5
const TARGET_SECONDS = 2

async function workerRow(workload: Workload, dtype: DType): Promise<WorkerRow> {
  await init({ backend: 'wasm', threads: 1 })
  const { sizes, batch, hidden } = workload
  const data = syntheticBatches(workload)
  const joined = (part: 'x' | 'y', columns: number) => {
    const all = zeros([BATCHES * batch, columns], { dtype })
    data.forEach((one, i) => all.data.set(one[part], i * batch * columns))
    return all
  }
  const x = joined('x', sizes[0]), y = joined('y', 1)
  const makeModel = () => sequential(sizes.slice(1).flatMap((units, i) => (i === sizes.length - 2 ? [dense(sizes[i], units)] : [dense(sizes[i], units), act(hidden)])), { seed: 1, dtype })
  const options = (epochs: number): FitOptions => ({ loss: workload.loss === 'mse' ? 'mse' : 'sparseCrossEntropy', optimizer: adam({ lr: 1e-3 }), epochs, batchSize: batch })
  const timed = async (train: () => Promise<unknown>) => { const start = performance.now(); await train(); return (performance.now() - start) / 1000 }

  // size the run: a short fit (which also warms this thread's JIT), scaled to TARGET_SECONDS
  const probeEpochs = 5
  const probe = await timed(() => makeModel().fit(x, y, options(probeEpochs)))
  const epochs = Math.max(probeEpochs, Math.round((TARGET_SECONDS / probe) * probeEpochs))
  const samples = epochs * BATCHES * batch
  const fitRates: number[] = [], workerRates: number[] = []
  for (let run = 0; run < RUNS; run++) {
    fitRates.push(samples / await timed(() => makeModel().fit(x, y, options(epochs))))
    workerRates.push(samples / await timed(() => fitInWorker(makeModel(), x, y, options(epochs))))
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[RUNS >> 1]
  const fitSamplesPerSecond = median(fitRates), workerSamplesPerSecond = median(workerRates)
  return { workload: workload.name, dtype, epochs, fitSamplesPerSecond, workerSamplesPerSecond, overhead: 1 - workerSamplesPerSecond / fitSamplesPerSecond }
}

export async function workerRows(dtype: DType): Promise<WorkerRow[]> {
  const rows: WorkerRow[] = []
  for (const workload of Object.values(workloads)) rows.push(await workerRow(workload, dtype))
  return rows
}

export function workerTable(rows: WorkerRow[]): string {
  const lines = ['| workload | dtype | epochs a run | fit() samples/s | fitInWorker samples/s | overhead |', '|---|---|---|---|---|---|']
  for (const row of rows) {
    lines.push(`| ${workloads[row.workload].title} | ${row.dtype} | ${row.epochs} | ${Math.round(row.fitSamplesPerSecond)} | ${Math.round(row.workerSamplesPerSecond)} | ${(100 * row.overhead).toFixed(1)}% |`)
  }
  return lines.join('\n')
}
