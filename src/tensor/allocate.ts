// Tensors the library makes for itself (op results, gradients, parameters): zeroed, filled or copied,
// on a given context, in the current scope's arena or, when asked, on the heap. No checks: callers
// pass shapes and dtypes they already validated.
import type { DType } from '../backend/kernels'
import { Tensor } from './tensor'
import type { TensorContext } from './context'
import { sizeOf, type Shape } from './shape'

/** A zeroed tensor of `shape` (in the current scope's arena, or on the heap when asked). */
export function empty(context: TensorContext, dtype: DType, shape: Shape, where: 'current' | 'heap' = 'current'): Tensor {
  return new Tensor(context, context.memory.allocate(dtype, sizeOf(shape), where), shape)
}

/** A tensor for a kernel that writes every element before anything reads it: in a scope's arena its bytes are not zeroed
 *  first (the KAN [4,64,1] step at batch 3000 on 2 threads: its forward's ~12 MB of outputs and caches made unzeroed took
 *  zeroing from 9.5% to 5.4% of the main thread); elsewhere as empty(). */
export function unzeroed(context: TensorContext, dtype: DType, shape: Shape): Tensor {
  return new Tensor(context, context.memory.allocate(dtype, sizeOf(shape), 'current', false), shape)
}

export function emptyLike(tensor: Tensor): Tensor {
  return empty(tensor.context, tensor.dtype, tensor.shape)
}

/** A tensor of `shape` holding `value` everywhere, on the operand's backend and dtype. */
export function filledLike(like: Tensor, shape: Shape, value: number): Tensor {
  const filled = empty(like.context, like.dtype, shape)
  filled.data.fill(value)
  return filled
}

/** A copy with no tape connection. */
export function copyTensor(tensor: Tensor, where: 'current' | 'heap' = 'current'): Tensor {
  const copy = empty(tensor.context, tensor.dtype, tensor.shape, where)
  copy.data.set(tensor.data)
  return copy
}
