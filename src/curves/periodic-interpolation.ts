// Periodic interpolation (make_interp_spline's bc_type='periodic'): knots that continue around the circle and
// coefficients that repeat with period m = n − 1, so the spline and its first degree − 1 derivatives agree at both
// ends. The m free coefficients solve a cyclic banded system — each point's row touches the h = ⌊degree/2⌋
// coefficients on either side of its own, wrapping around — by bordering: the first m − h unknowns form an ordinary
// banded block, the last h a small dense one (the Schur complement). O(m·h²) time and memory.
import { addToBanded, bandedMatrix, solveBanded, SingularMatrixError } from './banded-lu'
import { basisDerivatives, spanOf } from './bspline-math'

/**
 * The data (for even degree: the midpoints between interior data, the ends kept) as knots[degree … degree + n − 1],
 * continued by the same steps taken cyclically: degree more on each side. n + 2·degree knots.
 */
export function periodicKnotVector(x: Float64Array, degree: number): Float64Array {
  const n = x.length
  const centres = Float64Array.from(x)
  if (degree % 2 === 0) for (let i = 1; i < n - 1; i++) centres[i] = x[i] - (x[i] - x[i - 1]) / 2
  const steps = Float64Array.from({ length: n - 1 }, (_, i) => centres[i + 1] - centres[i])
  const knots = new Float64Array(n + 2 * degree)
  knots.set(centres, degree)
  for (let i = 0; i < degree; i++) {
    knots[degree - i - 1] = knots[degree - i] - steps[n - 2 - (i % (n - 1))]
    knots[n + degree + i] = knots[n + degree + i - 1] + steps[i % (n - 1)]
  }
  return knots
}

/**
 * The n + degree − 1 coefficients [× dimension] of the periodic interpolant through the first n − 1 points (point
 * n − 1 repeats point 0). Coefficient j equals free unknown (j − h) mod m.
 */
export function interpolatePeriodic(where: string, x: Float64Array, y: Float64Array, dimension: number, knots: Float64Array, degree: number): Float64Array {
  const m = x.length - 1
  const h = Math.floor(degree / 2)
  // the cyclic matrix as (row, column, value) triples; collisions (tiny m) add up
  const entries: Array<[number, number, number]> = []
  for (let i = 0; i < m; i++) {
    const span = spanOf(knots, degree, x[i])
    const basis = basisDerivatives(knots, degree, span, x[i], 0)
    for (let r = 0; r <= degree; r++) {
      if (basis[r] !== 0) entries.push([i, ((span - degree + r - h) % m + m) % m, basis[r]])
    }
  }
  const rhs = y.slice(0, m * dimension)
  try {
    // bordering needs every row's 2h + 1 cyclic neighbours distinct and a banded block larger than the border;
    // below that the whole system is a few rows, solved dense
    if (m < 3 * h + 2) solveDense(entries, m, rhs, dimension)
    else solveBordered(entries, m, h, rhs, dimension)
  } catch (error) {
    if (!(error instanceof SingularMatrixError)) throw error
    throw new RangeError(`${where}: the periodic collocation system is singular at unknown ${error.column}`)
  }
  const coefficients = new Float64Array((m + degree) * dimension)
  for (let j = 0; j < m + degree; j++) {
    const free = ((j - h) % m + m) % m
    coefficients.set(rhs.subarray(free * dimension, (free + 1) * dimension), j * dimension)
  }
  return coefficients
}

function solveDense(entries: Array<[number, number, number]>, m: number, rhs: Float64Array, columns: number): void {
  const matrix = bandedMatrix(m, m - 1, m - 1)
  for (const [i, j, value] of entries) addToBanded(matrix, i, j, value)
  solveBanded(matrix, rhs, columns)
}

/**
 * With A = [[P, Q], [R, S]] split after m − h unknowns (P banded ±h; Q, R only near the corners; S dense h×h):
 * solve P·[Z | z] = [Q | b₁], then (S − R·Z)·x₂ = b₂ − R·z, then x₁ = z − Z·x₂.
 */
function solveBordered(entries: Array<[number, number, number]>, m: number, h: number, rhs: Float64Array, columns: number): void {
  const split = m - h
  const block = bandedMatrix(split, h, h)
  const right = new Float64Array(split * (h + columns))          // [Q | b₁] row by row
  const lowerRows: Array<[number, number, number]> = []          // R: rows ≥ split, columns < split
  const corner = bandedMatrix(h, h - 1, h - 1)                    // S
  for (const [i, j, value] of entries) {
    if (i < split && j < split) addToBanded(block, i, j, value)
    else if (i < split) right[i * (h + columns) + (j - split)] += value
    else if (j < split) lowerRows.push([i - split, j, value])
    else addToBanded(corner, i - split, j - split, value)
  }
  for (let i = 0; i < split; i++) {
    for (let c = 0; c < columns; c++) right[i * (h + columns) + h + c] = rhs[i * columns + c]
  }
  solveBanded(block, right, h + columns)
  const reduced = rhs.slice(split * columns)                       // b₂ − R·z, then x₂
  for (const [i, j, value] of lowerRows) {
    for (let c = 0; c < h; c++) addToBanded(corner, i, c, -value * right[j * (h + columns) + c])
    for (let c = 0; c < columns; c++) reduced[i * columns + c] -= value * right[j * (h + columns) + h + c]
  }
  solveBanded(corner, reduced, columns)
  for (let i = 0; i < split; i++) {
    for (let c = 0; c < columns; c++) {
      let value = right[i * (h + columns) + h + c]
      for (let k = 0; k < h; k++) value -= right[i * (h + columns) + k] * reduced[k * columns + c]
      rhs[i * columns + c] = value
    }
  }
  rhs.set(reduced, split * columns)
}

/**
 * The knot vector of the periodic spline of `degree` (1 … 5) through data sites x[0] < … < x[n−1] (x[n−1] − x[0] the
 * period): what interpolateBSpline(…, { conditions: 'periodic' }) uses, for building periodic splines by hand.
 */
export function periodicKnots(x: ArrayLike<number>, degree: number): Float64Array {
  const where = 'periodicKnots'
  if (typeof degree !== 'number' || !Number.isInteger(degree) || degree < 1 || degree > 5) throw new RangeError(`${where}: degree must be an integer in [1, 5], got ${String(degree)}`)
  const sites = Float64Array.from(x ?? [])
  if (sites.length < degree + 1 || sites.length > 1_000_000) throw new RangeError(`${where}: x must hold degree + 1 = ${degree + 1} to 1000000 sites, got ${sites.length}`)
  const bad = sites.findIndex((value, k) => !Number.isFinite(value) || (k > 0 && !(value > sites[k - 1])))
  if (bad >= 0) throw new RangeError(`${where}: x must be finite and strictly increasing; x[${bad}] = ${sites[bad]} is not`)
  return periodicKnotVector(sites, degree)
}
