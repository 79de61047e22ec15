// Continuity reports: how many derivatives of a piecewise polynomial agree across a point (a B-spline knot, a join
// of Bezier stretches), and by how much each one jumps. Both sides are evaluated in float64 from their own pieces, so
// a jump that is zero in exact arithmetic comes out as rounding; it counts as zero within 64 ulps of the scale of
// that derivative's coefficients (the size of the terms whose rounding it is).
import type { Bezier } from './bezier'
import { basisDerivatives, derivativeOnce, spanOf, type SplineData } from './bspline-math'
import { checkPositiveNumber } from './common'
import { describeValue } from '../check/describe'
import { checkOptions } from '../check/names'

export interface ContinuityReport {
  /**
   * The largest k with derivatives 0 … k continuous (C^k): −1 where the curve itself jumps, Infinity where every
   * derivative agrees (inside a span, or at a knot that changes nothing).
   */
  order: number
  /** jumps[m]: the right-hand minus the left-hand m-th derivative, per coordinate, for m = 0 … degree. */
  jumps: Float64Array[]
}

/** How many units in the last place of the scale a jump may be and still count as zero. */
export const CONTINUITY_ULPS = 64

function reportOf(jumps: Float64Array[], scales: number[]): ContinuityReport {
  const threshold = (m: number) => CONTINUITY_ULPS * Number.EPSILON * scales[m]
  const first = jumps.findIndex((jump, m) => jump.some((value) => !(Math.abs(value) <= threshold(m))))
  return { order: first < 0 ? Infinity : first - 1, jumps }
}

function largestMagnitude(values: ArrayLike<number>): number {
  let largest = 0
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]))
  return largest
}

/** The non-empty span whose closed right end holds x (t_s < x ≤ t_{s+1}); the first span at or before the domain. */
export function leftSpanOf(knots: Float64Array, degree: number, x: number): number {
  let span = knots.length - degree - 2
  while (span > degree && !(knots[span] < x)) span--
  return span
}

/** The spline's value at x from the polynomial piece of `span`: Σ_r B_{span−degree+r}(x)·c[span−degree+r], r ascending. */
export function valueOnSpan({ knots, coefficients, degree, dimension }: SplineData, span: number, x: number): Float64Array {
  const basis = basisDerivatives(knots, degree, span, x, 0)
  const point = new Float64Array(dimension)
  for (let r = 0; r <= degree; r++) {
    for (let d = 0; d < dimension; d++) point[d] += basis[r] * coefficients[(span - degree + r) * dimension + d]
  }
  return point
}

/** The jumps of derivatives 0 … degree of a B-spline at x, each side from its own span. */
export function splineContinuityAt(data: SplineData, x: number): ContinuityReport {
  const jumps: Float64Array[] = [], scales: number[] = []
  let derived = data
  for (let m = 0; m <= data.degree; m++) {
    if (m > 0) derived = derivativeOnce(derived)
    const right = valueOnSpan(derived, spanOf(derived.knots, derived.degree, x), x)
    const left = valueOnSpan(derived, leftSpanOf(derived.knots, derived.degree, x), x)
    jumps.push(right.map((value, d) => value - left[d]))
    scales.push(largestMagnitude(derived.coefficients))
  }
  return reportOf(jumps, scales)
}

/**
 * The m-th derivative of a Bezier (points packed [(degree+1) × dimension]) at t = 0 or 1 with respect to a parameter
 * that runs over `width` as t runs over [0, 1]: degree·(degree−1)…(degree−m+1)·Δ^m P / width^m, with Δ^m P the m-th
 * forward difference of the first (t = 0) or last (t = 1) m + 1 points. Also the largest |term| as the scale.
 */
function endDerivative(points: ArrayLike<number>, dimension: number, m: number, end: 0 | 1, width: number): { value: Float64Array; scale: number } {
  const degree = points.length / dimension - 1
  if (m > degree) return { value: new Float64Array(dimension), scale: 0 }
  const start = end === 0 ? 0 : degree - m
  let differences = Float64Array.from({ length: (m + 1) * dimension }, (_, i) => points[start * dimension + i])
  const scale = largestMagnitude(differences)
  for (let level = 0; level < m; level++) {
    differences = Float64Array.from({ length: differences.length - dimension }, (_, i) => differences[i + dimension] - differences[i])
  }
  let factor = 1
  for (let i = 0; i < m; i++) factor = (factor * (degree - i)) / width
  return { value: differences.map((value) => value * factor), scale: scale * 2 ** m * Math.abs(factor) }
}

/**
 * The continuity of two Bezier stretches where `before` ends and `after` starts, derivatives taken with respect to a
 * parameter that runs over `widths[0]` along before and `widths[1]` along after (a path's knot steps; 1 and 1 for
 * Bezier parameters themselves). Jumps for m = 0 … the larger degree.
 */
export function joinContinuity(before: ArrayLike<number>, after: ArrayLike<number>, dimension: number, widths: readonly [number, number]): ContinuityReport {
  const highest = Math.max(before.length, after.length) / dimension - 1
  const jumps: Float64Array[] = [], scales: number[] = []
  for (let m = 0; m <= highest; m++) {
    const left = endDerivative(before, dimension, m, 1, widths[0])
    const right = endDerivative(after, dimension, m, 0, widths[1])
    jumps.push(right.value.map((value, d) => value - left.value[d]))
    scales.push(Math.max(left.scale, right.scale))
  }
  return reportOf(jumps, scales)
}

/**
 * The continuity of a chain of two Bezier curves where `before` ends and `after` starts (curves of one dimension;
 * degrees may differ), derivatives with respect to each curve's own t unless `widths` gives the parameter length
 * each covers (then with respect to that parameter).
 */
export function bezierJoinContinuity(before: Bezier, after: Bezier, options?: { widths?: readonly [number, number] }): ContinuityReport {
  const where = 'bezierJoinContinuity'
  if (before.dimension !== after.dimension) throw new RangeError(`${where}: before has dimension ${before.dimension}, after ${after.dimension}; they must match`)
  const widths = checkOptions(where, options, ['widths']).widths ?? [1, 1]
  if (!Array.isArray(widths) || widths.length !== 2) throw new TypeError(`${where}: widths must be [before, after], got ${describeValue(widths)}`)
  return joinContinuity(before.points, after.points, before.dimension,
    [checkPositiveNumber(where, 'widths[0]', widths[0]), checkPositiveNumber(where, 'widths[1]', widths[1])])
}
