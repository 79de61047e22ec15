// Shape-changing ops: reshape (shares storage), transpose (2-D), slice and rows (row selection),
// concat and clone — all exact copies or views, each with its backward beside it.
import { Tensor } from '../tensor/tensor'
import { checkShape, formatShape, sizeOf } from '../tensor/shape'
import { record } from '../autograd/tape'
import { checkPair, checkTensor } from './internal'
import { copyTensor, empty } from '../tensor/allocate'

export function reshape(tensor: Tensor, shape: number[]): Tensor {
  const t = checkTensor('reshape', 'tensor', tensor)
  if (!Array.isArray(shape)) throw new TypeError(`reshape: shape must be an array such as [2, 3], got ${typeof shape}`)
  const inferred = shape.filter((dimension) => dimension === -1).length
  if (inferred > 1) throw new RangeError(`reshape: at most one dimension may be -1 (inferred), got ${formatShape(shape)}`)
  const known = checkShape('reshape', shape.map((dimension) => (dimension === -1 ? 1 : dimension)))
  const knownSize = sizeOf(known)
  const target = inferred === 1 ? shape.map((dimension) => (dimension === -1 ? (knownSize === 0 ? 0 : t.size / knownSize) : dimension)) : known
  if (!target.every(Number.isInteger) || sizeOf(target) !== t.size) {
    throw new RangeError(`reshape: cannot view ${t.size} elements of shape ${formatShape(t.shape)} as ${formatShape(shape)}`)
  }
  const out = new Tensor(t.context, t.storage, target)
  return record(out, 'reshape', [t], (grad) => [reshape(grad, [...t.shape])])
}

function checkMatrix(where: string, t: Tensor): [number, number] {
  if (t.rank !== 2) throw new RangeError(`${where}: needs a 2-D tensor, got shape ${formatShape(t.shape)}`)
  return [t.shape[0], t.shape[1]]
}

/** The transpose of a matrix (a copy). */
export function transpose(tensor: Tensor): Tensor {
  const t = checkTensor('transpose', 'tensor', tensor)
  const [rowCount, columnCount] = checkMatrix('transpose', t)
  const out = empty(t.context, t.dtype, [columnCount, rowCount])
  const source = t.data, target = out.data
  for (let r = 0; r < rowCount; r++) for (let c = 0; c < columnCount; c++) target[c * rowCount + r] = source[r * columnCount + c]
  return record(out, 'transpose', [t], (grad) => [transpose(grad)])
}

function checkIndex(where: string, name: string, value: unknown, limit: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > limit) {
    throw new RangeError(`${where}: ${name} must be an integer in [0, ${limit}], got ${String(value)}`)
  }
  return value
}

/** Rows start..end−1 along the first axis (a copy). */
export function slice(tensor: Tensor, start: number, end?: number): Tensor {
  const t = checkTensor('slice', 'tensor', tensor)
  if (t.rank === 0) throw new RangeError('slice: a 0-d tensor has no axis to slice')
  const length = t.shape[0]
  checkIndex('slice', 'start', start, length)
  const stop = end === undefined ? length : checkIndex('slice', 'end', end, length)
  if (stop < start) throw new RangeError(`slice: end (${stop}) must not be less than start (${start})`)
  const rowSize = t.size / length
  const out = empty(t.context, t.dtype, [stop - start, ...t.shape.slice(1)])
  out.data.set(t.data.subarray(start * rowSize, stop * rowSize))
  return record(out, 'slice', [t], (grad) => {
    const full = empty(t.context, t.dtype, t.shape)
    full.data.set(grad.data, start * rowSize)
    return [full]
  })
}

/** Rows shorter than this are gathered element by element, longer ones with one typed-array copy each. */
const SHORT_ROW = 32

/** The rows at `indices` along the first axis, in that order (a copy; indices may repeat). */
export function rows(tensor: Tensor, indices: ArrayLike<number>): Tensor {
  const t = checkTensor('rows', 'tensor', tensor)
  if (t.rank === 0) throw new RangeError('rows: a 0-d tensor has no rows')
  const length = t.shape[0]
  const rowSize = t.size / length
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]
    if (!Number.isInteger(index) || index < 0 || index >= length) {
      throw new RangeError(`rows: indices[${i}] must be a row index in [0, ${length}), got ${index}`)
    }
  }
  const picked = Array.from(indices)
  const out = empty(t.context, t.dtype, [picked.length, ...t.shape.slice(1)])
  const source = t.data, target = out.data
  if (rowSize < SHORT_ROW) {
    // a short row (fit()'s batches of a few features) is copied element by element: a subarray per row costs more
    for (let i = 0; i < picked.length; i++) {
      for (let k = 0, from = picked[i] * rowSize, to = i * rowSize; k < rowSize; k++) target[to + k] = source[from + k]
    }
  } else {
    picked.forEach((index, i) => target.set(source.subarray(index * rowSize, (index + 1) * rowSize), i * rowSize))
  }
  return record(out, 'rows', [t], (grad) => {
    // a row picked twice receives both gradients, added in the order the picks appear
    const full = empty(t.context, t.dtype, t.shape)
    const gradRows = grad.data, fullRows = full.data
    const addRow = t.context.kernels.add
    picked.forEach((index, i) => {
      const destination = fullRows.subarray(index * rowSize, (index + 1) * rowSize)
      addRow(destination, destination, gradRows.subarray(i * rowSize, (i + 1) * rowSize), rowSize)
    })
    return [full]
  })
}

/** Joins tensors along `axis` (default 0); all other dimensions must agree. */
export function concat(tensors: Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new TypeError('concat: tensors must be a non-empty array of Tensors')
  tensors.forEach((t, i) => checkTensor('concat', `tensors[${i}]`, t))
  const first = tensors[0]
  if (!Number.isInteger(axis) || axis < 0 || axis >= Math.max(1, first.rank)) {
    throw new RangeError(`concat: axis must be an integer in [0, ${first.rank - 1}], got ${axis}`)
  }
  for (const [i, t] of tensors.entries()) {
    checkPair('concat', first, t)
    const matches = t.rank === first.rank && t.shape.every((dimension, d) => d === axis || dimension === first.shape[d])
    if (!matches) throw new RangeError(`concat: tensors[${i}] has shape ${formatShape(t.shape)}, which does not match ${formatShape(first.shape)} outside axis ${axis}`)
  }
  const outer = sizeOf(first.shape.slice(0, axis)), inner = sizeOf(first.shape.slice(axis + 1))
  const total = tensors.reduce((sum, t) => sum + t.shape[axis], 0)
  const out = empty(first.context, first.dtype, first.shape.map((dimension, d) => (d === axis ? total : dimension)))
  const target = out.data
  let columnOffset = 0
  for (const t of tensors) {
    const block = t.shape[axis] * inner, source = t.data
    for (let o = 0; o < outer; o++) target.set(source.subarray(o * block, (o + 1) * block), o * total * inner + columnOffset)
    columnOffset += block
  }
  return record(out, 'concat', tensors, (grad) => {
    let offset = 0
    return tensors.map((t) => {
      const block = t.shape[axis] * inner
      const part = empty(t.context, t.dtype, t.shape)
      for (let o = 0; o < outer; o++) part.data.set(grad.data.subarray(o * total * inner + offset, o * total * inner + offset + block), o * block)
      offset += block
      return part
    })
  })
}

/** A copy on the tape (its gradient passes straight through). */
export function clone(tensor: Tensor): Tensor {
  const t = checkTensor('clone', 'tensor', tensor)
  return record(copyTensor(t), 'clone', [t], (grad) => [grad])
}
