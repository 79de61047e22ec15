// Symmetric positive definite banded systems A·X = B by Cholesky (A = UᵀU), in float64. A is given by its upper
// band: band[i×(bandwidth+1) + d] = A[i, i+d] for d = 0…bandwidth (entries past the last row ignored); U overwrites
// it in the same layout. X overwrites B [n × columns]. O(n·bandwidth²) time, no storage beyond the band.

/** Thrown (as a RangeError) when a pivot is not clearly positive: `row` is the first row whose pivot failed. */
export class NotPositiveDefiniteError extends RangeError {
  constructor(readonly row: number, readonly pivot: number, readonly diagonal: number) {
    super(`the system is not positive definite: pivot ${row} is ${pivot} for a diagonal of ${diagonal}`)
    this.name = 'NotPositiveDefiniteError'
  }
}

/**
 * Relative size below which a pivot counts as zero: a matrix singular in exact arithmetic leaves pivots of the order
 * of the rounding error, about 1e-16 of their diagonal, while a well-posed B-spline system keeps them far above this.
 */
export const PIVOT_TOLERANCE = 1e-13

/** U with UᵀU = A, row by row: U[i,i] = √(A[i,i] − Σ_l U[l,i]²), U[i,j] = (A[i,j] − Σ_l U[l,i]·U[l,j]) / U[i,i], l ascending. */
export function choleskyBanded(band: Float64Array, n: number, bandwidth: number): void {
  const width = bandwidth + 1
  for (let i = 0; i < n; i++) {
    const diagonal = band[i * width]
    let pivot = diagonal
    for (let l = Math.max(0, i - bandwidth); l < i; l++) pivot -= band[l * width + (i - l)] ** 2
    if (!(pivot > PIVOT_TOLERANCE * diagonal)) throw new NotPositiveDefiniteError(i, pivot, diagonal)
    const root = Math.sqrt(pivot)
    band[i * width] = root
    for (let j = i + 1; j <= Math.min(n - 1, i + bandwidth); j++) {
      let value = band[i * width + (j - i)]
      for (let l = Math.max(0, j - bandwidth); l < i; l++) value -= band[l * width + (i - l)] * band[l * width + (j - l)]
      band[i * width + (j - i)] = value / root
    }
  }
}

/** Solves UᵀU·X = B in place in `rhs` [n × columns], with U from choleskyBanded: forward by Uᵀ, then back by U. */
export function solveCholeskyBanded(band: Float64Array, n: number, bandwidth: number, rhs: Float64Array, columns: number): void {
  const width = bandwidth + 1
  for (let c = 0; c < columns; c++) {
    for (let i = 0; i < n; i++) {
      let value = rhs[i * columns + c]
      for (let l = Math.max(0, i - bandwidth); l < i; l++) value -= band[l * width + (i - l)] * rhs[l * columns + c]
      rhs[i * columns + c] = value / band[i * width]
    }
    for (let i = n - 1; i >= 0; i--) {
      let value = rhs[i * columns + c]
      for (let j = i + 1; j <= Math.min(n - 1, i + bandwidth); j++) value -= band[i * width + (j - i)] * rhs[j * columns + c]
      rhs[i * columns + c] = value / band[i * width]
    }
  }
}
