// Flattening a Bezier into a polyline within a guaranteed distance. The guarantee is the bound of
// chordDeviationBound: a piece whose control points Q satisfy n(n−1)/8·max‖Δ²Q_i‖ ≤ tolerance lies
// within the tolerance of its chord at every parameter, so within it of the polyline; and the
// polyline's points lie within it of the curve.
// It runs on the curve scaled by a power of two (bezier-scale.ts), so any coordinate size works.
import { chordDeviationBound, controlPoints, magnitude, segment, type ControlPoints } from './bezier-math'
import { normalisingExponent, scaledCurve, scaleUpInPlace, timesPowerOfTwo } from './bezier-scale'

export interface Polyline {
  /** Packed vertices [count×dimension], float64; the first is B(0), the last B(1). */
  points: Float64Array
  /** The curve parameter of each vertex, increasing from 0 to 1. */
  parameters: Float64Array
  count: number
  dimension: number
}

/** Tolerances below this fraction of the largest coordinate would be float64 noise, and need too many vertices. */
const smallestRelativeTolerance = 1e-10
/** Room kept for the float64 rounding of the subdivided control points (≪ the smallest tolerance). */
const roundingAllowance = 1e-12
/** The most vertices one call returns: a tolerance needing more is refused before any work. Each vertex
 *  costs a de Casteljau split, ~n² operations: a million at degree 128 would take about a minute. */
export const maxFlattenVertices = 1_000_000

/**
 * Splits adaptively: a piece whose bound b exceeds the tolerance is cut into k = ⌈√(b/tolerance)⌉
 * equal pieces. A piece over a parameter interval of width h has second differences within h² of the
 * whole's (its Δ²Q are the hodograph's control points over that interval, which stay in their convex
 * hull, times h²), so each of the k pieces has bound ≤ b/k² ≤ tolerance: one cut per region suffices,
 * and the count of vertices grows like 1/√tolerance.
 */
export function flatten(original: ControlPoints, tolerance: number): Polyline {
  const { dimension } = original
  const largest = magnitude(original.points)
  if (tolerance < smallestRelativeTolerance * largest) {
    throw new RangeError(`Bezier.flatten: tolerance ${tolerance} is below ${smallestRelativeTolerance} × the largest coordinate (${largest}); float64 cannot honour it`)
  }
  const exponent = normalisingExponent(original.points), curve = scaledCurve(original, exponent)
  const target = timesPowerOfTwo(tolerance, -exponent) - roundingAllowance * magnitude(curve.points)
  // every piece's bound falls to ≤ target after one cut into k pieces (see above), so k estimates the count
  const estimate = Math.ceil(Math.sqrt(chordDeviationBound(curve) / target)) + 1
  if (!(estimate <= maxFlattenVertices)) {
    throw new RangeError(`Bezier.flatten: tolerance ${tolerance} needs about ${estimate} vertices for this degree-${curve.degree} curve, ` +
      `more than the ${maxFlattenVertices} one call returns; use a larger tolerance`)
  }
  const vertices: number[] = Array.from(curve.points.subarray(0, dimension))
  const parameters: number[] = [0]
  const refine = (points: Float64Array, start: number, end: number): void => {
    const piece = controlPoints(points, dimension)
    const bound = chordDeviationBound(piece)
    if (bound <= target) {
      for (let j = 0; j < dimension; j++) vertices.push(points[piece.degree * dimension + j])
      parameters.push(end)
      return
    }
    const pieces = Math.ceil(Math.sqrt(bound / target))
    for (let i = 0; i < pieces; i++) {
      refine(segment(piece, i / pieces, (i + 1) / pieces), start + ((end - start) * i) / pieces, i + 1 === pieces ? end : start + ((end - start) * (i + 1)) / pieces)
    }
  }
  refine(curve.points, 0, 1)
  return { points: scaleUpInPlace(Float64Array.from(vertices), exponent), parameters: Float64Array.from(parameters), count: parameters.length, dimension }
}
