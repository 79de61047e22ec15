// One golden hash over seeded fit() runs — a dense model with Adam, a KAN with L-BFGS and a model with
// Bezier activations, each in float32 and float64 — over their loss histories and final weights. js
// and wasm must both give it, and the same value is checked in Node and in Chromium.
import { describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { kan } from '../src/nn/kan'
import { bezierAct } from '../src/nn/bezier-act'
import { adam } from '../src/optim/optimizer'
import { lbfgs } from '../src/optim/lbfgs'
import { hashOutputs } from './support/golden'
import { randomValues } from './support/oracle'
import type { DType, FloatArray } from '../src/backend/kernels'

const GOLDEN: Record<DType, string> = { float32: '7a380af4', float64: 'bd6ce450' }

async function runs(backend: 'js' | 'wasm', dtype: DType): Promise<FloatArray[]> {
  await init({ backend })
  const xs = randomValues(5, 64, -1, 1)
  const x = tensor(xs, { dtype, shape: [32, 2] })
  const y = tensor(Array.from({ length: 32 }, (_, b) => [xs[2 * b] * xs[2 * b + 1] + 0.5 * xs[2 * b]]), { dtype })
  const outputs: FloatArray[] = []
  const record = async (layers: Parameters<typeof sequential>[0], options: Parameters<ReturnType<typeof sequential>['fit']>[2]) => {
    const model = sequential(layers, { seed: 3, dtype })
    const history = await model.fit(x, y, options)
    outputs.push(Float64Array.from(history.epochs.map((logs) => logs.loss)), ...model.parameters.map((p) => p.data.slice()))
  }
  await record([dense(2, 8), act('tanh'), dense(8, 1)], { loss: 'mse', optimizer: adam({ lr: 0.02 }), epochs: 5, batchSize: 8 })
  await record([kan(2, 3, { grid: 5 }), kan(3, 1, { grid: 5 })], { loss: 'mse', optimizer: lbfgs({ maxIterations: 5 }), epochs: 3 })
  await record([dense(2, 4), bezierAct(4, { degree: 4 }), dense(4, 1)], { loss: 'mse', optimizer: adam({ lr: 0.02 }), epochs: 5, batchSize: 8 })
  return outputs
}

describe('determinism: one golden hash over seeded training', () => {
  it.each(['float32', 'float64'] as const)('%s: dense + Adam, KAN + L-BFGS and Bezier activations give the golden bytes on js and wasm', async (dtype) => {
    const fromJs = hashOutputs(await runs('js', dtype)), fromWasm = hashOutputs(await runs('wasm', dtype))
    expect(fromJs, 'js and wasm differ').toBe(fromWasm)
    expect(fromWasm).toBe(GOLDEN[dtype])
  })
})
