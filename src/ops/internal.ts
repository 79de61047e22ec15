// Shared argument checks of the ops, with messages that name the op and the argument.
import { Tensor } from '../tensor/tensor'
import { formatShape } from '../tensor/shape'

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
