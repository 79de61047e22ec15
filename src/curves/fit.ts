// Least-squares spline fits in float64: the normal equations BᵀW²B·c = BᵀW²y (W the weights, default I; + ridge
// λ·I) assembled as a band from the batched basis kernel's local rows (each data point touches degree + 1
// neighbouring basis functions), solved by banded Cholesky — O(points·degree² + coefficients·degree²), no dense
// solver. The basis rows, and so the fit, have the same bits on either backend: the sums run over the points in
// their given order.
import { bsplineMaxDegree } from '../backend/kernels'
import { checkBsplineKnots } from '../backend/validate-checks'
import { choleskyBanded, NotPositiveDefiniteError, solveCholeskyBanded } from './banded'
import { BSpline } from './bspline'
import { basisRows } from './bspline-batch'
import { checkFiniteArray, checkFiniteNumber, checkInteger } from './common'
import { describeValue } from '../check/describe'
import { checkLength, MAX_SPLINE_COEFFICIENTS, MAX_SPLINE_POINTS, readCurveData, type CurveData } from './curve-data'
import { breakpointsOf, isNearlyUniform, knotVector, type Range } from './knots'
import { checkOptions } from '../check/names'

export interface FitResult {
  /** The fitted curve (float64), of the data's dimension. */
  curve: BSpline
  /** √(mean of the squared residuals over every point and coordinate). */
  rmse: number
}

export interface FitBSplineOptions {
  /** Number of equal intervals of the range (≥ 1); grid + degree coefficients. Required unless knotVector is given. */
  grid?: number
  /** Polynomial degree 0–5 (default 3, cubic). */
  degree?: number
  /** degree + 1 (de Boor's order: 4 is cubic); give degree or order. */
  order?: number
  /** The domain (default [min xs, max xs]); every x must lie in it. */
  range?: Range
  /** λ ≥ 0 added to the normal equations' diagonal (default 0): shrinks coefficients, and makes any grid solvable. */
  ridge?: number
  /** 'clamped' (default: end knots repeated) or 'open' (uniform knots continued past the range, as a KAN grid). */
  knots?: 'clamped' | 'open'
  /**
   * The whole knot vector instead of grid, range and knots (as scipy's make_lsq_spline t): non-decreasing, at most
   * MAX_SPLINE_POINTS knots, knots.length − degree − 1 coefficients; every x must lie in its domain.
   */
  knotVector?: ArrayLike<number>
  /** One finite weight ≥ 0 per point: the fit minimises Σ (weight·residual)², as make_lsq_spline's w. */
  weights?: ArrayLike<number>
}

/** The least-squares B-spline on `knots` for data inside its domain. */
function leastSquares(where: string, { x, y, dimension }: CurveData, knots: Float64Array, degree: number, ridge: number,
  weights?: Float64Array): FitResult {
  const size = knots.length - degree - 1
  const low = knots[degree], high = knots[size]
  const outside = x.findIndex((value) => !(value >= low && value <= high))
  if (outside >= 0) throw new RangeError(`${where}: xs[${outside}] = ${x[outside]} lies outside the spline's domain [${low}, ${high}]`)
  if (ridge === 0 && size > x.length) {
    throw new RangeError(`${where}: ${size} coefficients but only ${x.length} data points; use fewer knots, more data, or ridge > 0`)
  }
  const { spans, values } = basisRows(where, 'float64', x, knots, degree, 'extrapolate', isNearlyUniform(knots, degree))
  const width = degree + 1
  const band = new Float64Array(size * width)
  const rhs = new Float64Array(size * dimension)
  for (let p = 0; p < x.length; p++) {
    const first = spans[p] - degree
    const squaredWeight = weights === undefined ? 1 : weights[p] * weights[p]
    for (let a = 0; a <= degree; a++) {
      const weight = squaredWeight * values[p * width + a]
      for (let b = a; b <= degree; b++) band[(first + a) * width + (b - a)] += weight * values[p * width + b]
      for (let d = 0; d < dimension; d++) rhs[(first + a) * dimension + d] += weight * y[p * dimension + d]
    }
  }
  for (let i = 0; i < size; i++) band[i * width] += ridge
  try {
    choleskyBanded(band, size, degree)
  } catch (error) {
    if (!(error instanceof NotPositiveDefiniteError)) throw error
    const i = error.row
    throw new RangeError(`${where}: the normal equations are singular at coefficient ${i}, whose basis function lives on ` +
      `[${knots[i]}, ${knots[i + degree + 1]}]: no data there, or too little to tell it from its neighbours (the ` +
      `Schoenberg–Whitney condition fails). Give data in that interval, use fewer knots, or pass ridge > 0`)
  }
  solveCholeskyBanded(band, size, degree, rhs, dimension)
  const curve = new BSpline(knots, rhs, degree, { dimension })
  const fitted = curve.atMany(x)
  let squares = 0
  for (let i = 0; i < y.length; i++) squares += (fitted[i] - y[i]) ** 2
  return { curve, rmse: Math.sqrt(squares / y.length) }
}

function dataRange(x: Float64Array, where: string): Range {
  let low = Infinity, high = -Infinity
  for (const value of x) { low = value < low ? value : low; high = value > high ? value : high }
  if (!(low < high)) throw new RangeError(`${where}: every x is ${low}; give a range, or data with more than one x`)
  return [low, high]
}

/**
 * The continuous piecewise-linear ("separate slopes") least-squares fit on the given breakpoints (strictly
 * increasing, covering every x), or on that many equal intervals over the data's range: a degree-1 B-spline whose
 * coefficients are its values at the breakpoints.
 */
export function fitPiecewiseLinear(xs: ArrayLike<number>, ys: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  knots: ArrayLike<number> | number): FitResult {
  const where = 'fitPiecewiseLinear'
  const data = readCurveData(where, xs, ys)
  const breakpoints = breakpointsOf(where, knots, typeof knots === 'number' ? dataRange(data.x, where) : undefined)
  return leastSquares(where, data, knotVector(where, 'clamped', breakpoints, 1, undefined), 1, 0)
}

const fitOptionNames = ['grid', 'degree', 'order', 'range', 'ridge', 'knots', 'knotVector', 'weights']

/** The least-squares B-spline of `degree` on `grid` equal intervals (see FitBSplineOptions). */
export function fitBSpline(xs: ArrayLike<number>, ys: ArrayLike<number> | ArrayLike<ArrayLike<number>>, options: FitBSplineOptions): FitResult {
  const where = 'fitBSpline'
  const given = checkOptions(where, options, fitOptionNames)
  const degree = degreeOf(where, given)
  const ridge = given.ridge === undefined ? 0 : checkFiniteNumber(where, 'ridge', given.ridge)
  if (ridge < 0) throw new RangeError(`${where}: ridge must be ≥ 0, got ${ridge}`)
  const data = readCurveData(where, xs, ys)
  const weights = given.weights === undefined ? undefined : readWeights(where, given.weights, data.x.length)
  if (given.knotVector !== undefined) {
    const clash = ['grid', 'range', 'knots'].find((key) => given[key] !== undefined)
    if (clash) throw new TypeError(`${where}: knotVector fixes the knots; leave out ${clash}`)
    checkLength(where, 'knotVector', given.knotVector, MAX_SPLINE_POINTS)
    const knots = Float64Array.from(checkFiniteArray(where, 'knotVector', given.knotVector))
    checkBsplineKnots(`${where}: knotVector`, knots, knots.length, degree)
    return leastSquares(where, data, knots, degree, ridge, weights)
  }
  if (given.grid === undefined) throw new TypeError(`${where}: options.grid (the number of intervals, ≥ 1) or options.knotVector is required`)
  const grid = checkInteger(where, 'grid', given.grid, 1)
  // bounded before the knot vector is made: the cost grows with the coefficients, whatever ridge allows
  if (grid + degree > MAX_SPLINE_COEFFICIENTS) {
    throw new RangeError(`${where}: grid ${grid} of degree ${degree} makes ${grid + degree} coefficients; at most ${MAX_SPLINE_COEFFICIENTS} are accepted (MAX_SPLINE_COEFFICIENTS)`)
  }
  const kind = given.knots ?? 'clamped'
  if (kind !== 'clamped' && kind !== 'open') throw new TypeError(`${where}: knots must be 'clamped' or 'open', got ${describeValue(kind)}`)
  const range = (given.range ?? dataRange(data.x, where)) as Range
  const knots = knotVector(where, kind, grid, degree, range)
  return leastSquares(where, data, knots, degree, ridge, weights)
}

/** One finite weight ≥ 0 per point. */
function readWeights(where: string, weights: unknown, count: number): Float64Array {
  checkLength(where, 'weights', weights, count, 'one weight per point')
  const values = Float64Array.from(checkFiniteArray(where, 'weights', weights))
  if (values.length !== count) throw new RangeError(`${where}: weights holds ${values.length} values for ${count} points; give one per point`)
  const negative = values.findIndex((weight) => weight < 0)
  if (negative >= 0) throw new RangeError(`${where}: weights must be ≥ 0, but weights[${negative}] = ${values[negative]}`)
  return values
}

/** degree, or order − 1; both given must agree. Default cubic. */
function degreeOf(where: string, options: Record<string, unknown>): number {
  const degree = options.degree === undefined ? undefined : checkInteger(where, 'degree', options.degree, 0, bsplineMaxDegree)
  const order = options.order === undefined ? undefined : checkInteger(where, 'order', options.order, 1, bsplineMaxDegree + 1)
  if (degree !== undefined && order !== undefined && order !== degree + 1) {
    throw new RangeError(`${where}: order is degree + 1, but degree ${degree} and order ${order} were given; give one of them`)
  }
  return degree ?? (order === undefined ? 3 : order - 1)
}
