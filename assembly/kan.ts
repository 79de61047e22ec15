// KAN layer forward, f32x4 and f64x2 (the backward, which reads the basis cache the forward leaves, is kan-backward.ts). Per
// block of samples and per input it computes the basis cache with the shared B-spline basis kernel (bspline.ts); each sample
// then updates all outputs with vectors across outputs (a scalar tail of the same template for the rest). Layout as
// src/backend/js/kan.ts, raw byte offsets; 0 stands for an absent (null) array. Outputs overlap nothing. Must equal
// src/backend/js/kan.ts bit for bit. The forward runs samples [firstSample, firstSample + sampleCount): it writes only their
// outputs, so pool threads share one call by ranges of samples (src/backend/wasm/threads).
import { bsplineBasisF32, bsplineBasisF64 } from './bspline'
import { BsplineOutsideIndex } from '../src/backend/kernel-indices'
import { COLUMN, KAN_BLOCK } from './thread-scratch'
import { addLanes, at, canonicalLanes, loadLanes, mulLanes, splatLanes, storeLanes } from './lanes'

/** Samples per basis call (per input), as in js; COLUMN (this thread's scratch) gathers one block's column of x. */
// @ts-ignore: decorator
@inline const BLOCK = KAN_BLOCK

/** The basis cache of x[start … start + count, input]: spans[input×batch + b] and rows from (input×batch + b)×width. */
// @ts-ignore: decorator
@inline function basisOfBlock<T>(spans: usize, values: usize, derivatives: usize, x: usize, start: i32, count: i32, input: i32,
  batch: i32, inputSize: i32, knots: usize, knotCount: i32, degree: i32, uniform: bool): void {
  const knotRow = at<T>(knots, input * knotCount)
  const lowest = load<T>(knotRow), highest = load<T>(at<T>(knotRow, knotCount - 1))
  let beyond = false
  for (let p = 0; p < count; p++) {
    const value = load<T>(at<T>(x, (start + p) * inputSize + input))
    store<T>(at<T>(COLUMN, p), value)
    beyond = beyond | (value < lowest) | (value > highest)
  }
  const first = input * batch + start, rows = first * (degree + 1)
  const spanRow = spans + (<usize>first << 2), valueRow = at<T>(values, rows), derivativeRow = derivatives == 0 ? <usize>0 : at<T>(derivatives, rows)
  if (sizeof<T>() == 4) bsplineBasisF32(spanRow, valueRow, derivativeRow, COLUMN, count, knotRow, knotCount, degree, BsplineOutsideIndex.extrapolate, uniform)
  else bsplineBasisF64(spanRow, valueRow, derivativeRow, COLUMN, count, knotRow, knotCount, degree, BsplineOutsideIndex.extrapolate, uniform)
  if (!beyond) return
  // zero beyond the whole knot vector (the end polynomials continue up to its ends)
  const rowBytes = <usize>(degree + 1) << alignof<T>()
  for (let p = 0; p < count; p++) {
    const value = load<T>(at<T>(COLUMN, p))
    if (!(value < lowest || value > highest)) continue
    memory.fill(valueRow + <usize>p * rowBytes, 0, rowBytes)
    if (derivativeRow != 0) memory.fill(derivativeRow + <usize>p * rowBytes, 0, rowBytes)
  }
}

/** Σ_r weights[r]·c[row r + offset], r ascending from 0: a spline's value (weights = basis) or slope (= derivatives). */
// @ts-ignore: decorator
@inline function combine<T, V>(weights: usize, width: i32, firstRow: usize, rowBytes: usize, offset: usize): V {
  let total = splatLanes<T, V>(<T>0)
  if (width == 4) {   // cubic, unrolled: the same sum in the same order, without the loop's branches between its terms
    const row = firstRow + offset
    total = addLanes<T, V>(total, mulLanes<T, V>(splatLanes<T, V>(load<T>(weights)), loadLanes<T, V>(row)))
    total = addLanes<T, V>(total, mulLanes<T, V>(splatLanes<T, V>(load<T>(at<T>(weights, 1))), loadLanes<T, V>(row + rowBytes)))
    total = addLanes<T, V>(total, mulLanes<T, V>(splatLanes<T, V>(load<T>(at<T>(weights, 2))), loadLanes<T, V>(row + 2 * rowBytes)))
    return addLanes<T, V>(total, mulLanes<T, V>(splatLanes<T, V>(load<T>(at<T>(weights, 3))), loadLanes<T, V>(row + 3 * rowBytes)))
  }
  for (let r = 0; r < width; r++) {
    total = addLanes<T, V>(total, mulLanes<T, V>(splatLanes<T, V>(load<T>(at<T>(weights, r))), loadLanes<T, V>(firstRow + <usize>r * rowBytes + offset)))
  }
  return total
}

/** One sample and input, the outputs at `offset`: term = baseScale·base + splineScale·spline, stored (edges) or added; made
 *  canonical when it is the final value (`last`: per edge, or the last input). The scales come loaded (`withBase`: a base
 *  branch). */
// @ts-ignore: decorator
@inline function forwardLanes<T, V>(row: usize, offset: usize, values: usize, width: i32, firstRow: usize, rowBytes: usize,
  scale: V, baseScale: V, withBase: bool, base: T, edges: bool, last: bool): void {
  let term = mulLanes<T, V>(scale, combine<T, V>(values, width, firstRow, rowBytes, offset))
  if (withBase) term = addLanes<T, V>(mulLanes<T, V>(baseScale, splatLanes<T, V>(base)), term)
  const result = edges ? term : addLanes<T, V>(loadLanes<T, V>(row + offset), term)
  storeLanes<T, V>(row + offset, last ? canonicalLanes<T, V>(result) : result)
}

/** The outputs at `offset` of a scale row, or zeros where there is no row (base 'none'). */
// @ts-ignore: decorator
@inline function scaleLanes<T, V>(scaleRow: usize, offset: usize): V {
  return scaleRow == 0 ? splatLanes<T, V>(<T>0) : loadLanes<T, V>(scaleRow + offset)
}

// @ts-ignore: decorator
@inline function forward<T>(out: usize, spans: usize, values: usize, derivatives: usize, x: usize, knots: usize, coefficients: usize,
  splineScale: usize, baseValues: usize, baseScale: usize, batch: i32, inputSize: i32, outputSize: i32, knotCount: i32, degree: i32,
  uniform: bool, edges: bool, firstSample: i32, sampleCount: i32): void {
  const lanes = 16 / sizeof<T>()
  const basisCount = knotCount - degree - 1, width = degree + 1
  const rowBytes = <usize>outputSize << alignof<T>(), valueBytes = <usize>width << alignof<T>(), inputBytes = <usize>inputSize << alignof<T>()
  const outRowBytes = edges ? <usize>inputSize * rowBytes : rowBytes
  const end = firstSample + sampleCount
  if (!edges) memory.fill(out + <usize>firstSample * rowBytes, 0, <usize>sampleCount * rowBytes)
  for (let start = firstSample; start < end; start += BLOCK) {
    const count = min(BLOCK, end - start)
    for (let i = 0; i < inputSize; i++) {
      basisOfBlock<T>(spans, values, derivatives, x, start, count, i, batch, inputSize, knots, knotCount, degree, uniform)
      const scaleRow = at<T>(splineScale, i * outputSize), baseScaleRow = baseScale == 0 ? <usize>0 : at<T>(baseScale, i * outputSize)
      const last = edges || i == inputSize - 1
      const firstOfInput = at<T>(coefficients, (i * basisCount - degree) * outputSize)
      if (outputSize == 1) {
        // one output (a KAN's last layer): its scales loaded once here, not again for every sample (the stores to out
        // might alias them as far as the compiler knows); samples addressed by index
        const scale = load<T>(scaleRow), baseScaleValue = scaleLanes<T, T>(baseScaleRow, 0)
        const rowsAt = at<T>(out, edges ? start * inputSize + i : start), spansAt = spans + (<usize>(i * batch + start) << 2)
        const valuesAt = at<T>(values, (i * batch + start) * width), basesAt = at<T>(baseValues, start * inputSize + i)
        for (let p = 0; p < count; p++) {
          const base: T = baseValues == 0 ? <T>0 : load<T>(basesAt + <usize>p * inputBytes)
          const firstRow = firstOfInput + (<usize>load<i32>(spansAt + (<usize>p << 2)) << alignof<T>())
          forwardLanes<T, T>(rowsAt + <usize>p * outRowBytes, 0, valuesAt + <usize>p * valueBytes, width, firstRow, rowBytes, scale,
            baseScaleValue, baseScaleRow != 0, base, edges, last)
        }
        continue
      }
      // pointers to sample `start`'s out row, span, basis row and base value, advanced sample by sample
      let row = at<T>(out, edges ? (start * inputSize + i) * outputSize : start * outputSize)
      let span = spans + (<usize>(i * batch + start) << 2)
      let valueRow = at<T>(values, (i * batch + start) * width)
      let baseValue = baseValues == 0 ? <usize>0 : at<T>(baseValues, start * inputSize + i)
      for (let p = 0; p < count; p++) {
        const firstRow = firstOfInput + <usize>load<i32>(span) * rowBytes
        const base: T = baseValue == 0 ? <T>0 : load<T>(baseValue)
        let o = 0
        for (; o + lanes <= outputSize; o += lanes) {
          const offset = <usize>o << alignof<T>()
          forwardLanes<T, v128>(row, offset, valueRow, width, firstRow, rowBytes, loadLanes<T, v128>(scaleRow + offset),
            scaleLanes<T, v128>(baseScaleRow, offset), baseScaleRow != 0, base, edges, last)
        }
        for (; o < outputSize; o++) {
          const offset = <usize>o << alignof<T>()
          forwardLanes<T, T>(row, offset, valueRow, width, firstRow, rowBytes, loadLanes<T, T>(scaleRow + offset),
            scaleLanes<T, T>(baseScaleRow, offset), baseScaleRow != 0, base, edges, last)
        }
        row += outRowBytes
        span += 4
        valueRow += valueBytes
        if (baseValue != 0) baseValue += inputBytes
      }
    }
  }
}

export function kanForwardF32(out: usize, spans: usize, values: usize, derivatives: usize, x: usize, knots: usize, coefficients: usize,
  splineScale: usize, baseValues: usize, baseScale: usize, batch: i32, inputSize: i32, outputSize: i32, knotCount: i32, degree: i32,
  uniform: bool, edges: bool, firstSample: i32, sampleCount: i32): void {
  forward<f32>(out, spans, values, derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, batch, inputSize, outputSize,
    knotCount, degree, uniform, edges, firstSample, sampleCount)
}

export function kanForwardF64(out: usize, spans: usize, values: usize, derivatives: usize, x: usize, knots: usize, coefficients: usize,
  splineScale: usize, baseValues: usize, baseScale: usize, batch: i32, inputSize: i32, outputSize: i32, knotCount: i32, degree: i32,
  uniform: bool, edges: bool, firstSample: i32, sampleCount: i32): void {
  forward<f64>(out, spans, values, derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, batch, inputSize, outputSize,
    knotCount, degree, uniform, edges, firstSample, sampleCount)
}
