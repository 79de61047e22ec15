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
export function naturalCubicControlPoints(points: Float64Array, dimension: number, steps: Float64Array): Float64Array {
  const count = points.length / dimension
  const second = secondDerivatives(points, dimension, steps)
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

/** M_0 … M_{N−1} packed like the points, by the Thomas algorithm on the system above. */
function secondDerivatives(points: Float64Array, dimension: number, steps: Float64Array): Float64Array {
  const count = points.length / dimension
  const second = new Float64Array(count * dimension)          // M_0 and M_{N−1} stay 0
  const upper = new Float64Array(count)                       // the eliminated super-diagonal c'_i
  const slope = (i: number, k: number) => (points[(i + 1) * dimension + k] - points[i * dimension + k]) / steps[i]
  // Forward elimination: row i keeps the diagonal 1 and c'_i = h_i / pivot_i; the right side is divided too.
  for (let i = 1; i < count - 1; i++) {
    const lower = steps[i - 1]
    const pivot = 2 * (steps[i - 1] + steps[i]) - lower * upper[i - 1]
    upper[i] = steps[i] / pivot
    for (let k = 0; k < dimension; k++) {
      const rightSide = 6 * (slope(i, k) - slope(i - 1, k))
      second[i * dimension + k] = (rightSide - lower * second[(i - 1) * dimension + k]) / pivot
    }
  }
  // Back substitution from the last interior row: M_i = d'_i − c'_i·M_{i+1}.
  for (let i = count - 3; i >= 1; i--) {
    for (let k = 0; k < dimension; k++) second[i * dimension + k] -= upper[i] * second[(i + 1) * dimension + k]
  }
  return second
}
