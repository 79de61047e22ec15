// Data for spline fits and interpolation: xs and one value or one row of values per x, read into float64; with a
// limit, a longer input fails before anything is allocated for it.
import { checkFiniteArray, packPoints } from './common'

/**
 * The most points (or knots) interpolateBSpline, smoothingSpline and fitBSpline's knotVector accept: their banded
 * systems then take at most 16 float64 per row (degree 5, pivoting fill included), 128 MB at this size.
 */
export const MAX_SPLINE_POINTS = 1_000_000
/** The most coefficients a least-squares fit may have (grid + degree): a banded solve of 10⁶ takes ~1 s; beyond, the
 *  cost, not the point count, is what goes wrong (ridge makes more coefficients than points legitimate). */
export const MAX_SPLINE_COEFFICIENTS = 1_000_000

export interface CurveData { x: Float64Array; y: Float64Array; dimension: number }

/** The length of an array-like argument, refused past `limit` (whose reason `why` names) before it is copied. */
export function checkLength(where: string, name: string, values: unknown, limit: number, why = 'MAX_SPLINE_POINTS'): void {
  const length = (values as ArrayLike<unknown> | null | undefined)?.length
  if (typeof length === 'number' && length > limit) {
    throw new RangeError(`${where}: ${name} holds ${length} entries; at most ${limit} are accepted (${why})`)
  }
}

/** xs finite, and ys one value or one row of values per x (flat, or an array of rows). */
export function readCurveData(where: string, xs: unknown, ys: unknown, limit = Number.MAX_SAFE_INTEGER): CurveData {
  checkLength(where, 'xs', xs, limit)
  const x = Float64Array.from(checkFiniteArray(where, 'xs', xs))
  if (x.length === 0) throw new RangeError(`${where}: xs is empty; a fit needs data`)
  const flat = ArrayBuffer.isView(ys) || (Array.isArray(ys) && typeof ys[0] === 'number')
  const length = (ys as ArrayLike<unknown> | undefined)?.length
  if (flat && typeof length === 'number' && (length === 0 || length % x.length !== 0)) {
    throw new RangeError(`${where}: ys holds ${length} values for ${x.length} xs; give one value, or one row of d values, per x`)
  }
  const packed = packPoints(where, 'ys', ys, { dimension: flat ? (length as number) / x.length : undefined, dtype: 'float64' })
  if (packed.count !== x.length) throw new RangeError(`${where}: ys has ${packed.count} rows for ${x.length} xs; give one row per x`)
  return { x, y: packed.data as Float64Array, dimension: packed.dimension }
}

export function requireIncreasing(where: string, x: Float64Array): void {
  for (let i = 1; i < x.length; i++) {
    if (!(x[i - 1] < x[i])) throw new RangeError(`${where}: xs must be strictly increasing, but xs[${i - 1}] = ${x[i - 1]} ≥ xs[${i}] = ${x[i]}`)
  }
}
