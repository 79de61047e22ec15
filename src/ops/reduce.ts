// sum and mean over everything or along one axis. A tensor is seen as [outer, axis, inner]: the
// kernels sum rows (inner = 1), columns (outer = 1) or, in general, columns of each outer block,
// always in index order. The gradient spreads G back over the summed axis by copying.
import type { Tensor } from '../tensor/tensor'
import { formatShape, sizeOf } from '../tensor/shape'
import { record } from '../autograd/tape'
import { checkTensor } from './internal'
import { empty } from '../tensor/allocate'
import { mul } from './arithmetic'

export interface ReduceOptions {
  /** Keep the summed axis as a dimension of length 1. */
  keepDims?: boolean
}

function checkAxis(where: string, t: Tensor, axis: unknown): number {
  if (typeof axis !== 'number') {
    throw new TypeError(`${where}: axis must be an integer (${where}(t, axis, { keepDims })), got ${axis === null ? 'null' : Array.isArray(axis) ? 'an Array' : `a${typeof axis === 'object' || typeof axis === 'undefined' ? 'n' : ''} ${typeof axis}`}`)
  }
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -t.rank || axis >= t.rank) {
    throw new RangeError(`${where}: axis ${String(axis)} is out of range for shape ${formatShape(t.shape)} (rank ${t.rank}); use an integer in [${-t.rank}, ${t.rank - 1}]`)
  }
  return axis < 0 ? axis + t.rank : axis
}

export function sum(tensor: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  const t = checkTensor('sum', 'tensor', tensor)
  const { kernels } = t.context
  if (axis === undefined) {
    const out = empty(t.context, t.dtype, options.keepDims ? t.shape.map(() => 1) : [])
    kernels.sumRows(out.data, t.data, 1, t.size)
    return record(out, 'sum', [t], (grad) => {
      const spread = empty(t.context, t.dtype, t.shape)
      spread.data.fill(grad.data[0])
      return [spread]
    })
  }
  const along = checkAxis('sum', t, axis)
  const outer = sizeOf(t.shape.slice(0, along)), length = t.shape[along], inner = sizeOf(t.shape.slice(along + 1))
  const keptShape = t.shape.map((dimension, d) => (d === along ? 1 : dimension))
  const out = empty(t.context, t.dtype, options.keepDims ? keptShape : t.shape.filter((_, d) => d !== along))
  const source = t.data, target = out.data
  if (inner === 1) kernels.sumRows(target, source, outer, length)
  else {
    for (let o = 0; o < outer; o++) {
      kernels.sumColumns(target.subarray(o * inner, (o + 1) * inner), source.subarray(o * length * inner, (o + 1) * length * inner), length, inner)
    }
  }
  return record(out, 'sum', [t], (grad) => {
    const spread = empty(t.context, t.dtype, t.shape)
    const g = grad.data, target = spread.data
    for (let o = 0; o < outer; o++) {
      const block = g.subarray(o * inner, (o + 1) * inner)
      for (let i = 0; i < length; i++) target.set(block, (o * length + i) * inner)
    }
    return [spread]
  })
}

export function mean(tensor: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  const t = checkTensor('mean', 'tensor', tensor)
  const count = axis === undefined ? t.size : t.shape[checkAxis('mean', t, axis)]
  if (count === 0) throw new RangeError(`mean: nothing to average over (shape ${formatShape(t.shape)})`)
  // sum then multiply by 1/count (rounded to the dtype): the same two kernels on both backends
  return mul(sum(t, axis, options), 1 / count)
}
