// The batched B-spline basis through the runtime's validated kernels (wasm or js, same bits): arrays are taken
// from the tensor memory together, viewed after the last allocation (a growing wasm memory detaches earlier views),
// and released afterwards. The results are copied out.
import type { BsplineOutside, DType, FloatArray } from '../backend/kernels'
import { runtime } from '../init'

export interface BasisRows {
  /** spans[i]: the span of x[i]; its basis functions are spans[i] − degree … spans[i]. */
  spans: Int32Array
  /** values[i×(degree+1) + r] = B_{spans[i] − degree + r}(x[i]). */
  values: FloatArray
}

export function basisRows(where: string, dtype: DType, x: ArrayLike<number>, knots: ArrayLike<number>, degree: number,
  outside: BsplineOutside, uniform: boolean): BasisRows {
  const { kernels, tensors } = runtime()
  const count = x.length
  const lengths = [count, knots.length, count * (degree + 1)]
  const storages = lengths.map((length) => tensors.memory.allocate(dtype, length, 'heap'))
  // the spans are int32: 4-byte elements, allocated as float32 and viewed as Int32Array
  const spanStorage = tensors.memory.allocate('float32', count, 'heap')
  try {
    const [xView, knotView, valueView] = storages.map((storage) => storage.data(where))
    const spanBytes = spanStorage.data(where)
    const spans = new Int32Array(spanBytes.buffer, spanBytes.byteOffset, count)
    xView.set(x)
    knotView.set(knots)
    kernels.bsplineBasis(spans, valueView, null, xView, count, knotView, knots.length, degree, outside, uniform)
    return { spans: spans.slice(), values: valueView.slice() }
  } finally {
    for (const storage of [...storages, spanStorage]) tensors.memory.release(storage)
  }
}
