// A small seeded training run through the public API, shared by the page and the Worker tests:
// its loss history is what must come out bit for bit the same everywhere.
import { init } from '../../src/init'
import { tensor } from '../../src/tensor/create'
import { sequential } from '../../src/nn/sequential'
import { dense } from '../../src/nn/dense'
import { act } from '../../src/nn/activation-layer'
import { adam } from '../../src/optim/optimizer'
import type { DType } from '../../src/backend/kernels'

export async function seededTrainingLosses(backend: 'js' | 'wasm', dtype: DType): Promise<Float64Array> {
  await init({ backend })
  const model = sequential([dense(2, 16), act('tanh'), dense(16, 16), act('silu'), dense(16, 1)], { seed: 21, dtype })
  const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]], { dtype }), y = tensor([[0], [1], [1], [0]], { dtype })
  const history = await model.fit(x, y, { loss: 'bceWithLogits', optimizer: adam({ lr: 0.02 }), epochs: 25, batchSize: 2 })
  return Float64Array.from(history.epochs.map((logs) => logs.loss))
}
