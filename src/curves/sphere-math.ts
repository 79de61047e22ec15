// The sphere's small toolkit for sphere.ts: angles, slerp, and the log and exp maps, in any dimension, with curvenet's own
// sin, cos and atan (the same numbers on every engine).
import { atanF64 } from '../math/inverse-trigonometric'
import { cosF64, sinF64 } from '../math/trigonometric'

/** Consecutive points closer to antipodal than this angle (radians) have no unique great circle between them. */
export const ANTIPODAL = 1e-6
/** Below this angle slerp is the normalised lerp (sin Ω/Ω = 1 − Ω²/6 is then 1 in float64 for Ω < 1e-8). */
const TINY_ANGLE = 1e-8

export function dot(a: ArrayLike<number>, b: ArrayLike<number>, dimension: number): number {
  let sum = 0
  for (let k = 0; k < dimension; k++) sum += a[k] * b[k]
  return sum
}

export function normalised(v: Float64Array): Float64Array {
  const norm = Math.sqrt(dot(v, v, v.length))
  for (let k = 0; k < v.length; k++) v[k] /= norm
  return v
}

/** The angle between unit vectors a and b, in [0, π]: 2·atan(|a − b| / |a + b|), exact near 0 and near π alike. */
export function angleBetween(a: ArrayLike<number>, b: ArrayLike<number>, dimension: number): number {
  let minus = 0, plus = 0
  for (let k = 0; k < dimension; k++) {
    minus += (a[k] - b[k]) * (a[k] - b[k])
    plus += (a[k] + b[k]) * (a[k] + b[k])
  }
  return 2 * atanF64(Math.sqrt(minus) / Math.sqrt(plus))
}

export function slerpUnit(a: Float64Array, b: Float64Array, t: number, where: string): Float64Array {
  const dimension = a.length
  if (t === 0) return a.slice()
  if (t === 1) return b.slice()
  const omega = angleBetween(a, b, dimension)
  const out = new Float64Array(dimension)
  if (omega < TINY_ANGLE) {
    for (let k = 0; k < dimension; k++) out[k] = a[k] + t * (b[k] - a[k])
    return normalised(out)
  }
  if (omega > Math.PI - ANTIPODAL) throw new RangeError(`${where}: the points are antipodal (angle ${omega}): every great circle joins them, so the path between them is not defined`)
  const sine = sinF64(omega), wa = sinF64((1 - t) * omega) / sine, wb = sinF64(t * omega) / sine
  for (let k = 0; k < dimension; k++) out[k] = wa * a[k] + wb * b[k]
  return normalised(out)
}

/** A copy of the vector with norm 1: as it is when its norm is within 1e-14 of 1 (so unit points are visited exactly), else
 *  divided by its norm. */
export function unitVector(where: string, name: string, value: ArrayLike<number>): Float64Array {
  const v = Float64Array.from(value)
  const norm = Math.sqrt(dot(v, v, v.length))
  if (!(norm > 0) || !Number.isFinite(norm)) throw new RangeError(`${where}: ${name} must be a finite non-zero vector (it is normalised), got norm ${norm}`)
  return Math.abs(norm - 1) <= 1e-14 ? v : v.map((x) => x / norm)
}

/**
 * The point a fraction t ∈ [0, 1] of the way along the great circle from a to b (both normalised first): a at 0, b at 1,
 * unit norm throughout. Antipodal a and b are refused (every great circle joins them).
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float64Array {
  const where = 'slerp'
  if (a?.length !== b?.length || !(a.length > 0)) throw new RangeError(`slerp: a and b must be vectors of one length ≥ 1, got lengths ${a?.length} and ${b?.length}`)
  if (typeof t !== 'number' || !(t >= 0 && t <= 1)) throw new RangeError(`slerp: t must be a number in [0, 1], got ${String(t)}`)
  return slerpUnit(unitVector(where, 'a', a), unitVector(where, 'b', b), t, where)
}

/** log_p(q): the tangent vector at p pointing along the great circle to q, of length the angle. */
export function logMap(p: Float64Array, q: Float64Array): Float64Array {
  const dimension = p.length, omega = angleBetween(p, q, dimension)
  const v = new Float64Array(dimension)
  if (omega === 0) return v
  const along = dot(p, q, dimension)
  for (let k = 0; k < dimension; k++) v[k] = q[k] - along * p[k]
  const norm = Math.sqrt(dot(v, v, dimension))
  if (norm === 0) return v
  for (let k = 0; k < dimension; k++) v[k] *= omega / norm
  return v
}

/** exp_p(v): the point reached from p along the great circle with initial direction v, after an angle |v|. */
export function expMap(p: Float64Array, v: Float64Array): Float64Array {
  const dimension = p.length, angle = Math.sqrt(dot(v, v, dimension))
  if (angle === 0) return p.slice()
  const c = cosF64(angle), s = sinF64(angle) / angle
  return normalised(Float64Array.from(p, (x, k) => c * x + s * v[k]))
}

