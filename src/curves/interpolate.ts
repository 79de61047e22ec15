// Interpolating B-splines with end conditions, as scipy's make_interp_spline: the spline of a chosen degree through
// (xs[i], ys[i]) whose remaining freedom is fixed by not-a-knot knots, derivative values at the ends, or periodicity.
// One banded system (collocation rows between the derivative rows of each end) solved by elimination with partial
// pivoting (banded-lu.ts); the periodic case wraps around and is solved in periodic-interpolation.ts.
import { bsplineMaxDegree } from '../backend/kernels'
import { addToBanded, bandedMatrix, solveBanded, SingularMatrixError } from './banded-lu'
import { BSpline } from './bspline'
import { basisDerivatives, spanOf } from './bspline-math'
import { checkFiniteNumber, checkInteger } from './common'
import { describeValue } from '../check/describe'
import { MAX_SPLINE_POINTS, readCurveData, requireIncreasing, type CurveData } from './curve-data'
import { interpolatePeriodic, periodicKnotVector } from './periodic-interpolation'
import { checkOptions } from '../check/names'

/** Derivative conditions at one end: [order, value] pairs (value: a number, or one per coordinate). */
export type EndDerivatives = ReadonlyArray<readonly [number, number | ArrayLike<number>]>
/** One end: 'clamped' (first derivative 0), 'natural' (second derivative 0) or explicit derivatives. */
export type EndCondition = 'clamped' | 'natural' | EndDerivatives
/**
 * 'not-a-knot' (default: no conditions; the inner knots are the data (odd degree) or its midpoints (even degree),
 * less the degree − 1 nearest the ends),
 * 'periodic' (ys[last] must equal ys[0]; value and degree − 1 derivatives agree across the ends), one end condition
 * for both ends, or [left, right] with null for an end without conditions.
 */
export type InterpolationConditions = 'not-a-knot' | 'periodic' | 'clamped' | 'natural' | readonly [EndCondition | null, EndCondition | null]

export interface InterpolateBSplineOptions {
  /** 1–5 (default 3). */
  degree?: number
  conditions?: InterpolationConditions
}

const optionNames = ['degree', 'conditions']

/**
 * The B-spline of `degree` through every (xs[i], ys[i]) (xs strictly increasing; ys one value or one row of values per
 * x) with the given end conditions; float64. Degree 1 is the broken line through the points and takes no conditions
 * (or 'periodic', which changes nothing). At most MAX_SPLINE_POINTS points.
 */
export function interpolateBSpline(xs: ArrayLike<number>, ys: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  options: InterpolateBSplineOptions = {}): BSpline {
  const where = 'interpolateBSpline'
  const given = checkOptions(where, options, optionNames)
  const degree = given.degree === undefined ? 3 : checkInteger(where, 'degree', given.degree, 1, bsplineMaxDegree)
  const data = readCurveData(where, xs, ys, MAX_SPLINE_POINTS)
  requireIncreasing(where, data.x)
  const conditions = given.conditions ?? 'not-a-knot'
  if (conditions === 'periodic') return periodicSpline(where, data, degree)
  const [left, right] = readConditions(where, conditions, degree, data.dimension)
  if (degree === 1) {
    if (left.orders.length + right.orders.length > 0) throw new RangeError(`${where}: degree 1 (the broken line) takes no end conditions`)
    return new BSpline([data.x[0], ...data.x, data.x[data.x.length - 1]], data.y, 1, { dimension: data.dimension })
  }
  const withDerivatives = left.orders.length + right.orders.length > 0
  const knots = withDerivatives ? augmentedKnots(data.x, degree) : notAKnotKnots(where, data.x, degree)
  const size = knots.length - degree - 1
  const needed = size - data.x.length
  if (left.orders.length + right.orders.length !== needed) {
    throw new RangeError(`${where}: degree ${degree} with ${withDerivatives ? 'end derivatives' : 'not-a-knot knots'} needs ` +
      `${needed} end conditions in all, got ${left.orders.length} at the left end and ${right.orders.length} at the right; ` +
      `the spline would be ${left.orders.length + right.orders.length > needed ? 'over' : 'under'}-determined`)
  }
  return solveCollocation(where, data, knots, degree, left, right)
}

interface EndRows { orders: number[]; values: Float64Array[] }

function readConditions(where: string, conditions: unknown, degree: number, dimension: number): [EndRows, EndRows] {
  if (conditions === 'not-a-knot') return [{ orders: [], values: [] }, { orders: [], values: [] }]
  if (conditions === 'clamped' || conditions === 'natural') {
    return [readEnd(where, 'conditions', conditions, degree, dimension), readEnd(where, 'conditions', conditions, degree, dimension)]
  }
  if (!Array.isArray(conditions) || conditions.length !== 2) {
    throw new TypeError(`${where}: conditions must be 'not-a-knot', 'periodic', 'clamped', 'natural' or [left, right], got ${describeValue(conditions)}`)
  }
  return [readEnd(where, 'conditions[0]', conditions[0], degree, dimension), readEnd(where, 'conditions[1]', conditions[1], degree, dimension)]
}

function readEnd(where: string, name: string, end: unknown, degree: number, dimension: number): EndRows {
  if (end === null || end === undefined) return { orders: [], values: [] }
  if (end === 'clamped' || end === 'natural') return { orders: [end === 'clamped' ? 1 : 2], values: [new Float64Array(dimension)] }
  if (!Array.isArray(end)) throw new TypeError(`${where}: ${name} must be 'clamped', 'natural', null or [[order, value], …], got ${describeValue(end)}`)
  const rows: EndRows = { orders: [], values: [] }
  end.forEach((pair: unknown, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`${where}: ${name}[${i}] must be [order, value], got ${describeValue(pair)}`)
    rows.orders.push(checkInteger(where, `${name}[${i}][0] (the derivative order)`, pair[0], 0, degree))
    const value = pair[1]
    const values = typeof value === 'number' ? [value] : Array.isArray(value) || ArrayBuffer.isView(value) ? Array.from(value as ArrayLike<number>) : undefined
    if (values === undefined || values.length !== dimension) {
      throw new TypeError(`${where}: ${name}[${i}][1] must be ${dimension === 1 ? 'a number' : `${dimension} numbers (one per coordinate)`}, got ${describeValue(value)}`)
    }
    rows.values.push(Float64Array.from(values, (v, d) => checkFiniteNumber(where, `${name}[${i}][1][${d}]`, v)))
  })
  return rows
}

/** Each end repeated degree times around the data: n + degree − 1 coefficients, degree − 1 end conditions to give. */
function augmentedKnots(x: Float64Array, degree: number): Float64Array {
  const knots = new Float64Array(x.length + 2 * degree)
  knots.fill(x[0], 0, degree)
  knots.set(x, degree)
  knots.fill(x[x.length - 1], degree + x.length)
  return knots
}

/**
 * Ends repeated degree + 1 times; inside, the data less ⌈degree/2⌉ points at each end (odd degree), or the midpoints
 * of the data less degree/2 at each end (even degree): n coefficients, no conditions.
 */
function notAKnotKnots(where: string, x: Float64Array, degree: number): Float64Array {
  if (x.length < degree + 1) throw new RangeError(`${where}: not-a-knot interpolation of degree ${degree} needs at least ${degree + 1} points, got ${x.length}`)
  const inner = degree % 2 === 1 ? Float64Array.from(x) : Float64Array.from({ length: x.length - 1 }, (_, i) => (x[i + 1] + x[i]) / 2)
  const skip = degree % 2 === 1 ? (degree + 1) / 2 : degree / 2
  const kept = inner.subarray(skip, inner.length - skip)
  const knots = new Float64Array(kept.length + 2 * (degree + 1))
  knots.fill(x[0], 0, degree + 1)
  knots.set(kept, degree + 1)
  knots.fill(x[x.length - 1], degree + 1 + kept.length)
  return knots
}

/** Rows: the left derivative conditions, one collocation row per point, the right derivative conditions. */
function solveCollocation(where: string, { x, y, dimension }: CurveData, knots: Float64Array, degree: number, left: EndRows, right: EndRows): BSpline {
  const size = knots.length - degree - 1
  const matrix = bandedMatrix(size, degree, degree)
  const rhs = new Float64Array(size * dimension)
  const setRow = (row: number, at: number, order: number, values: ArrayLike<number>) => {
    const span = spanOf(knots, degree, at)
    const basis = basisDerivatives(knots, degree, span, at, order)
    for (let r = 0; r <= degree; r++) addToBanded(matrix, row, span - degree + r, basis[order * (degree + 1) + r])
    rhs.set(values, row * dimension)
  }
  left.orders.forEach((order, i) => setRow(i, x[0], order, left.values[i]))
  for (let i = 0; i < x.length; i++) setRow(left.orders.length + i, x[i], 0, y.subarray(i * dimension, (i + 1) * dimension))
  right.orders.forEach((order, i) => setRow(size - right.orders.length + i, x[x.length - 1], order, right.values[i]))
  try {
    solveBanded(matrix, rhs, dimension)
  } catch (error) {
    if (!(error instanceof SingularMatrixError)) throw error
    throw new RangeError(`${where}: the conditions leave the spline undetermined (the collocation system is singular at ` +
      `coefficient ${error.column}); give each derivative order at most once per end`)
  }
  return new BSpline(knots, rhs, degree, { dimension })
}

function periodicSpline(where: string, data: CurveData, degree: number): BSpline {
  const { x, y, dimension } = data
  if (x.length < 2) throw new RangeError(`${where}: periodic interpolation needs at least 2 points, got ${x.length}`)
  const last = (x.length - 1) * dimension
  for (let d = 0; d < dimension; d++) {
    if (y[d] !== y[last + d]) {
      throw new RangeError(`${where}: periodic data must end where it starts, but ys[0] = ${describeValue(Array.from(y.subarray(0, dimension)))} ` +
        `and ys[${x.length - 1}] = ${describeValue(Array.from(y.subarray(last)))}`)
    }
  }
  // outside 'periodic': evaluated anywhere, x wraps into the domain
  if (degree === 1) return new BSpline([x[0], ...x, x[x.length - 1]], y, 1, { dimension, outside: 'periodic' })
  const knots = periodicKnotVector(x, degree)
  return new BSpline(knots, interpolatePeriodic(where, x, y, dimension, knots, degree), degree, { dimension, outside: 'periodic' })
}
