// Trainings that fitInWorker must reproduce bit for bit: each case builds the same seeded model and
// data twice, trains one copy with model.fit() on this thread and one with fitInWorker, and the test
// compares every logged number and every final weight. Shared by the Node and the Chromium tests.
import { init } from '../../src/init'
import { tensor } from '../../src/tensor/create'
import { Generator } from '../../src/tensor/random'
import { sequential, type Sequential } from '../../src/nn/sequential'
import { dense } from '../../src/nn/dense'
import { act } from '../../src/nn/activation-layer'
import { kan } from '../../src/nn/kan'
import { adam } from '../../src/optim/optimizer'
import { lbfgs } from '../../src/optim/lbfgs'
import { cosineDecay } from '../../src/optim/schedule'
import type { DType } from '../../src/backend/kernels'
import type { Tensor } from '../../src/tensor/tensor'
import type { FitOptions, History } from '../../src/train/fit'

export interface WorkerFitCase {
  name: string
  /** A fresh model, data and options: called once per training, so the two start equal. */
  make(dtype: DType): { model: Sequential; x: Tensor; y: Tensor; options: FitOptions }
}

function seededData(seed: number, rows: number, dtype: DType, target: (a: number, b: number) => number): { x: Tensor; y: Tensor } {
  const generator = new Generator(seed)
  const inputs = Array.from({ length: rows }, () => [2 * generator.uniform() - 1, 2 * generator.uniform() - 1])
  return { x: tensor(inputs, { dtype }), y: tensor(inputs.map(([a, b]) => [target(a, b)]), { dtype }) }
}

export const workerFitCases: WorkerFitCase[] = [
  {
    name: 'dense + Adam (cosine schedule, validation split, accuracy)',
    make(dtype) {
      const model = sequential([dense(2, 16), act('tanh'), dense(16, 16), act('relu'), dense(16, 1)], { seed: 11, dtype })
      const { x, y } = seededData(3, 96, dtype, (a, b) => (a * b > 0 ? 1 : 0))
      return { model, x, y, options: { loss: 'bceWithLogits', logits: true, optimizer: adam({ lr: cosineDecay({ initial: 0.03, steps: 40 }) }), epochs: 6, batchSize: 10, validationSplit: 0.25, metrics: ['accuracy'] } }
    },
  },
  {
    name: 'KAN + L-BFGS',
    make(dtype) {
      const model = sequential([kan(2, 3, { grid: 5 }), kan(3, 1, { grid: 5 })], { seed: 5, dtype })
      const { x, y } = seededData(7, 64, dtype, (a, b) => Math.exp(Math.sin(Math.PI * a) + b * b))
      return { model, x, y, options: { loss: 'mse', optimizer: lbfgs({ maxIterations: 5 }), epochs: 3 } }
    },
  },
]

/** Every number a History logs, in a fixed order (keys sorted), as float64 for a bitwise comparison. */
export function historyNumbers(history: History): Float64Array {
  return Float64Array.from(history.epochs.flatMap((logs) => Object.keys(logs).sort().map((key) => logs[key] as number)))
}

/** All the model's weights end to end, in parameter order. */
export function weightsOf(model: Sequential): Float64Array {
  return Float64Array.from(model.parameters.flatMap((p) => Array.from(p.data)))
}

export async function initBackend(backend: 'js' | 'wasm'): Promise<void> {
  await init({ backend, quiet: true })
}

/** Batches slow enough to count (a 512-wide dense layer on 512 rows: ~35 ms each on a 2-core VM, where a message between
 *  threads takes well under one), for telling "stopped after the batch the abort arrived in" from "after ~50 ms". */
export const slowBatchCase: WorkerFitCase = {
  name: 'dense 512 → 512 → 1, batches of 512',
  make(dtype) {
    const model = sequential([dense(512, 512), act('relu'), dense(512, 1)], { seed: 4, dtype })
    const rows = 512 * 8
    // exact in both dtypes: small integers over 64
    const inputs = Float64Array.from({ length: rows * 512 }, (_, i) => ((i * 37) % 129 - 64) / 64)
    const targets = Float64Array.from({ length: rows }, (_, i) => ((i * 11) % 17 - 8) / 8)
    return { model, x: tensor(inputs, { shape: [rows, 512], dtype }), y: tensor(targets, { shape: [rows, 1], dtype }), options: { loss: 'mse', optimizer: adam({ lr: 1e-3 }), epochs: 50, batchSize: 512, shuffle: false } }
  },
}
