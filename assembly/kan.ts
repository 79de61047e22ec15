// KAN layer forward and backward, f32x4 and f64x2. The forward computes, per block of samples and per input, the basis cache
// with the shared B-spline basis kernel (bspline.ts); each sample then updates all outputs with vectors across outputs (a scalar
// tail of the same template for the rest); the backward reads the cache. Layout as src/backend/js/kan.ts, raw byte offsets;
// 0 stands for an absent (null) array. Outputs overlap nothing. Must equal src/backend/js/kan.ts bit for bit.
// The forward runs samples [firstSample, firstSample + sampleCount) and the backward inputs [firstInput, firstInput + inputCount):
// each writes only its own outputs and sums only within them, so pool threads share one call by ranges (src/backend/wasm/threads).
import { bsplineBasisF32, bsplineBasisF64 } from './bspline'
import { BsplineOutsideIndex } from '../src/backend/kernel-indices'
import { COLUMN, KAN_BLOCK } from './thread-scratch'
import { addLanes, canonicalLanes, loadLanes, mulLanes, splatLanes, storeLanes, sumInLaneOrder } from './lanes'

/** Samples per basis call (per input), as in js; COLUMN (this thread's scratch) gathers one block's column of x. */
// @ts-ignore: decorator
@inline const BLOCK = KAN_BLOCK

// @ts-ignore: decorator
@inline function at<T>(base: usize, index: i32): usize {
  return base + (<usize>index << alignof<T>())
}

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
@inline function accumulate<T, V>(address: usize, addend: V): void {
  storeLanes<T, V>(address, addLanes<T, V>(loadLanes<T, V>(address), addend))
}

/**
 * One sample and input, the outputs at `offset`: adds to the coefficient and scale gradients in one pass over the basis rows;
 * returns gradX's running total plus these outputs' contributions g·(splineScale·slope) in lane order (unchanged when `slopes`
 * is 0: no gradX wanted).
 */
// @ts-ignore: decorator
@inline function backwardLanes<T, V>(total: T, gradRow: usize, offset: usize, values: usize, slopes: usize, width: i32,
  firstRow: usize, gradFirstRow: usize, rowBytes: usize, scaleRow: usize, gradScaleRow: usize, gradBaseScaleRow: usize, base: T): T {
  const g = loadLanes<T, V>(gradRow + offset)
  const scale = loadLanes<T, V>(scaleRow + offset)
  const weight = mulLanes<T, V>(g, scale)
  let spline = splatLanes<T, V>(<T>0), slope = splatLanes<T, V>(<T>0)
  for (let r = 0; r < width; r++) {
    const rowOffset = <usize>r * rowBytes + offset
    const coefficient = loadLanes<T, V>(firstRow + rowOffset)
    const value = splatLanes<T, V>(load<T>(at<T>(values, r)))
    spline = addLanes<T, V>(spline, mulLanes<T, V>(value, coefficient))
    if (slopes != 0) slope = addLanes<T, V>(slope, mulLanes<T, V>(splatLanes<T, V>(load<T>(at<T>(slopes, r))), coefficient))
    accumulate<T, V>(gradFirstRow + rowOffset, mulLanes<T, V>(weight, value))
  }
  accumulate<T, V>(gradScaleRow + offset, mulLanes<T, V>(g, spline))
  if (gradBaseScaleRow != 0) accumulate<T, V>(gradBaseScaleRow + offset, mulLanes<T, V>(g, splatLanes<T, V>(base)))
  if (slopes == 0) return total
  return sumInLaneOrder<T, V>(total, mulLanes<T, V>(g, mulLanes<T, V>(scale, slope)))
}

/** total + Σ_o g[o]·scale[o] over the outputs at `offset`, in lane order: gradBaseValues' running sum. */
// @ts-ignore: decorator
@inline function weightedGradient<T, V>(total: T, gradRow: usize, scaleRow: usize, offset: usize): T {
  return sumInLaneOrder<T, V>(total, mulLanes<T, V>(loadLanes<T, V>(gradRow + offset), loadLanes<T, V>(scaleRow + offset)))
}

/** array[0 … length) made canonical (canonicalLanes). */
// @ts-ignore: decorator
@inline function canonicalize<T>(array: usize, length: i32): void {
  const lanes = 16 / sizeof<T>()
  let k = 0
  for (; k + lanes <= length; k += lanes) storeLanes<T, v128>(at<T>(array, k), canonicalLanes<T, v128>(loadLanes<T, v128>(at<T>(array, k))))
  for (; k < length; k++) storeLanes<T, T>(at<T>(array, k), canonicalLanes<T, T>(loadLanes<T, T>(at<T>(array, k))))
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

/**
 * The backward loop of one input when the layer has one output (a KAN's last layer): backwardLanes' scalar arithmetic, the
 * same additions in the same order, but the two scale gradients summed in locals instead of through memory (each sample's
 * read-add-write of the same element waited for the one before it).
 */
// @ts-ignore: decorator
@inline function backwardOneOutput<T>(gradX: usize, gradBaseValues: usize, gradCoefficients: usize, coefficients: usize, baseValues: usize,
  gradRows: usize, spanRow: usize, valueRows: usize, slopeRows: usize, sampleAt: usize, batch: i32, inputSize: i32, width: i32,
  coefficientOffset: usize, outRowBytes: usize, scaleRow: usize, gradScaleRow: usize, baseScaleRow: usize, gradBaseScaleRow: usize,
  withBaseValues: bool): void {
  const scale = load<T>(scaleRow), baseScale: T = baseScaleRow == 0 ? <T>0 : load<T>(baseScaleRow)
  const valueBytes = <usize>width << alignof<T>(), inputBytes = <usize>inputSize << alignof<T>()
  const zero: T = 0   // backwardLanes' running totals start at +0: 0 + (−0) is +0
  let gradScale: T = 0, gradBaseScale: T = 0
  for (let b = 0; b < batch; b++) {
    const first = coefficientOffset + (<usize>load<i32>(spanRow + (<usize>b << 2)) << alignof<T>())
    const firstRow = coefficients + first, gradFirstRow = gradCoefficients + first
    const valueRow = valueRows + <usize>b * valueBytes, slopeRow = slopeRows == 0 ? <usize>0 : slopeRows + <usize>b * valueBytes
    const sample = sampleAt + <usize>b * inputBytes
    const g = load<T>(gradRows + <usize>b * outRowBytes)
    const weight = g * scale
    let spline: T = 0, slope: T = 0
    for (let r = 0; r < width; r++) {
      const rowOffset = <usize>r << alignof<T>()
      const coefficient = load<T>(firstRow + rowOffset), value = load<T>(valueRow + rowOffset)
      spline += value * coefficient
      if (slopeRow != 0) slope += load<T>(slopeRow + rowOffset) * coefficient
      store<T>(gradFirstRow + rowOffset, load<T>(gradFirstRow + rowOffset) + weight * value)
    }
    gradScale += g * spline
    if (gradBaseScaleRow != 0) gradBaseScale += g * (baseValues == 0 ? <T>0 : load<T>(baseValues + sample))
    if (gradX != 0) store<T>(gradX + sample, canonicalLanes<T, T>(slopeRow != 0 ? zero + g * (scale * slope) : zero))
    if (withBaseValues) store<T>(gradBaseValues + sample, canonicalLanes<T, T>(zero + g * baseScale))
  }
  store<T>(gradScaleRow, gradScale)
  if (gradBaseScaleRow != 0) store<T>(gradBaseScaleRow, gradBaseScale)
}

// @ts-ignore: decorator
@inline function backward<T>(gradX: usize, gradBaseValues: usize, gradCoefficients: usize, gradSplineScale: usize, gradBaseScale: usize,
  gradOut: usize, spans: usize, values: usize, derivatives: usize, coefficients: usize, splineScale: usize, baseValues: usize,
  baseScale: usize, batch: i32, inputSize: i32, outputSize: i32, knotCount: i32, degree: i32, edges: bool, firstInput: i32, inputCount: i32): void {
  const lanes = 16 / sizeof<T>()
  const basisCount = knotCount - degree - 1, width = degree + 1
  const rowBytes = <usize>outputSize << alignof<T>(), valueBytes = <usize>width << alignof<T>(), inputBytes = <usize>inputSize << alignof<T>()
  const outRowBytes = edges ? <usize>inputSize * rowBytes : rowBytes
  const withSlope = gradX != 0 && derivatives != 0, withBaseValues = gradBaseValues != 0 && baseScale != 0
  // the gradients of inputs [firstInput, firstInput + inputCount): their coefficient and scale rows, and their columns of gradX
  const coefficientsAt = at<T>(gradCoefficients, firstInput * basisCount * outputSize), coefficientCount = inputCount * basisCount * outputSize
  const scalesAt = firstInput * outputSize, scaleCount = inputCount * outputSize
  memory.fill(coefficientsAt, 0, <usize>coefficientCount << alignof<T>())
  memory.fill(at<T>(gradSplineScale, scalesAt), 0, <usize>scaleCount << alignof<T>())
  if (gradBaseScale != 0) memory.fill(at<T>(gradBaseScale, scalesAt), 0, <usize>scaleCount << alignof<T>())
  // input by input (each gradient element still sums its samples in order), so the per-input rows are set up once
  for (let i = firstInput; i < firstInput + inputCount; i++) {
    const edge = i * outputSize
    const scaleRow = at<T>(splineScale, edge), gradScaleRow = at<T>(gradSplineScale, edge)
    const baseScaleRow = baseScale == 0 ? <usize>0 : at<T>(baseScale, edge), gradBaseScaleRow = gradBaseScale == 0 ? <usize>0 : at<T>(gradBaseScale, edge)
    const coefficientOffset = <usize>(i * basisCount - degree) * rowBytes
    // pointers to sample 0's gradient row, span, basis rows and base value, advanced sample by sample
    let gradRow = at<T>(gradOut, edges ? edge : 0)
    let span = spans + (<usize>(i * batch) << 2)
    let valueRow = at<T>(values, i * batch * width), slopeRow = withSlope ? at<T>(derivatives, i * batch * width) : <usize>0
    let sample: usize = <usize>i << alignof<T>()   // byte offset of [b, i] in the [batch × inputSize] arrays
    if (outputSize == 1) {
      backwardOneOutput<T>(gradX, gradBaseValues, gradCoefficients, coefficients, baseValues, gradRow, span, valueRow, slopeRow, sample,
        batch, inputSize, width, coefficientOffset, outRowBytes, scaleRow, gradScaleRow, baseScaleRow, gradBaseScaleRow, withBaseValues)
      continue
    }
    for (let b = 0; b < batch; b++) {
      const first = coefficientOffset + <usize>load<i32>(span) * rowBytes
      const firstRow = coefficients + first, gradFirstRow = gradCoefficients + first
      const base: T = baseValues == 0 ? <T>0 : load<T>(baseValues + sample)
      let total: T = 0
      let o = 0
      for (; o + lanes <= outputSize; o += lanes) {
        total = backwardLanes<T, v128>(total, gradRow, <usize>o << alignof<T>(), valueRow, slopeRow, width, firstRow, gradFirstRow, rowBytes,
          scaleRow, gradScaleRow, gradBaseScaleRow, base)
      }
      for (; o < outputSize; o++) {
        total = backwardLanes<T, T>(total, gradRow, <usize>o << alignof<T>(), valueRow, slopeRow, width, firstRow, gradFirstRow, rowBytes,
          scaleRow, gradScaleRow, gradBaseScaleRow, base)
      }
      if (gradX != 0) store<T>(gradX + sample, canonicalLanes<T, T>(total))
      if (withBaseValues) {
        let baseTotal: T = 0
        o = 0
        for (; o + lanes <= outputSize; o += lanes) baseTotal = weightedGradient<T, v128>(baseTotal, gradRow, baseScaleRow, <usize>o << alignof<T>())
        for (; o < outputSize; o++) baseTotal = weightedGradient<T, T>(baseTotal, gradRow, baseScaleRow, <usize>o << alignof<T>())
        store<T>(gradBaseValues + sample, canonicalLanes<T, T>(baseTotal))
      }
      gradRow += outRowBytes
      span += 4
      valueRow += valueBytes
      if (slopeRow != 0) slopeRow += valueBytes
      sample += inputBytes
    }
  }
  canonicalize<T>(coefficientsAt, coefficientCount)
  canonicalize<T>(at<T>(gradSplineScale, scalesAt), scaleCount)
  if (gradBaseScale != 0) canonicalize<T>(at<T>(gradBaseScale, scalesAt), scaleCount)
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

export function kanBackwardF32(gradX: usize, gradBaseValues: usize, gradCoefficients: usize, gradSplineScale: usize, gradBaseScale: usize,
  gradOut: usize, spans: usize, values: usize, derivatives: usize, coefficients: usize, splineScale: usize, baseValues: usize,
  baseScale: usize, batch: i32, inputSize: i32, outputSize: i32, knotCount: i32, degree: i32, edges: bool, firstInput: i32, inputCount: i32): void {
  backward<f32>(gradX, gradBaseValues, gradCoefficients, gradSplineScale, gradBaseScale, gradOut, spans, values, derivatives, coefficients,
    splineScale, baseValues, baseScale, batch, inputSize, outputSize, knotCount, degree, edges, firstInput, inputCount)
}

export function kanBackwardF64(gradX: usize, gradBaseValues: usize, gradCoefficients: usize, gradSplineScale: usize, gradBaseScale: usize,
  gradOut: usize, spans: usize, values: usize, derivatives: usize, coefficients: usize, splineScale: usize, baseValues: usize,
  baseScale: usize, batch: i32, inputSize: i32, outputSize: i32, knotCount: i32, degree: i32, edges: bool, firstInput: i32, inputCount: i32): void {
  backward<f64>(gradX, gradBaseValues, gradCoefficients, gradSplineScale, gradBaseScale, gradOut, spans, values, derivatives, coefficients,
    splineScale, baseValues, baseScale, batch, inputSize, outputSize, knotCount, degree, edges, firstInput, inputCount)
}
