// General (non-symmetric) banded systems A·X = B by Gaussian elimination with partial pivoting, in float64 — what
// LAPACK's gbsv does for scipy's make_interp_spline, written out. A row-interchange can push a row's entries up to
// `lower` places further right, so each row stores columns i − lower … i + lower + upper.

export interface BandedMatrix {
  n: number
  lower: number
  upper: number
  /** Row i, column j (|j − i| within the band) at entries[i × width + (j − i + lower)], width = 2·lower + upper + 1. */
  entries: Float64Array
}

/** Thrown (as a RangeError) when no pivot in a column is non-zero: the system has no unique solution. */
export class SingularMatrixError extends RangeError {
  constructor(readonly column: number) {
    super(`the system is singular: column ${column} has no non-zero pivot`)
    this.name = 'SingularMatrixError'
  }
}

/** A zero n×n matrix with `lower` sub-diagonals and `upper` super-diagonals. */
export function bandedMatrix(n: number, lower: number, upper: number): BandedMatrix {
  return { n, lower, upper, entries: new Float64Array(n * (2 * lower + upper + 1)) }
}

function indexOf({ lower, upper }: BandedMatrix, i: number, j: number): number {
  return i * (2 * lower + upper + 1) + (j - i + lower)
}

/** Adds `value` to A[i, j]; j must lie within the band of row i. */
export function addToBanded(matrix: BandedMatrix, i: number, j: number, value: number): void {
  if (j < i - matrix.lower || j > i + matrix.upper) throw new RangeError(`banded matrix: entry (${i}, ${j}) lies outside the band`)
  matrix.entries[indexOf(matrix, i, j)] += value
}

/**
 * Solves A·X = B in place: `rhs` [n × columns] becomes X and the matrix is destroyed. Column by column, the largest
 * |entry| among the `lower` rows below becomes the pivot (the first such row on ties, as LAPACK); the eliminations are
 * applied to the right side as they happen, then back substitution runs from the last row.
 */
export function solveBanded(matrix: BandedMatrix, rhs: Float64Array, columns: number): void {
  const { n, lower, upper, entries } = matrix
  const reach = lower + upper                        // how far right of the diagonal a row can reach after swaps
  for (let c = 0; c < n; c++) {
    const lastRow = Math.min(n - 1, c + lower)
    let pivotRow = c
    for (let r = c + 1; r <= lastRow; r++) {
      if (Math.abs(entries[indexOf(matrix, r, c)]) > Math.abs(entries[indexOf(matrix, pivotRow, c)])) pivotRow = r
    }
    const pivot = entries[indexOf(matrix, pivotRow, c)]
    if (pivot === 0) throw new SingularMatrixError(c)
    const lastColumn = Math.min(n - 1, c + reach)
    if (pivotRow !== c) {
      for (let j = c; j <= lastColumn; j++) {
        const a = indexOf(matrix, c, j), b = indexOf(matrix, pivotRow, j)
        const kept = entries[a]; entries[a] = entries[b]; entries[b] = kept
      }
      for (let k = 0; k < columns; k++) {
        const kept = rhs[c * columns + k]; rhs[c * columns + k] = rhs[pivotRow * columns + k]; rhs[pivotRow * columns + k] = kept
      }
    }
    for (let r = c + 1; r <= lastRow; r++) {
      const factor = entries[indexOf(matrix, r, c)] / pivot
      if (factor === 0) continue
      entries[indexOf(matrix, r, c)] = 0
      for (let j = c + 1; j <= lastColumn; j++) entries[indexOf(matrix, r, j)] -= factor * entries[indexOf(matrix, c, j)]
      for (let k = 0; k < columns; k++) rhs[r * columns + k] -= factor * rhs[c * columns + k]
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const lastColumn = Math.min(n - 1, i + reach)
    for (let k = 0; k < columns; k++) {
      let value = rhs[i * columns + k]
      for (let j = i + 1; j <= lastColumn; j++) value -= entries[indexOf(matrix, i, j)] * rhs[j * columns + k]
      rhs[i * columns + k] = value / entries[indexOf(matrix, i, i)]
    }
  }
}
