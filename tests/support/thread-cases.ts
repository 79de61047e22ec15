// The thread tests' workloads, shared by Node (tests/threads.node.test.ts) and the cross-origin isolated page
// (tests/threads.page.test.ts): large calls of every threaded kernel family, seeded fit() runs, and shares taken back.
import { init, type Runtime } from '../../src/init'
import { shareThreshold } from '../../src/backend/wasm/threads'
import type { WasmBackend } from '../../src/backend/wasm/index'
import { tensor } from '../../src/tensor/create'
import { sequential } from '../../src/nn/sequential'
import { dense } from '../../src/nn/dense'
import { act } from '../../src/nn/activation-layer'
import { kan } from '../../src/nn/kan'
import { adam } from '../../src/optim/optimizer'
import { lbfgs } from '../../src/optim/lbfgs'
import type { DType, FloatArray } from '../../src/backend/kernels'
import { hashOutputs } from './golden'
import { randomValues } from './oracle'

/** Large calls of each threaded family (above the natural threshold at sizeScale 1), their output bytes. */
export function largeCalls(runtime: Runtime, dtype: DType, sizeScale: number): FloatArray[] {
  const backend = runtime.backend, k = backend.kernels
  const values = (seed: number, count: number, low = -2, high = 2) => {
    const array = backend.alloc(dtype, count)
    array.set(randomValues(seed, count, low, high))
    return array
  }
  const outputs: FloatArray[] = []
  const out = (length: number) => { const array = backend.alloc(dtype, length); outputs.push(array); return array }
  // taller than wide (shared by rows) and wider than tall (by columns)
  for (const [m, kk, n] of [[Math.round(130 * sizeScale), 257, 67], [37, 257, Math.round(203 * sizeScale)]]) {
    k.matmul(out(m * n), values(1, m * kk), values(2, kk * n), m, kk, n)
    k.matmulTransposeA(out(m * n), values(3, kk * m), values(4, kk * n), m, kk, n)
    k.matmulTransposeB(out(m * n), values(5, m * kk), values(6, n * kk), m, kk, n)
  }
  const big = Math.round(300_001 * sizeScale), x = values(7, big, -6, 6), y = values(8, big, 0.1, 3)
  k.add(out(big), x, y, big)
  k.activationForward('tanh', out(big), x, big, 0)
  k.math('exp', out(big), x, big)
  k.adamStep(out(big).fill(0.5), y, out(big), out(big), big, { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false,
    biasCorrection1: 0.1, biasCorrection2: 0.001 })
  const degree = 3, grid = 20, knotCount = grid + 2 * degree + 1, batch = Math.round(3000 * sizeScale), inputSize = 4, outputSize = 64
  const knotRow = Array.from({ length: knotCount }, (_, i) => -1 + (i - degree) * (2 / grid))
  const knots = values(9, inputSize * knotCount)
  knots.set(Array.from({ length: inputSize }, () => knotRow).flat())
  const xs = values(10, batch * inputSize, -1.2, 1.2)
  const basisCount = knotCount - degree - 1
  const spans = backend.allocInt32(inputSize * batch), basis = out(inputSize * batch * (degree + 1)), slopes = out(inputSize * batch * (degree + 1))
  const coefficients = values(11, inputSize * basisCount * outputSize), scale = values(12, inputSize * outputSize), baseScale = values(13, inputSize * outputSize)
  const baseValues = values(14, batch * inputSize)
  const layout = { batch, inputSize, outputSize, knotCount, degree, uniform: true, edges: false }
  const forward = out(batch * outputSize)
  k.kanForward(forward, spans, basis, slopes, xs, knots, coefficients, scale, baseValues, baseScale, layout)
  k.kanBackward(out(batch * inputSize), out(batch * inputSize), out(inputSize * basisCount * outputSize), out(inputSize * outputSize),
    out(inputSize * outputSize), values(15, batch * outputSize), spans, basis, slopes, coefficients, scale, baseValues, baseScale, layout)
  outputs.push(Float64Array.from(spans))
  k.bsplineBasis(backend.allocInt32(big), out(big * (degree + 1)), null, x, big, knots, knotCount, degree, 'zero', true)
  return outputs
}

/** The three matrix products at shapes whose shares, split at their smallest (rows of 5, columns of 8), end in a short
 *  block: one row, one column (25 = 3·8 + 1 over 4 threads), edge tiles; taller than wide and wider than tall. */
export function smallestShareProducts(runtime: Runtime, dtype: DType): FloatArray[] {
  const backend = runtime.backend, k = backend.kernels
  const values = (seed: number, count: number) => {
    const array = backend.alloc(dtype, count)
    array.set(randomValues(seed, count, -2, 2))
    return array
  }
  const outputs: FloatArray[] = []
  const out = (length: number) => { const array = backend.alloc(dtype, length); outputs.push(array); return array }
  for (const [m, kk, n] of [[7, 37, 25], [25, 37, 7], [16, 300, 1], [1, 300, 16], [6, 9, 49], [40, 129, 203]]) {
    k.matmul(out(m * n), values(1, m * kk), values(2, kk * n), m, kk, n)
    k.matmulTransposeA(out(m * n), values(3, kk * m), values(4, kk * n), m, kk, n)
    k.matmulTransposeB(out(m * n), values(5, m * kk), values(6, n * kk), m, kk, n)
  }
  return outputs
}

/** The hash of seeded fit() runs on the current runtime — dense with Adam, KAN with L-BFGS — over their histories and final weights. */
export async function seededFitHash(dtype: DType, rows: number): Promise<string> {
  const xs = randomValues(5, 2 * rows, -1, 1)
  const x = tensor(xs, { dtype, shape: [rows, 2] })
  const y = tensor(Array.from({ length: rows }, (_, b) => [xs[2 * b] * xs[2 * b + 1] + 0.5 * xs[2 * b]]), { dtype })
  const outputs: FloatArray[] = []
  for (const [layers, options] of [
    [[dense(2, 32), act('tanh'), dense(32, 1)], { loss: 'mse', optimizer: adam({ lr: 0.01 }), epochs: 4, batchSize: 16 }],
    [[kan(2, 5, { grid: 5 }), kan(5, 1, { grid: 5 })], { loss: 'mse', optimizer: lbfgs({ maxIterations: 5 }), epochs: 3 }],
  ] as const) {
    const model = sequential([...layers], { seed: 3, dtype })
    const history = await model.fit(x, y, options)
    outputs.push(Float64Array.from(history.epochs.map((logs) => logs.loss)), ...model.parameters.map((p) => p.data.slice()))
  }
  return hashOutputs(outputs)
}

/** Tiny split calls after pauses (a pool thread sleeps after 2 ms idle and takes tens of µs to wake) until the calling
 *  thread has taken a share back (≤ 50 pauses): how many it took, and whether every call gave the bytes of one thread. */
export async function takeBack(dtype: 'float32' | 'float64'): Promise<{ taken: number; same: boolean }> {
  const natural = shareThreshold.nanoseconds
  const runtime = await init({ threads: 2 })
  const backend = runtime.backend as WasmBackend, k = backend.kernels
  const n = 4096, x = runtime.alloc(dtype, n), out = runtime.alloc(dtype, n), alone = runtime.alloc(dtype, n)
  x.set(Array.from({ length: n }, (_, i) => (i % 29) / 7 - 2))
  shareThreshold.nanoseconds = Infinity
  k.activationForward('tanh', alone, x, n, 0)
  shareThreshold.nanoseconds = 0
  const bytes = (array: Float32Array | Float64Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
  const expected = bytes(alone)
  const before = backend.sharesTakenBack
  let same = true
  for (let attempt = 0; attempt < 50 && backend.sharesTakenBack === before; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    out.fill(0)
    k.activationForward('tanh', out, x, n, 0)
    same &&= bytes(out).every((byte, i) => byte === expected[i])
  }
  shareThreshold.nanoseconds = natural
  return { taken: backend.sharesTakenBack - before, same }
}
