// How fast least-squares spline fits converge as the knots double: the series behind the convergence picture
// and its test (tests/fit.test.ts). For a smooth function the maximum error of the fit falls as O(h²) for
// piecewise-linear fits and O(h⁴) for cubic B-splines (h = knot spacing); the fitted log-log slope of error
// against h shows the order.
import { fitBSpline, fitPiecewiseLinear } from '../../src/curves/fit'
import { runKernel } from '../../src/curves/common'
import { logF64 } from '../../src/math/logarithm'

export interface ConvergencePoint {
  /** Equal intervals on [−1, 1]. */
  intervals: number
  /** h = 2 / intervals. */
  spacing: number
  /** max |fit(x) − f(x)| over a fine uniform grid of [−1, 1]. */
  error: number
}

export interface ConvergenceSeries {
  name: string
  degree: number
  /** The order the theory predicts: degree + 1. */
  expectedOrder: number
  points: ConvergencePoint[]
  /** The least-squares slope of log(error) against log(h). */
  slope: number
}

/** f(x) = sin(3x) + x², with curvenet's own sine (the same numbers in every engine). */
export function smoothFunction(xs: Float64Array): Float64Array {
  const tripled = xs.map((x) => 3 * x)
  const sines = runKernel('smoothFunction', 'float64', xs.length, [tripled], (kernels, out, input) => kernels.math('sin', out, input, xs.length))
  return xs.map((x, i) => sines[i] + x * x)
}

/** The slope of the least-squares line through (log h, log error). */
export function logLogSlope(points: ConvergencePoint[]): number {
  const u = points.map((p) => logF64(p.spacing)), v = points.map((p) => logF64(p.error))
  const meanU = u.reduce((a, b) => a + b, 0) / u.length, meanV = v.reduce((a, b) => a + b, 0) / v.length
  let covariance = 0, variance = 0
  u.forEach((value, i) => { covariance += (value - meanU) * (v[i] - meanV); variance += (value - meanU) ** 2 })
  return covariance / variance
}

/**
 * Piecewise-linear (degree 1) and cubic (degree 3) least-squares fits of sin(3x) + x² from 4096 points on [−1, 1],
 * on 4, 8, …, 128 equal intervals; the error of each is measured on 8001 points. Needs an initialised runtime.
 */
export function fitConvergenceSeries(intervals: readonly number[] = [4, 8, 16, 32, 64, 128]): ConvergenceSeries[] {
  const count = 4096
  const xs = Float64Array.from({ length: count }, (_, i) => -1 + (2 * (i + 0.5)) / count)
  const ys = smoothFunction(xs)
  const checks = Float64Array.from({ length: 8001 }, (_, i) => -1 + i / 4000)
  const truth = smoothFunction(checks)
  return [1, 3].map((degree) => {
    const points = intervals.map((grid) => {
      const breakpoints = Float64Array.from({ length: grid + 1 }, (_, j) => -1 + (2 * j) / grid)
      const { curve } = degree === 1 ? fitPiecewiseLinear(xs, ys, breakpoints) : fitBSpline(xs, ys, { grid, degree, range: [-1, 1] })
      const fitted = curve.atMany(checks)
      let error = 0
      fitted.forEach((value, i) => { error = Math.max(error, Math.abs(value - truth[i])) })
      return { intervals: grid, spacing: 2 / grid, error }
    })
    return { name: degree === 1 ? 'piecewise linear' : 'cubic B-spline', degree, expectedOrder: degree + 1, points, slope: logLogSlope(points) }
  })
}
