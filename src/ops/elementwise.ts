// exp, log, sqrt, abs, clamp and pow, with their gradients. exp and log are curvenet's own
// transcendentals (the math kernels), so results are the same bits on every backend and engine.
import type { Tensor } from '../tensor/tensor'
import type { MathName, UnaryName } from '../backend/kernels'
import { noGrad, record } from '../autograd/tape'
import { checkBounds } from '../backend/validate-checks'
import { checkTensor } from './internal'
import { emptyLike, filledLike } from '../tensor/allocate'
import { div, mul } from './arithmetic'

function mathOp(name: MathName, tensor: Tensor): Tensor {
  const t = checkTensor(name, 'tensor', tensor)
  const out = emptyLike(t)
  t.context.kernels.math(name, out.data, t.data, t.size)
  return out
}

function unaryOp(name: UnaryName, tensor: Tensor): Tensor {
  const t = checkTensor(name, 'tensor', tensor)
  const out = emptyLike(t)
  t.context.kernels.unary(name, out.data, t.data, t.size)
  return out
}

export function exp(tensor: Tensor): Tensor {
  const out = mathOp('exp', tensor)
  return record(out, 'exp', [tensor], (grad) => [mul(grad, out)])
}

export function log(tensor: Tensor): Tensor {
  const out = mathOp('log', tensor)
  return record(out, 'log', [tensor], (grad) => [div(grad, tensor)])
}

export function sqrt(tensor: Tensor): Tensor {
  const out = unaryOp('sqrt', tensor)
  return record(out, 'sqrt', [tensor], (grad) => [div(grad, mul(out, 2))])
}

export function abs(tensor: Tensor): Tensor {
  const out = unaryOp('abs', tensor)
  // the gradient at 0 is 0 (sign(0) = 0), the subgradient PyTorch also picks
  return record(out, 'abs', [tensor], (grad) => [mul(grad, unaryOp('sign', tensor))])
}

/** Limits every element to [low, high] (either may be ±Infinity); the gradient passes inside the bounds. */
export function clamp(tensor: Tensor, low: number, high: number): Tensor {
  const t = checkTensor('clamp', 'tensor', tensor)
  checkBounds('clamp', low, high)
  const out = emptyLike(t)
  t.context.kernels.clamp(out.data, t.data, low, high, t.size)
  return record(out, 'clamp', [t], (grad) => {
    const gradX = emptyLike(t)
    t.context.kernels.clampBackward(gradX.data, grad.data, t.data, low, high, t.size)
    return [gradX]
  })
}

/** x to the power `exponent`: integers by repeated squaring (exact order), others as exp(p·log x). */
export function pow(tensor: Tensor, exponent: number): Tensor {
  const t = checkTensor('pow', 'tensor', tensor)
  if (typeof exponent !== 'number' || !Number.isFinite(exponent)) throw new RangeError(`pow: exponent must be a finite number, got ${String(exponent)}`)
  const out = noGrad(() => powerOf(t, exponent))
  return record(out, 'pow', [t], (grad) => [exponent === 0 ? filledLike(t, t.shape, 0) : mul(grad, mul(powerOf(t, exponent - 1), exponent))])
}

function powerOf(t: Tensor, exponent: number): Tensor {
  if (!Number.isInteger(exponent) || Math.abs(exponent) > 1024) return exp(mul(log(t), exponent))
  if (exponent < 0) return div(filledLike(t, t.shape, 1), powerOf(t, -exponent))
  // square-and-multiply over the exponent's bits, lowest first
  let result: Tensor = filledLike(t, t.shape, 1)
  let square = t
  for (let bits = exponent; bits > 0; bits = Math.floor(bits / 2)) {
    if (bits % 2 === 1) result = mul(result, square)
    if (bits > 1) square = mul(square, square)
  }
  return result
}
