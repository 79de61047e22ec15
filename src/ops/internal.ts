// Shared plumbing of the ops: argument checks with messages that name the op and the argument,
// and allocation of result tensors on the operands' backend.
import type { DType } from '../backend/kernels'
import { Tensor } from '../tensor/tensor'
import type { TensorContext } from '../tensor/context'
import { formatShape, type Shape, sizeOf } from '../tensor/shape'

export function checkTensor(where: string, name: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an Array (wrap it with tensor(...))' : typeof value
    throw new TypeError(`${where}: ${name} must be a Tensor, got ${got}`)
  }
  value.storage.data(where)   // throws the released-tensor error early, naming the op
  return value
}

/** Two operands of one op: same backend, same dtype. */
export function checkPair(where: string, a: Tensor, b: Tensor): void {
  if (a.context !== b.context) {
    throw new TypeError(`${where}: the tensors belong to two different backends (${a.context.backend.name} and ${b.context.backend.name}, from two init() calls); ` +
      'move one over with tensor(x.toArray(), { dtype }) after init() of the other')
  }
  if (a.dtype !== b.dtype) {
    throw new TypeError(`${where}: dtypes differ: ${a.dtype} ${formatShape(a.shape)} and ${b.dtype} ${formatShape(b.shape)}; convert one with tensor(x.data, { dtype, shape })`)
  }
}

/** A zeroed tensor of `shape` (in the current scope's arena, or on the heap when asked). */
export function empty(context: TensorContext, dtype: DType, shape: Shape, where: 'current' | 'heap' = 'current'): Tensor {
  return new Tensor(context, context.memory.allocate(dtype, sizeOf(shape), where), shape)
}

export function emptyLike(tensor: Tensor): Tensor {
  return empty(tensor.context, tensor.dtype, tensor.shape)
}

export function onesLike(tensor: Tensor): Tensor {
  const ones = emptyLike(tensor)
  ones.data.fill(1)
  return ones
}

/** A copy with no tape connection. */
export function copyTensor(tensor: Tensor, where: 'current' | 'heap' = 'current'): Tensor {
  const copy = empty(tensor.context, tensor.dtype, tensor.shape, where)
  copy.data.set(tensor.data)
  return copy
}

/** A tensor of `shape` holding `value` everywhere, on the operand's backend and dtype. */
export function filledLike(like: Tensor, shape: Shape, value: number): Tensor {
  const filled = empty(like.context, like.dtype, shape)
  filled.data.fill(value)
  return filled
}
