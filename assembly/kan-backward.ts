// KAN layer backward, f32x4 and f64x2: reads the basis cache (spans, basis rows and their derivatives) the forward
// (kan.ts) leaves, and gives the gradients of the coefficients, both scales, x and the base values. Layout as
// src/backend/js/kan.ts, raw byte offsets; 0 stands for an absent (null) array. Outputs overlap nothing. Must equal
// src/backend/js/kan.ts bit for bit. It runs inputs [firstInput, firstInput + inputCount): an input's coefficient and
// scale gradients and its column of gradX are its own, and each element still sums its samples in order, so pool threads
// share one call by ranges of inputs (src/backend/wasm/threads).
import { addLanes, at, canonicalLanes, loadLanes, mulLanes, splatLanes, storeLanes, sumInLaneOrder } from './lanes'

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
