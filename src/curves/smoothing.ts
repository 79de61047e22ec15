// The cubic smoothing spline (scipy's make_smoothing_spline): the f minimising Σ wᵢ·(yᵢ − f(xᵢ))² + λ·∫ f''(x)² dx,
// which is the natural cubic spline through its own values g at the data. Reinsch's form: with the steps
// hᵢ = xᵢ₊₁ − xᵢ, Q the n×(n−2) second-difference matrix (Q[j−1,j] = 1/h_{j−1}, Q[j,j] = −1/h_{j−1} − 1/h_j,
// Q[j+1,j] = 1/h_j) and R the (n−2)×(n−2) tridiagonal R[j,j] = (h_{j−1} + h_j)/3, R[j,j+1] = h_j/6, the second
// derivatives γ at the inner points solve (R + λ·QᵀW⁻¹Q)·γ = Qᵀy (pentadiagonal, positive definite: banded
// Cholesky), and g = y − λ·W⁻¹Q·γ. O(n) per λ.
//
// Without λ, it minimises the generalised cross-validation score GCV(λ) = (Σ rᵢ²/n) / (1 − tr(H)/n)² over (0, n) as
// scipy does (its bounds, Brent's method, x tolerance 1e-5), with r = y − g and H the hat matrix:
// 1 − tr(H)/n = λ·tr(B⁻¹·QᵀW⁻¹Q)/n, the trace taken from the five central bands of B⁻¹ (Hutchinson and de Hoog).
import { choleskyBanded, NotPositiveDefiniteError, solveCholeskyBanded } from './banded'
import type { BSpline } from './bspline'
import { checkFiniteArray } from './common'
import { MAX_SPLINE_POINTS, checkLength, readCurveData, requireIncreasing, type CurveData } from './curve-data'
import { interpolateBSpline } from './interpolate'
import { minimizeBounded } from './minimize-bounded'
import { checkOptions } from '../check/names'

export interface SmoothingSplineOptions {
  /** λ > 0, finite: the weight of the roughness ∫ f''². Left out: chosen by GCV (one coordinate only). */
  lambda?: number
  /** One finite weight > 0 per point (default all 1). */
  weights?: ArrayLike<number>
}

export interface SmoothingSpline {
  /** The smoothing spline: a natural cubic B-spline with knots at the data (ends repeated), float64. */
  curve: BSpline
  /** The λ used (the GCV minimiser when none was given). */
  lambda: number
}

const optionNames = ['lambda', 'weights']

/** The smoothing spline of at least 5 points (xs strictly increasing; at most MAX_SPLINE_POINTS), see above. */
export function smoothingSpline(xs: ArrayLike<number>, ys: ArrayLike<number> | ArrayLike<ArrayLike<number>>, options: SmoothingSplineOptions = {}): SmoothingSpline {
  const where = 'smoothingSpline'
  const given = checkOptions(where, options, optionNames)
  const data = readCurveData(where, xs, ys, MAX_SPLINE_POINTS)
  requireIncreasing(where, data.x)
  const n = data.x.length
  if (n < 5) throw new RangeError(`${where}: xs and ys need at least 5 points, got ${n}`)
  let weights = new Float64Array(n).fill(1)
  if (given.weights !== undefined) {
    checkLength(where, 'weights', given.weights, n, 'one weight per point')
    weights = Float64Array.from(checkFiniteArray(where, 'weights', given.weights))
    if (weights.length !== n) throw new RangeError(`${where}: weights holds ${weights.length} values for ${n} points; give one per point`)
    const bad = weights.findIndex((weight) => !(weight > 0))
    if (bad >= 0) throw new RangeError(`${where}: weights must be > 0, but weights[${bad}] = ${weights[bad]}`)
  }
  const system = new ReinschSystem(data, weights)
  let lambda: number
  if (given.lambda === undefined) {
    if (data.dimension !== 1) throw new RangeError(`${where}: GCV chooses λ for one coordinate; ys has ${data.dimension} per point, so give options.lambda`)
    lambda = minimizeBounded((candidate) => system.gcv(candidate), 0, n).x
  } else {
    lambda = given.lambda as number
    if (typeof lambda !== 'number' || !Number.isFinite(lambda) || !(lambda > 0)) {
      throw new RangeError(`${where}: lambda must be a positive finite number, got ${String(given.lambda)}; leave it out to choose it by GCV`)
    }
  }
  const { fitted } = system.solve(lambda)
  return { curve: interpolateBSpline(data.x, fitted, { conditions: 'natural' }), lambda }
}

class ReinschSystem {
  readonly #data: CurveData
  readonly #weights: Float64Array
  readonly #steps: Float64Array
  /** QᵀW⁻¹Q's upper band (bandwidth 2), in banded.ts's layout. */
  readonly #penaltyBand: Float64Array
  /** Qᵀy [(n−2) × dimension]. */
  readonly #secondDifferences: Float64Array

  constructor(data: CurveData, weights: Float64Array) {
    const { x, y, dimension } = data
    const n = x.length, inner = n - 2
    this.#data = data
    this.#weights = weights
    this.#steps = Float64Array.from({ length: n - 1 }, (_, i) => x[i + 1] - x[i])
    this.#penaltyBand = new Float64Array(inner * 3)
    this.#secondDifferences = new Float64Array(inner * dimension)
    for (let j = 0; j < inner; j++) {
      const column = this.#column(j)
      for (let offset = 0; offset <= 2 && j + offset < inner; offset++) {
        const other = this.#column(j + offset)
        let sum = 0
        // column j lives on rows j … j + 2, column j + offset on rows j + offset … j + offset + 2
        for (let row = j + offset; row <= j + 2; row++) sum += (column[row - j] * other[row - j - offset]) / weights[row]
        this.#penaltyBand[j * 3 + offset] = sum
      }
      for (let d = 0; d < dimension; d++) {
        let sum = 0
        for (let r = 0; r < 3; r++) sum += column[r] * y[(j + r) * dimension + d]
        this.#secondDifferences[j * dimension + d] = sum
      }
    }
  }

  /** Column j of Q (inner point j + 1): its entries on rows j, j + 1, j + 2. */
  #column(j: number): [number, number, number] {
    const before = 1 / this.#steps[j], after = 1 / this.#steps[j + 1]
    return [before, -before - after, after]
  }

  /** B = R + λ·QᵀW⁻¹Q factored (banded Cholesky, U overwriting the band), γ, and the fitted values g. */
  solve(lambda: number): { factor: Float64Array; fitted: Float64Array } {
    const { y, dimension } = this.#data
    const n = y.length / dimension, inner = n - 2, steps = this.#steps
    const factor = new Float64Array(inner * 3)
    for (let j = 0; j < inner; j++) {
      factor[j * 3] = (steps[j] + steps[j + 1]) / 3 + lambda * this.#penaltyBand[j * 3]
      if (j + 1 < inner) factor[j * 3 + 1] = steps[j + 1] / 6 + lambda * this.#penaltyBand[j * 3 + 1]
      if (j + 2 < inner) factor[j * 3 + 2] = lambda * this.#penaltyBand[j * 3 + 2]
    }
    try {
      choleskyBanded(factor, inner, 2)
    } catch (error) {
      if (error instanceof NotPositiveDefiniteError) throw new RangeError(`smoothingSpline: the system for λ = ${lambda} is not positive definite (${error.message}); the data's x spacing is too uneven for float64`)
      throw error
    }
    const second = this.#secondDifferences.slice()
    solveCholeskyBanded(factor, inner, 2, second, dimension)
    const fitted = y.slice()
    for (let j = 0; j < inner; j++) {
      const column = this.#column(j)
      for (let r = 0; r < 3; r++) {
        const row = j + r
        for (let d = 0; d < dimension; d++) fitted[row * dimension + d] -= (lambda * column[r] * second[j * dimension + d]) / this.#weights[row]
      }
    }
    return { factor, fitted }
  }

  /** GCV(λ) for one coordinate. */
  gcv(lambda: number): number {
    const { y } = this.#data
    const n = y.length, inner = n - 2
    const { factor, fitted } = this.solve(lambda)
    let squares = 0
    for (let i = 0; i < n; i++) squares += (y[i] - fitted[i]) * (y[i] - fitted[i])
    const inverse = centralBandsOfInverse(factor, inner)
    let trace = 0
    for (let j = 0; j < inner; j++) {
      trace += inverse[j * 3] * this.#penaltyBand[j * 3]
      for (let offset = 1; offset <= 2 && j + offset < inner; offset++) trace += 2 * inverse[j * 3 + offset] * this.#penaltyBand[j * 3 + offset]
    }
    const denominator = (lambda * trace) / n
    return squares / n / (denominator * denominator)
  }
}

/**
 * Z = B⁻¹'s entries Z[i, i + offset], offset 0 … 2, from B = UᵀU (U upper with bandwidth 2): U·Z = U⁻ᵀ, whose upper
 * triangle is diagonal (1/U[i,i]), gives Z[i,j] = (δᵢⱼ/U[i,i] − U[i,i+1]·Z[i+1,j] − U[i,i+2]·Z[i+2,j]) / U[i,i] for j ≥ i;
 * rows from the last up, j = i + 2, i + 1, i, every Z needed lies within the band (Z symmetric).
 */
function centralBandsOfInverse(factor: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * 3)
  const z = (i: number, j: number) => (i >= n || j >= n ? 0 : i <= j ? inverse[i * 3 + (j - i)] : inverse[j * 3 + (i - j)])
  for (let i = n - 1; i >= 0; i--) {
    const diagonal = factor[i * 3]
    for (let offset = Math.min(2, n - 1 - i); offset >= 0; offset--) {
      const j = i + offset
      let value = offset === 0 ? 1 / diagonal : 0
      if (i + 1 < n) value -= factor[i * 3 + 1] * z(i + 1, j)
      if (i + 2 < n) value -= factor[i * 3 + 2] * z(i + 2, j)
      inverse[i * 3 + offset] = value / diagonal
    }
  }
  return inverse
}
