// How a path through points is parameterised: the parameter advances by |P_{i+1} − P_i|^exponent
// from one point to the next (exponent 0 uniform, ½ centripetal, 1 chord length). Catmull-Rom's alpha
// and the natural spline's `parameter` option are both this exponent. Points are packed row-major:
// point i is points[i·dimension … (i+1)·dimension).
import { expF64 } from '../math/exponential'
import { logF64 } from '../math/logarithm'

/**
 * The Euclidean distance between points i and j, scaled by the largest coordinate difference first
 * so that neither 1e-200 nor 1e200 coordinates underflow or overflow in the sum of squares.
 */
export function pointDistance(points: Float64Array, dimension: number, i: number, j: number): number {
  let largest = 0
  for (let k = 0; k < dimension; k++) {
    const difference = Math.abs(points[j * dimension + k] - points[i * dimension + k])
    if (difference > largest) largest = difference
  }
  if (largest === 0) return 0
  let sumOfSquares = 0
  for (let k = 0; k < dimension; k++) {
    const scaled = (points[j * dimension + k] - points[i * dimension + k]) / largest
    sumOfSquares += scaled * scaled
  }
  return largest * Math.sqrt(sumOfSquares)
}

/** distance^exponent, exact for the three named exponents; others use curvenet's own exp and log. */
function power(distance: number, exponent: number): number {
  if (exponent === 0) return 1
  if (exponent === 0.5) return Math.sqrt(distance)
  if (exponent === 1) return distance
  return expF64(exponent * logF64(distance))
}

/** The count − 1 parameter steps h_i = |P_{i+1} − P_i|^exponent (all positive: no repeated points). */
export function parameterSteps(points: Float64Array, dimension: number, exponent: number): Float64Array {
  const count = points.length / dimension
  const steps = new Float64Array(count - 1)
  for (let i = 0; i < count - 1; i++) steps[i] = power(pointDistance(points, dimension, i, i + 1), exponent)
  return steps
}

/**
 * Where the path is at each point, as fractions of the whole parameter range: 0, the running sums
 * of the steps divided by their total, and exactly 1 (the total divided by itself).
 */
export function jointFractions(steps: Float64Array): Float64Array {
  const fractions = new Float64Array(steps.length + 1)
  let total = 0
  for (let i = 0; i < steps.length; i++) {
    total += steps[i]
    fractions[i + 1] = total
  }
  for (let i = 1; i < fractions.length; i++) fractions[i] /= total
  return fractions
}
