// The batched B-spline basis through the runtime's validated kernels (wasm or js, same bits), on blocks of the tensor
// memory held for the call only (withBlocks). The results are copied out.
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
  // the spans are int32: 4-byte elements, a float32 block viewed as Int32Array (float64: half as many elements)
  const spanLength = dtype === 'float32' ? count : Math.ceil(count / 2)
  return tensors.memory.withBlocks(where, dtype, [...lengths, spanLength], ([xView, knotView, valueView, spanBlock]) => {
    const spans = new Int32Array(spanBlock.buffer, spanBlock.byteOffset, count)
    xView.set(x)
    knotView.set(knots)
    kernels.bsplineBasis(spans, valueView, null, xView, count, knotView, knots.length, degree, outside, uniform)
    return { spans: spans.slice(), values: valueView.slice() }
  })
}
