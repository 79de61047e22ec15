// The natural C² cubic spline through points, as composite cubic Bezier control points in the same
// layout as catmull-rom.ts: 3(N − 1) + 1 control points packed row-major, stretch i on control points
// 3i … 3i + 3, control point 3i = P_i copied bit for bit.

/**
 * With parameter values u_0 < … < u_{N−1} (steps h_i = u_{i+1} − u_i) and second derivatives M_i, the
 * cubic on [u_i, u_{i+1}] is C² at the joints when, for i = 1 … N−2,
 *   h_{i−1}·M_{i−1} + 2(h_{i−1} + h_i)·M_i + h_i·M_{i+1} = 6·((P_{i+1} − P_i)/h_i − (P_i − P_{i−1})/h_{i−1}),
 * and natural when M_0 = M_{N−1} = 0. The matrix is tridiagonal and strictly diagonally dominant, so
 * the Thomas algorithm (elimination without pivoting) is stable; it is the same for every coordinate,
 * so one sweep eliminates all of them. The end slopes of stretch i over s = (u − u_i)/h_i then give
 * the inner control points P_i + (P_{i+1} − P_i)/3 − h_i²(2M_i + M_{i+1})/18 and
 * P_{i+1} − (P_{i+1} − P_i)/3 − h_i²(M_i + 2M_{i+1})/18.
 */
export function naturalCubicControlPoints(points: Float64Array, dimension: number, steps: Float64Array, closed = false): Float64Array {
  const count = points.length / dimension
  const second = closed ? periodicSecondDerivatives(points, dimension, steps) : secondDerivatives(points, dimension, steps)
  const controls = new Float64Array((3 * (count - 1) + 1) * dimension)
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < dimension; k++) controls[3 * i * dimension + k] = points[i * dimension + k]
  }
  for (let i = 0; i < count - 1; i++) {
    const curvatureScale = (steps[i] * steps[i]) / 18
    for (let k = 0; k < dimension; k++) {
      const start = points[i * dimension + k]
      const end = points[(i + 1) * dimension + k]
      const third = (end - start) / 3
      const startCurvature = second[i * dimension + k]
      const endCurvature = second[(i + 1) * dimension + k]
      controls[(3 * i + 1) * dimension + k] = start + third - curvatureScale * (2 * startCurvature + endCurvature)
      controls[(3 * i + 2) * dimension + k] = end - third - curvatureScale * (startCurvature + 2 * endCurvature)
    }
  }
  return controls
}

/** M_0 … M_{N−1} packed like the points, by the Thomas algorithm on the system above (rows 1 … N − 2; M_0 = M_{N−1} = 0). */
function secondDerivatives(points: Float64Array, dimension: number, steps: Float64Array): Float64Array {
  const count = points.length / dimension, rows = count - 2
  const second = new Float64Array(count * dimension)
  if (rows <= 0) return second
  const slope = (i: number, k: number) => (points[(i + 1) * dimension + k] - points[i * dimension + k]) / steps[i]
  // row r is point i = r + 1
  const lower = Float64Array.from({ length: rows }, (_, r) => steps[r])
  const diagonal = Float64Array.from({ length: rows }, (_, r) => 2 * (steps[r] + steps[r + 1]))
  const upper = Float64Array.from({ length: rows }, (_, r) => steps[r + 1])
  const interior = second.subarray(dimension, (count - 1) * dimension)
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < dimension; k++) interior[r * dimension + k] = 6 * (slope(r + 1, k) - slope(r, k))
  }
  solveTridiagonal(lower, diagonal, upper, interior, rows, dimension)
  return second
}

/**
 * The periodic spline (a closed path: points P_0 … P_{N−1} and P_0 again, N = count − 1 ≥ 3): the same equations for
 * i = 0 … N − 1 taken around the loop (h_{−1} = h_{N−1}, M_N = M_0), a cyclic tridiagonal system, strictly diagonally
 * dominant, solved by the Thomas algorithm with the Sherman–Morrison correction for its two corner entries. M for the
 * repeated point is M_0, so the seam is C² like every joint.
 */
function periodicSecondDerivatives(points: Float64Array, dimension: number, steps: Float64Array): Float64Array {
  const n = points.length / dimension - 1
  const slope = (i: number, k: number) => (points[(i + 1) * dimension + k] - points[i * dimension + k]) / steps[i]
  const lower = Float64Array.from({ length: n }, (_, i) => steps[(i + n - 1) % n])
  const diagonal = Float64Array.from({ length: n }, (_, i) => 2 * (steps[(i + n - 1) % n] + steps[i]))
  const upper = Float64Array.from({ length: n }, (_, i) => steps[i])
  // Sherman–Morrison: A = T + u·vᵀ with u = (γ, 0, …, 0, c_{n−1}) and v = (1, 0, …, 0, a_0/γ), γ = −b_0
  const gamma = -diagonal[0], corner = upper[n - 1], top = lower[0]
  const modified = diagonal.slice()
  modified[0] -= gamma
  modified[n - 1] -= (corner * top) / gamma
  const rightSide = new Float64Array((n + 1) * dimension)
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < dimension; k++) rightSide[i * dimension + k] = 6 * (slope(i, k) - slope((i + n - 1) % n, k))
  }
  const correction = new Float64Array(n)
  correction[0] = gamma
  correction[n - 1] = corner
  solveTridiagonal(lower, modified, upper, rightSide, n, dimension)
  solveTridiagonal(lower, modified, upper, correction, n, 1)
  const denominator = 1 + correction[0] + (top * correction[n - 1]) / gamma
  for (let k = 0; k < dimension; k++) {
    const factor = (rightSide[k] + (top * rightSide[(n - 1) * dimension + k]) / gamma) / denominator
    for (let i = 0; i < n; i++) rightSide[i * dimension + k] -= factor * correction[i]
    rightSide[n * dimension + k] = rightSide[k]   // the repeated point: M_N = M_0
  }
  return rightSide
}

/** Solves the tridiagonal rows i < n (lower[0] and upper[n − 1] unused) for `columns` right sides in place (Thomas). */
function solveTridiagonal(lower: Float64Array, diagonal: Float64Array, upper: Float64Array, rhs: Float64Array, n: number, columns: number): void {
  const eliminated = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const pivot = diagonal[i] - (i > 0 ? lower[i] * eliminated[i - 1] : 0)
    eliminated[i] = upper[i] / pivot
    for (let k = 0; k < columns; k++) rhs[i * columns + k] = (rhs[i * columns + k] - (i > 0 ? lower[i] * rhs[(i - 1) * columns + k] : 0)) / pivot
  }
  for (let i = n - 2; i >= 0; i--) {
    for (let k = 0; k < columns; k++) rhs[i * columns + k] -= eliminated[i] * rhs[(i + 1) * columns + k]
  }
}
