// Knot vectors for B-splines of degree k: clamped (each end knot repeated k + 1 times, so the curve starts and ends
// at its end coefficients — scipy's make_lsq_spline and most curve work) and open uniform (the grid's spacing
// continued k knots beyond each end — a KAN layer's extended grid). Both give grid + k basis functions whose domain
// [knots[k], knots[knots.length − k − 1]] is exactly the range.
import { bsplineMaxDegree } from '../backend/kernels'
import { checkFiniteNumber, checkInteger } from './common'
import { describeValue } from '../check/describe'

export type Range = readonly [number, number]

function checkRange(where: string, range: unknown): Range {
  if (!Array.isArray(range) || range.length !== 2) throw new TypeError(`${where}: range must be [low, high], got ${describeValue(range)}`)
  const low = checkFiniteNumber(where, 'range[0]', range[0]), high = checkFiniteNumber(where, 'range[1]', range[1])
  if (!(low < high)) throw new RangeError(`${where}: range must have low < high, got [${low}, ${high}]`)
  return [low, high]
}

/** Point j of `grid` equal intervals on [low, high]: a weighted mean, so that j = 0 and j = grid give the ends exactly. */
function gridPoint(low: number, high: number, grid: number, j: number): number {
  return ((grid - j) * low + j * high) / grid
}

/** `grid` equal intervals over `range` (default [−1, 1]), or the given strictly increasing breakpoints. */
export function breakpointsOf(where: string, grid: unknown, range: unknown): Float64Array {
  if (typeof grid === 'number') {
    const intervals = checkInteger(where, 'grid', grid, 1)
    const [low, high] = range === undefined ? [-1, 1] : checkRange(where, range)
    return Float64Array.from({ length: intervals + 1 }, (_, j) => gridPoint(low, high, intervals, j))
  }
  if (!Array.isArray(grid) && !(grid instanceof Float32Array || grid instanceof Float64Array)) {
    throw new TypeError(`${where}: grid must be a number of intervals or an array of breakpoints, got ${describeValue(grid)}`)
  }
  if (range !== undefined) throw new TypeError(`${where}: range is only for a number of intervals; the breakpoints already fix it`)
  if (grid.length < 2) throw new RangeError(`${where}: breakpoints need at least 2 values, got ${grid.length}`)
  const breakpoints = Float64Array.from(grid as ArrayLike<number>, (value, j) => checkFiniteNumber(where, `breakpoints[${j}]`, value))
  for (let j = 1; j < breakpoints.length; j++) {
    if (!(breakpoints[j - 1] < breakpoints[j])) {
      throw new RangeError(`${where}: breakpoints must be strictly increasing, but breakpoints[${j - 1}] = ${breakpoints[j - 1]} ≥ breakpoints[${j}] = ${breakpoints[j]}`)
    }
  }
  return breakpoints
}

/**
 * The clamped knot vector of degree `degree` on `grid` equal intervals of `range` (default [−1, 1]) or on the given
 * breakpoints: the first and last breakpoint repeated degree + 1 times. grid + degree basis functions.
 */
export function clampedKnots(grid: number | ArrayLike<number>, degree: number, range?: Range): Float64Array {
  return knotVector('clampedKnots', 'clamped', grid, degree, range)
}

/**
 * The open uniform knot vector: `grid` equal intervals of `range` (default [−1, 1]) extended by `degree` more
 * intervals of the same width at each end (grid + 2·degree + 1 knots, grid + degree basis functions).
 */
export function uniformKnots(grid: number, degree: number, range?: Range): Float64Array {
  return knotVector('uniformKnots', 'open', grid, degree, range)
}

/** clampedKnots or uniformKnots, with errors naming `where`. Open knots need a number of intervals. */
export function knotVector(where: string, kind: 'clamped' | 'open', grid: unknown, degree: unknown, range: unknown): Float64Array {
  checkInteger(where, 'degree', degree, 0, bsplineMaxDegree)
  const k = degree as number
  if (kind === 'open') {
    const intervals = checkInteger(where, 'grid', grid, 1)
    const [low, high] = range === undefined ? [-1, 1] : checkRange(where, range)
    return Float64Array.from({ length: intervals + 2 * k + 1 }, (_, i) => gridPoint(low, high, intervals, i - k))
  }
  const breakpoints = breakpointsOf(where, grid, range)
  const knots = new Float64Array(breakpoints.length + 2 * k)
  knots.fill(breakpoints[0], 0, k)
  knots.set(breakpoints, k)
  knots.fill(breakpoints[breakpoints.length - 1], k + breakpoints.length)
  return knots
}

/**
 * Whether the domain's knots knots[degree … n] are equally spaced to within 1/1024 of their mean spacing: then the
 * kernels guess each span in O(1) (their exact correction walk makes the result the same either way).
 */
export function isNearlyUniform(knots: ArrayLike<number>, degree: number): boolean {
  const last = knots.length - degree - 1
  const spacing = (knots[last] - knots[degree]) / (last - degree)
  for (let i = degree; i < last; i++) {
    if (Math.abs(knots[i + 1] - knots[i] - spacing) > spacing / 1024) return false
  }
  return true
}

/** How many knots equal x. */
export function multiplicity(knots: ArrayLike<number>, x: number): number {
  let count = 0
  for (let i = 0; i < knots.length; i++) if (knots[i] === x) count++
  return count
}
