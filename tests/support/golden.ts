// The golden-hash program: every kernel on fixed inputs, its output bytes hashed. Shared by the
// determinism test (Node and the page) and the Worker test, so all three are checked against one value.
import { onBackend, randomValues } from './oracle'
import type { Backend } from '../../src/backend/backend'
import { activationNames, mathNames, unaryNames, type DType, type FloatArray } from '../../src/backend/kernels'

export const GOLDEN: Record<DType, string> = { float32: 'fe40bb02', float64: '5329d9b4' }

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
  const k = backend.kernels
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
  return outputs
}
