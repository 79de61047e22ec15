// Activations (fused forward/backward kernels), softmax and logSoftmax over the last axis.
import type { Tensor } from '../tensor/tensor'
import { activationNames, type ActivationName } from '../backend/kernels'
import { noGrad, record } from '../autograd/tape'
import { checkTensor } from './internal'
import { empty, emptyLike, unzeroed } from '../tensor/allocate'
import { expand, mul, sub } from './arithmetic'
import { sum } from './reduce'
import { exp, log } from './elementwise'
import { formatShape } from '../tensor/shape'
import { checkKnownName } from '../check/names'

/** Applies a named activation; alpha is leakyRelu's negative slope (default 0.01). */
export function activation(name: ActivationName, tensor: Tensor, alpha = 0.01): Tensor {
  if (!activationNames.includes(name)) {
    checkKnownName('activation', 'activation', name, activationNames)
  }
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw new RangeError(`activation: alpha must be a finite number, got ${String(alpha)}`)
  const x = checkTensor(name, 'tensor', tensor)
  const y = unzeroed(x.context, x.dtype, x.shape)   // the kernels write every element (allocate.ts's unzeroed)
  x.context.kernels.activationForward(name, y.data, x.data, x.size, alpha)
  return record(y, name, [x], (grad) => {
    const gradX = unzeroed(x.context, x.dtype, x.shape)
    x.context.kernels.activationBackward(name, gradX.data, grad.data, x.data, y.data, x.size, alpha)
    return [gradX]
  })
}

export const relu = (x: Tensor) => activation('relu', x)
export const leakyRelu = (x: Tensor, alpha = 0.01) => activation('leakyRelu', x, alpha)
export const sigmoid = (x: Tensor) => activation('sigmoid', x)
export const tanh = (x: Tensor) => activation('tanh', x)
export const silu = (x: Tensor) => activation('silu', x)
export const gelu = (x: Tensor) => activation('gelu', x)
export const softplus = (x: Tensor) => activation('softplus', x)
export const sin = (x: Tensor) => activation('sin', x)
export const cos = (x: Tensor) => activation('cos', x)

function lastAxis(where: string, x: Tensor): { rows: number; cols: number } {
  if (x.rank === 0 || x.shape[x.rank - 1] === 0) throw new RangeError(`${where}: needs a tensor with a non-empty last axis, got shape ${formatShape(x.shape)}`)
  const cols = x.shape[x.rank - 1]
  return { rows: x.size / cols, cols }
}

/** Softmax over the last axis (max-subtracted, so large logits are safe). */
export function softmax(tensor: Tensor): Tensor {
  const x = checkTensor('softmax', 'tensor', tensor)
  const { rows, cols } = lastAxis('softmax', x)
  const y = emptyLike(x)
  x.context.kernels.softmax(y.data, x.data, rows, cols)
  // dx = y ⊙ (g − Σ_row g ⊙ y)
  return record(y, 'softmax', [x], (grad) => [mul(y, sub(grad, sum(mul(grad, y), -1, { keepDims: true })))])
}

/** log(softmax(x)) over the last axis, computed as x − max − log Σ exp(x − max) (no underflow to −∞). */
export function logSoftmax(tensor: Tensor): Tensor {
  const x = checkTensor('logSoftmax', 'tensor', tensor)
  const { rows, cols } = lastAxis('logSoftmax', x)
  const out = noGrad(() => {
    // the row maxima are found in JS with explicit compares: exact, so the same on every backend
    const maxima = empty(x.context, x.dtype, [...x.shape.slice(0, -1), 1])
    const values = x.data, rowMax = maxima.data
    for (let r = 0; r < rows; r++) {
      let best = -Infinity
      for (let c = 0; c < cols; c++) if (values[r * cols + c] > best) best = values[r * cols + c]
      rowMax[r] = best === -Infinity ? 0 : best   // an all −∞ row stays −∞ instead of becoming NaN
    }
    const shifted = sub(x, expand(maxima, 'column', x.shape))
    return sub(shifted, log(sum(exp(shifted), -1, { keepDims: true })))
  })
  // dx = g − softmax(x) · Σ_row g, and softmax(x) = exp(logSoftmax(x))
  return record(out, 'logSoftmax', [x], (grad) => [sub(grad, mul(exp(out), sum(grad, -1, { keepDims: true })))])
}
