// Bezier evaluation at many parameters and the Bernstein weights behind it, f32x4 and f64x2.
// Layout: control points row-major [(degree+1)×dimension], ts [count], out row-major; raw byte offsets,
// any alignment; `scratch` holds ≥ 16·(degree+1) bytes for the weights. out must not overlap points, ts
// or scratch. Must equal bezierEvaluate and bernsteinBasis of src/backend/js/bezier.ts bit for bit.
import { addLanes, canonicalLanes, loadLanes, mulLanes, splatLanes, storeLanes, subLanes } from './lanes'

/**
 * The Bernstein weights B_{i,degree}(t), i = 0…degree, by the triangle of de Casteljau on the unit
 * basis (only sums of non-negative terms for t in [0, 1], so no cancellation), s = 1 − t:
 *   w[0] = 1;  for k = 1…degree: w[k] = t·w[k−1]; w[i] = s·w[i] + t·w[i−1] for i = k−1 down to 1; w[0] = s·w[0].
 * Writes weights[i] at weights + i·sizeof<V>() (one vector of lanes parameters, or one scalar).
 */
// @ts-ignore: decorator
@inline function bernsteinWeights<T, V>(weights: usize, t: V, degree: i32): void {
  const stride = <usize>sizeof<V>()
  const s = subLanes<T, V>(splatLanes<T, V>(1), t)
  storeLanes<T, V>(weights, splatLanes<T, V>(1))
  for (let k = 1; k <= degree; k++) {
    const top = weights + <usize>k * stride
    storeLanes<T, V>(top, mulLanes<T, V>(t, loadLanes<T, V>(top - stride)))
    for (let i = k - 1; i >= 1; i--) {
      const weight = weights + <usize>i * stride
      storeLanes<T, V>(weight, addLanes<T, V>(mulLanes<T, V>(s, loadLanes<T, V>(weight)), mulLanes<T, V>(t, loadLanes<T, V>(weight - stride))))
    }
    storeLanes<T, V>(weights, mulLanes<T, V>(s, loadLanes<T, V>(weights)))
  }
}

/** Σ_i w[i]·column[i] in i order, starting from w[0]·column[0]: `column` steps by `rowBytes` through the points. */
// @ts-ignore: decorator
@inline function weightedSum<T, V>(weights: usize, weightStride: usize, splatWeights: bool, column: usize, rowBytes: usize, splatPoints: bool, degree: i32): V {
  let sum = mulLanes<T, V>(lanesAt<T, V>(weights, splatWeights), lanesAt<T, V>(column, splatPoints))
  for (let i = 1; i <= degree; i++) {
    const term = mulLanes<T, V>(lanesAt<T, V>(weights + <usize>i * weightStride, splatWeights), lanesAt<T, V>(column + <usize>i * rowBytes, splatPoints))
    sum = addLanes<T, V>(sum, term)
  }
  return canonicalLanes<T, V>(sum)
}

/** One value broadcast to every lane, or consecutive values one per lane. */
// @ts-ignore: decorator
@inline function lanesAt<T, V>(address: usize, splat: bool): V {
  return splat ? splatLanes<T, V>(load<T>(address)) : loadLanes<T, V>(address)
}

/** Stores the `lanes` points of coordinate sums (one vector per coordinate) as consecutive rows of `dimension` ≤ lanes. */
// @ts-ignore: decorator
@inline function storeTransposed<T>(outRow: usize, sums: v128, j: i32, rowBytes: usize): void {
  const target = outRow + <usize>j * sizeof<T>()
  store<T>(target, v128.extract_lane<T>(sums, 0))
  store<T>(target + rowBytes, v128.extract_lane<T>(sums, 1))
  if (sizeof<T>() == 4) {
    store<T>(target + 2 * rowBytes, v128.extract_lane<T>(sums, 2))
    store<T>(target + 3 * rowBytes, v128.extract_lane<T>(sums, 3))
  }
}

/** 2-D: the x and y vectors of `lanes` points interleaved into x0 y0 x1 y1 … by two shuffles. */
// @ts-ignore: decorator
@inline function storeInterleaved<T>(outRow: usize, x: v128, y: v128): void {
  if (sizeof<T>() == 4) {
    v128.store(outRow, v128.shuffle<f32>(x, y, 0, 4, 1, 5))
    v128.store(outRow, v128.shuffle<f32>(x, y, 2, 6, 3, 7), 16)
  } else {
    v128.store(outRow, v128.shuffle<f64>(x, y, 0, 2))
    v128.store(outRow, v128.shuffle<f64>(x, y, 1, 3), 16)
  }
}

/**
 * Few coordinates (dimension ≤ lanes): SIMD across `lanes` parameters at once. Their weights are
 * computed lane-wise, then each coordinate's sum broadcasts one control-point value per term.
 */
// @ts-ignore: decorator
@inline function evaluateAcrossParameters<T>(out: usize, points: usize, ts: usize, degree: i32, dimension: i32, count: i32, scratch: usize): void {
  const size = <usize>sizeof<T>()
  const lanes = 16 / sizeof<T>()
  const rowBytes = <usize>dimension * size
  let p = 0
  for (; p + lanes <= count; p += lanes) {
    bernsteinWeights<T, v128>(scratch, v128.load(ts + <usize>p * size), degree)
    const outRow = out + <usize>p * rowBytes
    if (dimension == 2) {
      const x = weightedSum<T, v128>(scratch, 16, false, points, rowBytes, true, degree)
      const y = weightedSum<T, v128>(scratch, 16, false, points + size, rowBytes, true, degree)
      storeInterleaved<T>(outRow, x, y)
    } else if (dimension == 1) {
      v128.store(outRow, weightedSum<T, v128>(scratch, 16, false, points, rowBytes, true, degree))
    } else {
      for (let j = 0; j < dimension; j++) {
        storeTransposed<T>(outRow, weightedSum<T, v128>(scratch, 16, false, points + <usize>j * size, rowBytes, true, degree), j, rowBytes)
      }
    }
  }
  for (; p < count; p++) {
    bernsteinWeights<T, T>(scratch, load<T>(ts + <usize>p * size), degree)
    for (let j = 0; j < dimension; j++) {
      store<T>(out + <usize>p * rowBytes + <usize>j * size, weightedSum<T, T>(scratch, size, false, points + <usize>j * size, rowBytes, false, degree))
    }
  }
}

/**
 * Four vectors of one output row at once (the weights of one parameter at `weights`, scalar): each
 * weight is broadcast once for the four, and the four sums are independent chains. Same order as weightedSum.
 */
// @ts-ignore: decorator
@inline function storeFourWeightedSums<T>(target: usize, weights: usize, column: usize, rowBytes: usize, degree: i32): void {
  let weight = v128.splat<T>(load<T>(weights))
  let sum0 = v128.mul<T>(weight, v128.load(column)), sum1 = v128.mul<T>(weight, v128.load(column, 16))
  let sum2 = v128.mul<T>(weight, v128.load(column, 32)), sum3 = v128.mul<T>(weight, v128.load(column, 48))
  for (let i = 1; i <= degree; i++) {
    weight = v128.splat<T>(load<T>(weights + <usize>i * sizeof<T>()))
    const row = column + <usize>i * rowBytes
    sum0 = v128.add<T>(sum0, v128.mul<T>(weight, v128.load(row)))
    sum1 = v128.add<T>(sum1, v128.mul<T>(weight, v128.load(row, 16)))
    sum2 = v128.add<T>(sum2, v128.mul<T>(weight, v128.load(row, 32)))
    sum3 = v128.add<T>(sum3, v128.mul<T>(weight, v128.load(row, 48)))
  }
  v128.store(target, canonicalLanes<T, v128>(sum0))
  v128.store(target, canonicalLanes<T, v128>(sum1), 16)
  v128.store(target, canonicalLanes<T, v128>(sum2), 32)
  v128.store(target, canonicalLanes<T, v128>(sum3), 48)
}

/** Many coordinates: per parameter, scalar weights, then SIMD across the coordinates of the output row. */
// @ts-ignore: decorator
@inline function evaluateAcrossCoordinates<T>(out: usize, points: usize, ts: usize, degree: i32, dimension: i32, count: i32, scratch: usize): void {
  const size = <usize>sizeof<T>()
  const lanes = 16 / sizeof<T>()
  const rowBytes = <usize>dimension * size
  for (let p = 0; p < count; p++) {
    bernsteinWeights<T, T>(scratch, load<T>(ts + <usize>p * size), degree)
    const outRow = out + <usize>p * rowBytes
    let j = 0
    for (; j + 4 * lanes <= dimension; j += 4 * lanes) {
      const offset = <usize>j * size
      storeFourWeightedSums<T>(outRow + offset, scratch, points + offset, rowBytes, degree)
    }
    for (; j + lanes <= dimension; j += lanes) {
      const offset = <usize>j * size
      v128.store(outRow + offset, weightedSum<T, v128>(scratch, size, true, points + offset, rowBytes, false, degree))
    }
    for (; j < dimension; j++) {
      const offset = <usize>j * size
      store<T>(outRow + offset, weightedSum<T, T>(scratch, size, false, points + offset, rowBytes, false, degree))
    }
  }
}

// @ts-ignore: decorator
@inline function bezierEvaluate<T>(out: usize, points: usize, ts: usize, degree: i32, dimension: i32, count: i32, scratch: usize): void {
  if (dimension <= 16 / sizeof<T>()) evaluateAcrossParameters<T>(out, points, ts, degree, dimension, count, scratch)
  else evaluateAcrossCoordinates<T>(out, points, ts, degree, dimension, count, scratch)
}

export function bezierEvaluateF32(out: usize, points: usize, ts: usize, degree: i32, dimension: i32, count: i32, scratch: usize): void {
  bezierEvaluate<f32>(out, points, ts, degree, dimension, count, scratch)
}
export function bezierEvaluateF64(out: usize, points: usize, ts: usize, degree: i32, dimension: i32, count: i32, scratch: usize): void {
  bezierEvaluate<f64>(out, points, ts, degree, dimension, count, scratch)
}

/** out[p, i] = B_{i,degree}(ts[p]): the weights of one parameter written straight into its output row. */
// @ts-ignore: decorator
@inline function bernsteinBasis<T>(out: usize, ts: usize, degree: i32, count: i32): void {
  const size = <usize>sizeof<T>()
  const rowBytes = <usize>(degree + 1) * size
  for (let p = 0; p < count; p++) {
    const row = out + <usize>p * rowBytes
    bernsteinWeights<T, T>(row, load<T>(ts + <usize>p * size), degree)
    for (let i = 0; i <= degree; i++) store<T>(row + <usize>i * size, canonicalLanes<T, T>(load<T>(row + <usize>i * size)))
  }
}

export function bernsteinBasisF32(out: usize, ts: usize, degree: i32, count: i32): void { bernsteinBasis<f32>(out, ts, degree, count) }
export function bernsteinBasisF64(out: usize, ts: usize, degree: i32, count: i32): void { bernsteinBasis<f64>(out, ts, degree, count) }
