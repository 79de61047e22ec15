// add, sub, mul, div (with broadcasting of scalars, rows and columns) and neg, each with its
// backward beside it. A broadcast operand is expanded to the result's shape by copying (exact, so
// both backends agree), except where a kernel takes it directly: a bias row (addRowBias) and a
// scalar factor (scale). Gradients of broadcast operands are summed back to their shape.
import type { Tensor } from '../tensor/tensor'
import { broadcastShapes, sizeOf, type BroadcastForm, type Shape } from '../tensor/shape'
import { record } from '../autograd/tape'
import { checkPair, checkTensor } from './internal'
import { empty, unzeroed } from '../tensor/allocate'

type Operand = Tensor | number

function toTensor(where: string, name: string, value: Operand, like: Tensor | undefined): Tensor {
  if (typeof value !== 'number') return checkTensor(where, name, value)
  if (!like) throw new TypeError(`${where}: at least one operand must be a Tensor, got two numbers`)
  const scalar = empty(like.context, like.dtype, [])
  scalar.data[0] = value
  return scalar
}

function operands(where: string, a: Operand, b: Operand): [Tensor, Tensor] {
  const like = typeof a === 'number' ? (typeof b === 'number' ? undefined : b) : a
  const ta = toTensor(where, 'a', a, like), tb = toTensor(where, 'b', b, like)
  checkPair(where, ta, tb)
  return [ta, tb]
}

/** `tensor` laid out over `shape` as its broadcast form says (a copy unless the form is 'same'). */
export function expand(tensor: Tensor, form: BroadcastForm, shape: Shape): Tensor {
  if (form === 'same') return tensor
  const out = empty(tensor.context, tensor.dtype, shape)
  const target = out.data, source = tensor.data
  if (form === 'scalar') target.fill(source[0])
  else if (form === 'row') for (let offset = 0; offset < target.length; offset += source.length) target.set(source, offset)
  else {
    const inner = target.length / source.length
    for (let i = 0; i < source.length; i++) target.fill(source[i], i * inner, (i + 1) * inner)
  }
  return out
}

/** Sums a gradient of the broadcast shape back to an operand's own shape. */
function reduceTo(grad: Tensor, form: BroadcastForm, shape: Shape): Tensor {
  if (form === 'same') return grad
  const { kernels } = grad.context
  const out = empty(grad.context, grad.dtype, shape)
  const size = sizeOf(shape)
  if (form === 'scalar') kernels.sumRows(out.data, grad.data, 1, grad.size)
  else if (form === 'row') kernels.sumColumns(out.data, grad.data, grad.size / size, size)
  else kernels.sumRows(out.data, grad.data, size, grad.size / size)
  return out
}

/** [the full operand, the broadcast one] when one operand is full and the other has `form`, in either
 *  order (a kernel then takes the broadcast operand as it is: addRowBias a row, scale a scalar). */
function takenDirectly(ta: Tensor, formA: BroadcastForm, tb: Tensor, formB: BroadcastForm, form: 'row' | 'scalar'): [Tensor, Tensor] | undefined {
  if (formA === 'same' && formB === form) return [ta, tb]
  if (formB === 'same' && formA === form) return [tb, ta]
  return undefined
}

type BinaryKernel = 'add' | 'sub' | 'mul'

/** The one elementwise kernel of a binary op over the broadcast shape. A bias row (add) or a scalar factor (mul) goes to
 *  the kernel that takes it as it is (addRowBias, scale: the bits equal the expanded kernel's, since the factor already has
 *  the dtype); anything else is laid out over the shape first. */
function binary(kernel: BinaryKernel, ta: Tensor, formA: BroadcastForm, tb: Tensor, formB: BroadcastForm, shape: Shape): Tensor {
  const direct = kernel === 'add' ? takenDirectly(ta, formA, tb, formB, 'row') : kernel === 'mul' ? takenDirectly(ta, formA, tb, formB, 'scalar') : undefined
  const left = direct ? direct[0] : expand(ta, formA, shape), right = direct ? direct[1] : expand(tb, formB, shape)
  // allocate before taking views (a memory grow detaches them); unzeroed: each of the three kernels writes every element
  const out = unzeroed(ta.context, ta.dtype, shape)
  const { kernels } = ta.context
  if (direct && kernel === 'add') kernels.addRowBias(out.data, left.data, right.data, out.size / right.size, right.size)
  else if (direct) kernels.scale(out.data, left.data, right.data[0], out.size)
  else kernels[kernel](out.data, left.data, right.data, out.size)
  return out
}

export function add(a: Operand, b: Operand): Tensor {
  const [ta, tb] = operands('add', a, b)
  const { shape, a: formA, b: formB } = broadcastShapes('add', ta.shape, tb.shape)
  const out = binary('add', ta, formA, tb, formB, shape)
  return record(out, 'add', [ta, tb], (grad) => [reduceTo(grad, formA, ta.shape), reduceTo(grad, formB, tb.shape)])
}

export function sub(a: Operand, b: Operand): Tensor {
  const [ta, tb] = operands('sub', a, b)
  const { shape, a: formA, b: formB } = broadcastShapes('sub', ta.shape, tb.shape)
  const out = binary('sub', ta, formA, tb, formB, shape)
  return record(out, 'sub', [ta, tb], (grad) => [reduceTo(grad, formA, ta.shape), reduceTo(neg(grad), formB, tb.shape)])
}

export function mul(a: Operand, b: Operand): Tensor {
  const [ta, tb] = operands('mul', a, b)
  const { shape, a: formA, b: formB } = broadcastShapes('mul', ta.shape, tb.shape)
  const out = binary('mul', ta, formA, tb, formB, shape)
  return record(out, 'mul', [ta, tb], (grad) => [
    ta.requiresGrad ? reduceTo(mul(grad, expand(tb, formB, shape)), formA, ta.shape) : null,
    tb.requiresGrad ? reduceTo(mul(grad, expand(ta, formA, shape)), formB, tb.shape) : null,
  ])
}

export function div(a: Operand, b: Operand): Tensor {
  const [ta, tb] = operands('div', a, b)
  const { shape, a: formA, b: formB } = broadcastShapes('div', ta.shape, tb.shape)
  // not binary(): the backward reuses the expanded divisor
  const dividend = expand(ta, formA, shape), divisor = expand(tb, formB, shape)
  const out = unzeroed(ta.context, ta.dtype, shape)   // the kernel writes every element
  ta.context.kernels.div(out.data, dividend.data, divisor.data, out.size)
  return record(out, 'div', [ta, tb], (grad) => [
    ta.requiresGrad ? reduceTo(div(grad, divisor), formA, ta.shape) : null,
    // d(a/b)/db = −(a/b)/b: reuses the forward output
    tb.requiresGrad ? reduceTo(neg(div(mul(grad, out), divisor)), formB, tb.shape) : null,
  ])
}

export function neg(a: Tensor): Tensor {
  const ta = checkTensor('neg', 'a', a)
  const out = unzeroed(ta.context, ta.dtype, ta.shape)   // the kernel writes every element
  ta.context.kernels.scale(out.data, ta.data, -1, ta.size)   // exact: flips the sign bit only
  return record(out, 'neg', [ta], (grad) => [neg(grad)])
}
