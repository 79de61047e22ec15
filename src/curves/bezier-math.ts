// Pure float64 math on packed Bezier control points ([(degree+1)×dimension], row-major): evaluation,
// de Casteljau subdivision, hodograph, degree elevation and the chord-deviation bound. The Bezier
// class and its measuring, flattening and projecting helpers are built from these.
import { bernsteinWeightsInto } from '../math/bernstein'

export interface ControlPoints {
  /** Packed rows of `dimension` coordinates, degree + 1 of them. */
  readonly points: Float64Array
  readonly degree: number
  readonly dimension: number
}

export function controlPoints(points: Float64Array, dimension: number): ControlPoints {
  return { points, degree: points.length / dimension - 1, dimension }
}

/**
 * out[outOffset + j] = B(t)_j, with weights and summation order exactly those of the bezierEvaluate
 * kernel in float64, so at(t) and atMany([t]) give the same bits. `weights` holds ≥ degree+1 values.
 */
export function evaluateInto(out: Float64Array, outOffset: number, curve: ControlPoints, t: number, weights: Float64Array): void {
  const { points, degree, dimension } = curve
  bernsteinWeightsInto(weights, 0, t, degree)
  for (let j = 0; j < dimension; j++) {
    let sum = weights[0] * points[j]
    for (let i = 1; i <= degree; i++) sum += weights[i] * points[i * dimension + j]
    out[outOffset + j] = sum
  }
}

export function evaluate(curve: ControlPoints, t: number): Float64Array {
  const out = new Float64Array(curve.dimension)
  evaluateInto(out, 0, curve, t, new Float64Array(curve.degree + 1))
  return out
}

/**
 * de Casteljau at t: the control points of the pieces on [0, t] and [t, 1]. Each level replaces
 * row i by (1 − t)·row i + t·row i+1; the first row of each level goes left, the last right.
 */
export function split(curve: ControlPoints, t: number): [Float64Array, Float64Array] {
  const { points, degree, dimension } = curve
  const work = Float64Array.from(points)
  const left = new Float64Array(points.length), right = new Float64Array(points.length)
  const s = 1 - t
  for (let level = 0; level <= degree; level++) {
    const last = degree - level
    for (let j = 0; j < dimension; j++) {
      left[level * dimension + j] = work[j]
      right[last * dimension + j] = work[last * dimension + j]
    }
    for (let i = 0; i < last; i++) {
      for (let j = 0; j < dimension; j++) work[i * dimension + j] = s * work[i * dimension + j] + t * work[(i + 1) * dimension + j]
    }
  }
  return [left, right]
}

/** The control points of the piece on [t0, t1] (0 ≤ t0 < t1 ≤ 1): split at t1, then the left part at t0/t1. */
export function segment(curve: ControlPoints, t0: number, t1: number): Float64Array {
  const head = t1 === 1 ? curve.points : split(curve, t1)[0]
  return t0 === 0 ? Float64Array.from(head) : split(controlPoints(head, curve.dimension), t0 / t1)[1]
}

/** The hodograph B'(t): degree − 1, control points degree·(P[i+1] − P[i]). A constant's is the zero constant. */
export function hodograph(curve: ControlPoints): Float64Array {
  const { points, degree, dimension } = curve
  if (degree === 0) return new Float64Array(dimension)
  const out = new Float64Array(degree * dimension)
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < dimension; j++) out[i * dimension + j] = degree * (points[(i + 1) * dimension + j] - points[i * dimension + j])
  }
  return out
}

/** The same curve with degree + 1: Q[i] = (i/(n+1))·P[i−1] + (1 − i/(n+1))·P[i]. */
export function elevate(curve: ControlPoints): Float64Array {
  const { points, degree, dimension } = curve
  const n1 = degree + 1
  const out = new Float64Array((n1 + 1) * dimension)
  for (let j = 0; j < dimension; j++) {
    out[j] = points[j]
    out[n1 * dimension + j] = points[degree * dimension + j]
  }
  for (let i = 1; i < n1; i++) {
    const a = i / n1
    for (let j = 0; j < dimension; j++) out[i * dimension + j] = a * points[(i - 1) * dimension + j] + (1 - a) * points[i * dimension + j]
  }
  return out
}

/**
 * A proven bound on sup_t ‖B(t) − L(t)‖, L the chord from P[0] to P[n] at the same parameter:
 * B − L vanishes at both ends and has second derivative B'', so ‖B(t) − L(t)‖ ≤ t(1−t)/2·sup‖B''‖
 * ≤ sup‖B''‖/8 (Green's function of u'' on [0, 1], non-negative); and B'' = n(n−1)·Σ Δ²P_i·B_{i,n−2}
 * is a convex combination, so sup‖B''‖ ≤ n(n−1)·max_i‖Δ²P_i‖. Hence the bound n(n−1)/8·max‖Δ²P_i‖.
 */
export function chordDeviationBound(curve: ControlPoints): number {
  const { points, degree, dimension } = curve
  let largest = 0
  for (let i = 0; i + 2 <= degree; i++) {
    let squared = 0
    for (let j = 0; j < dimension; j++) {
      const second = points[i * dimension + j] - 2 * points[(i + 1) * dimension + j] + points[(i + 2) * dimension + j]
      squared += second * second
    }
    if (squared > largest) largest = squared
  }
  return (degree * (degree - 1) / 8) * Math.sqrt(largest)
}

/** The largest |coordinate|: the scale against which float64 rounding of this curve is measured. */
export function magnitude(values: ArrayLike<number>): number {
  let largest = 0
  for (let i = 0; i < values.length; i++) {
    const size = Math.abs(values[i])
    if (size > largest) largest = size
  }
  return largest
}

export function distance(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, dimension: number): number {
  let squared = 0
  for (let j = 0; j < dimension; j++) {
    const difference = a[aOffset + j] - b[bOffset + j]
    squared += difference * difference
  }
  return Math.sqrt(squared)
}

/** Distance from q to the segment between the points starting at element offsets a and b of a packed array. */
export function distanceToSegment(q: ArrayLike<number>, points: ArrayLike<number>, a: number, b: number, dimension: number): number {
  let along = 0, lengthSquared = 0
  for (let j = 0; j < dimension; j++) {
    const direction = points[b + j] - points[a + j]
    along += (q[j] - points[a + j]) * direction
    lengthSquared += direction * direction
  }
  const u = lengthSquared > 0 ? Math.min(1, Math.max(0, along / lengthSquared)) : 0
  let squared = 0
  for (let j = 0; j < dimension; j++) {
    const difference = q[j] - (points[a + j] + u * (points[b + j] - points[a + j]))
    squared += difference * difference
  }
  return Math.sqrt(squared)
}
