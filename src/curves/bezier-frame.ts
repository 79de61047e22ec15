// Differential geometry of a Bezier at a parameter, in any dimension: the unit tangent, the curvature
// κ = ‖a⊥‖/‖v‖² (v = B', a = B'', a⊥ the part of a across v — the Gram–Schmidt form, which keeps its
// accuracy where v and a are nearly parallel, unlike √(‖v‖²‖a‖² − (v·a)²)/‖v‖³), the principal normal
// a⊥/‖a⊥‖, in 2-D the signed curvature, and in 3-D the binormal T × N. Only + − × ÷ √, on the curve
// scaled by a power of two (bezier-scale.ts), so every engine gives the same bits at any coordinate size.
import { controlPoints, evaluate, hodograph, type ControlPoints } from './bezier-math'
import { normalisingExponent, scaledCurve, timesPowerOfTwo } from './bezier-scale'

export interface FrenetFrame {
  /** The unit tangent B'/‖B'‖. */
  tangent: Float64Array
  /** The unit principal normal: toward the centre of curvature. */
  normal: Float64Array
  /** T × N, in 3-D only. */
  binormal?: Float64Array
  /** κ ≥ 0, in 1/length units of the curve's coordinates. */
  curvature: number
}

interface Derivatives { velocity: Float64Array; acceleration: Float64Array; exponent: number }

function derivativesAt(curve: ControlPoints, t: number): Derivatives {
  const exponent = normalisingExponent(curve.points), scaled = scaledCurve(curve, exponent)
  const first = controlPoints(hodograph(scaled), curve.dimension)
  const second = controlPoints(hodograph(first), curve.dimension)
  return { velocity: evaluate(first, t), acceleration: evaluate(second, t), exponent }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0
  for (let j = 0; j < a.length; j++) sum += a[j] * b[j]
  return sum
}

/** a − (a·v/‖v‖²)·v: the acceleration across the direction of motion. */
function across(acceleration: Float64Array, velocity: Float64Array, speedSquared: number): Float64Array {
  const along = dot(acceleration, velocity) / speedSquared
  return acceleration.map((value, j) => value - along * velocity[j])
}

function stationary(where: string, t: number): RangeError {
  return new RangeError(`${where}: the curve does not move at t = ${t} (B'(t) = 0, a cusp or a degenerate curve): tangent and curvature are undefined there`)
}

/** The unit tangent at t; a RangeError where B'(t) = 0. */
export function unitTangent(where: string, curve: ControlPoints, t: number): Float64Array {
  const { velocity } = derivativesAt(curve, t)
  const speed = Math.sqrt(dot(velocity, velocity))
  if (speed === 0) throw stationary(where, t)
  return velocity.map((value) => value / speed)
}

/** κ(t) = ‖a⊥‖/‖v‖² ≥ 0; a RangeError where B'(t) = 0. */
export function curvatureAt(where: string, curve: ControlPoints, t: number): number {
  const { velocity, acceleration, exponent } = derivativesAt(curve, t)
  const speedSquared = dot(velocity, velocity)
  if (speedSquared === 0) throw stationary(where, t)
  const perpendicular = across(acceleration, velocity, speedSquared)
  // κ has units 1/length: the scaled curve's κ is 2^exponent times the curve's
  return timesPowerOfTwo(Math.sqrt(dot(perpendicular, perpendicular)) / speedSquared, -exponent)
}

/** 2-D only: (v_x a_y − v_y a_x)/‖v‖³, positive where the curve turns counter-clockwise. */
export function signedCurvatureAt(where: string, curve: ControlPoints, t: number): number {
  if (curve.dimension !== 2) throw new RangeError(`${where}: signed curvature is defined for planar (2-D) curves, this curve has dimension ${curve.dimension}`)
  const { velocity, acceleration, exponent } = derivativesAt(curve, t)
  const speedSquared = dot(velocity, velocity)
  if (speedSquared === 0) throw stationary(where, t)
  const cross = velocity[0] * acceleration[1] - velocity[1] * acceleration[0]
  return timesPowerOfTwo(cross / (speedSquared * Math.sqrt(speedSquared)), -exponent)
}

/** Tangent, principal normal (and binormal in 3-D) and curvature at t; a RangeError where the curve is straight at t (no normal). */
export function frenetFrame(where: string, curve: ControlPoints, t: number): FrenetFrame {
  if (curve.dimension < 2) throw new RangeError(`${where}: a 1-D curve has no normal; a frame needs dimension ≥ 2, this curve has dimension ${curve.dimension}`)
  const { velocity, acceleration, exponent } = derivativesAt(curve, t)
  const speedSquared = dot(velocity, velocity)
  if (speedSquared === 0) throw stationary(where, t)
  const speed = Math.sqrt(speedSquared)
  const perpendicular = across(acceleration, velocity, speedSquared)
  const bend = Math.sqrt(dot(perpendicular, perpendicular))
  if (bend === 0) throw new RangeError(`${where}: the curve is straight at t = ${t} (curvature 0): the principal normal is undefined there`)
  const tangent = velocity.map((value) => value / speed)
  const normal = perpendicular.map((value) => value / bend)
  const frame: FrenetFrame = { tangent, normal, curvature: timesPowerOfTwo(bend / speedSquared, -exponent) }
  if (curve.dimension === 3) {
    frame.binormal = Float64Array.of(
      tangent[1] * normal[2] - tangent[2] * normal[1],
      tangent[2] * normal[0] - tangent[0] * normal[2],
      tangent[0] * normal[1] - tangent[1] * normal[0])
  }
  return frame
}
