// The golden-hash program: every kernel on fixed inputs, its output bytes hashed. Shared by the
// determinism test (Node and the page) and the Worker test, so all three are checked against one value.
// kernelsCalled() lists the kernels the program calls, so a test can hold it to every key of Kernels.
import { onBackend, randomValues } from './oracle'
import type { Backend } from '../../src/backend/backend'
import { activationNames, mathNames, unaryNames, type DType, type FloatArray, type Kernels } from '../../src/backend/kernels'

export const GOLDEN: Record<DType, string> = { float32: 'fc4b1858', float64: '1baf8e36' }

/** FNV-1a (32-bit) over the bytes of every output; NaNs count as one canonical NaN (the contract). */
export function hashOutputs(outputs: FloatArray[]): string {
  let hash = 0x811c9dc5
  for (const output of outputs) {
    const canonical = output.slice().map((x) => (Number.isNaN(x) ? NaN : x))
    for (const byte of new Uint8Array(canonical.buffer)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

export function everyKernel(backend: Backend, dtype: DType): FloatArray[] {
  return runEveryKernel(backend, dtype, backend.kernels)
}

/** The names of the kernels everyKernel calls (it is run once through a recording proxy). */
export function kernelsCalled(backend: Backend, dtype: DType): string[] {
  const called = new Set<string>()
  const recording = new Proxy(backend.kernels, {
    get(target, name, receiver) {
      if (typeof name === 'string') called.add(name)
      return Reflect.get(target, name, receiver)
    },
  })
  runEveryKernel(backend, dtype, recording)
  return [...called].sort()
}

function runEveryKernel(backend: Backend, dtype: DType, k: Kernels): FloatArray[] {
  const [m, kk, n] = [13, 17, 11]
  const values = (seed: number, count: number, low = -2, high = 2) => onBackend(backend, dtype, randomValues(seed, count, low, high))
  const outputs: FloatArray[] = []
  const out = (length: number) => { const array = backend.alloc(dtype, length); outputs.push(array); return array }
  k.matmul(out(m * n), values(1, m * kk), values(2, kk * n), m, kk, n)
  k.matmulTransposeA(out(m * n), values(3, kk * m), values(4, kk * n), m, kk, n)
  k.matmulTransposeB(out(m * n), values(5, m * kk), values(6, n * kk), m, kk, n)
  const x = values(7, 67, -6, 6), y = values(8, 67, 0.1, 3)
  k.add(out(67), x, y, 67); k.sub(out(67), x, y, 67); k.mul(out(67), x, y, 67); k.div(out(67), x, y, 67)
  k.scale(out(67), x, 0.3, 67)
  k.addRowBias(out(66), x, y, 6, 11); k.sumRows(out(6), x, 6, 11); k.sumColumns(out(11), x, 6, 11)
  for (const name of unaryNames) k.unary(name, out(67), name === 'sqrt' ? y : x, 67)
  k.clamp(out(67), x, -1, 2, 67); k.clampBackward(out(67), y, x, -1, 2, 67)
  for (const name of mathNames) k.math(name, out(67), name === 'log' ? y : x, 67)
  for (const name of activationNames) {
    const forward = out(67)
    k.activationForward(name, forward, x, 67, 0.1)
    k.activationBackward(name, out(67), y, x, forward, 67, 0.1)
  }
  k.softmax(out(66), x, 6, 11)
  const targets = values(9, 66, 0, 1)
  outputs.push(Float64Array.of(k.mseLoss(out(66), x, targets, 66)) as FloatArray)
  outputs.push(Float64Array.of(k.bceWithLogitsLoss(out(66), x, targets, 66)) as FloatArray)
  outputs.push(Float64Array.of(k.softmaxCrossEntropyLoss(out(66), x, targets, 6, 11)) as FloatArray)
  const labels = backend.allocInt32(6)
  labels.set([0, 3, 10, 5, 5, 1])
  outputs.push(Float64Array.of(k.softmaxCrossEntropySparseLoss(out(66), x, labels, 6, 11)) as FloatArray)
  const params = values(10, 67), velocity = out(67), m1 = out(67), v1 = out(67)
  outputs.push(params)
  let beta1Power = 1, beta2Power = 1   // by repeated multiplication, as callers must (no engine pow)
  for (let step = 1; step <= 3; step++) {
    beta1Power *= 0.9; beta2Power *= 0.999
    k.sgdStep(params, y, velocity, 67, { lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: step % 2 === 0 })
    k.adamStep(params, y, m1, v1, 67, { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: true,
      biasCorrection1: 1 - beta1Power, biasCorrection2: 1 - beta2Power })
  }
  curveKernels(backend, dtype, k, values, out, outputs)
  return outputs
}

type Values = (seed: number, count: number, low?: number, high?: number) => FloatArray

/** Bezier, B-spline and KAN kernels: sizes that reach every SIMD path (vector blocks, tails, dimensions on
 *  either side of the lane count, a KAN batch past one 64-sample block) and inputs beyond the domains. */
function curveKernels(backend: Backend, dtype: DType, k: Kernels, values: Values, out: (length: number) => FloatArray, outputs: FloatArray[]): void {
  const spans = (length: number) => {
    const array = backend.allocInt32(length)
    return { array, hashed: () => outputs.push(Float64Array.from(array)) }
  }
  const ts = values(20, 19, -0.25, 1.25)
  for (const [degree, dimension] of [[0, 1], [3, 1], [5, 2], [4, 3], [6, 11], [3, 37]]) {
    k.bezierEvaluate(out(19 * dimension), values(21 + dimension, (degree + 1) * dimension, -3, 3), ts, degree, dimension, 19)
  }
  for (const degree of [0, 1, 7]) k.bernsteinBasis(out(19 * (degree + 1)), ts, degree, 19)

  const degree = 3, knotCount = 12   // grid 5: 5 + 2·3 + 1 knots
  const uniformKnots = onBackend(backend, dtype, Array.from({ length: knotCount }, (_, i) => -1 + (i - degree) * 0.4))
  const unevenKnots = onBackend(backend, dtype, [-2, -2, -2, -2, -1.3, -0.2, 0.1, 0.15, 0.9, 2, 2, 2])
  const x = values(30, 67, -2.6, 2.6)
  for (const [knots, uniform] of [[uniformKnots, true], [unevenKnots, false]] as const) {
    for (const outside of ['extrapolate', 'zero'] as const) {
      const basisSpans = spans(67)
      k.bsplineBasis(basisSpans.array, out(67 * (degree + 1)), out(67 * (degree + 1)), x, 67, knots, knotCount, degree, outside, uniform)
      basisSpans.hashed()
      for (const dimension of [1, 3, 9]) {
        const coefficients = values(31 + dimension, (knotCount - degree - 1) * dimension, -2, 2)
        k.bsplineEvaluate(out(67 * dimension), x, 67, knots, knotCount, coefficients, dimension, degree, outside, uniform)
      }
    }
  }

  const layout = { batch: 70, inputSize: 3, outputSize: 5, knotCount, degree, uniform: true, edges: false }
  const { batch, inputSize, outputSize } = layout
  const basisCount = knotCount - degree - 1, cacheLength = inputSize * batch * (degree + 1)
  const kanKnots = onBackend(backend, dtype, Array.from({ length: inputSize }, () => Array.from(uniformKnots)).flat())
  const kanX = values(40, batch * inputSize, -2.5, 2.5), baseValues = values(41, batch * inputSize)
  const coefficients = values(42, inputSize * basisCount * outputSize), splineScale = values(43, inputSize * outputSize)
  const baseScale = values(44, inputSize * outputSize)
  for (const edges of [false, true]) {
    const edgeLayout = { ...layout, edges }
    const outLength = batch * (edges ? inputSize : 1) * outputSize
    const kanSpans = spans(inputSize * batch), cacheValues = out(cacheLength), derivatives = out(cacheLength)
    k.kanForward(out(outLength), kanSpans.array, cacheValues, derivatives, kanX, kanKnots, coefficients, splineScale, baseValues, baseScale, edgeLayout)
    kanSpans.hashed()
    k.kanBackward(out(batch * inputSize), out(batch * inputSize), out(inputSize * basisCount * outputSize), out(inputSize * outputSize),
      out(inputSize * outputSize), values(45, outLength), kanSpans.array, cacheValues, derivatives, coefficients, splineScale, baseValues,
      baseScale, edgeLayout)
  }
  // without a base branch and without the derivative cache (gradX not wanted)
  const plainSpans = spans(inputSize * batch), plainValues = out(cacheLength)
  k.kanForward(out(batch * outputSize), plainSpans.array, plainValues, null, kanX, kanKnots, coefficients, splineScale, null, null, layout)
  k.kanBackward(null, null, out(inputSize * basisCount * outputSize), out(inputSize * outputSize), null, values(46, batch * outputSize),
    plainSpans.array, plainValues, null, coefficients, splineScale, null, null, layout)
}
