// Catmull-Rom splines through points as composite cubic Bezier control points, for any alpha in
// [0, 1] (0 uniform, ½ centripetal, 1 chordal). Layout of the result: 3(N − 1) + 1 control points
// packed row-major; stretch i uses control points 3i … 3i + 3, and control point 3i is P_i itself
// (copied, so the path passes through every point bit for bit). A closed path is given its first point again at the end.

/**
 * The stretch from P_i to P_{i+1} is the Barry–Goldman cubic over knots t_{i−1} < t_i < t_{i+1} <
 * t_{i+2} with t_{j+1} − t_j = h_j = |P_{j+1} − P_j|^alpha. A cubic is fixed by its end values and
 * end derivatives; its derivative at P_i is
 *   m_i = (P_i − P_{i−1})/h_{i−1} − (P_{i+1} − P_{i−1})/(h_{i−1} + h_i) + (P_{i+1} − P_i)/h_i,
 * the same for the stretch that ends at P_i and the one that starts there (C¹ in t). Over the local
 * parameter s = (t − t_i)/h_i the inner control points are P_i + h_i·m_i/3 and P_{i+1} − h_i·m_{i+1}/3.
 *
 * Ends: phantom points reflected through the end points, P_{−1} = 2P_0 − P_1 and P_N = 2P_{N−1} − P_{N−2}.
 * Their steps equal the end chords', so the knots stay distinct for every alpha (a duplicated end point
 * would give a zero step and 0/0 when alpha > 0), and the end derivative reduces to the end chord over
 * its step, m_0 = (P_1 − P_0)/h_0: the path leaves along the first chord and arrives along the last.
 */
export function catmullRomControlPoints(points: Float64Array, dimension: number, steps: Float64Array, closed = false): Float64Array {
  const count = points.length / dimension
  const controls = new Float64Array((3 * (count - 1) + 1) * dimension)
  const tangent = new Float64Array(dimension)
  for (let i = 0; i < count; i++) {
    writeTangent(tangent, points, dimension, steps, i, closed)
    for (let k = 0; k < dimension; k++) {
      const point = points[i * dimension + k]
      controls[3 * i * dimension + k] = point
      if (i > 0) controls[(3 * i - 1) * dimension + k] = point - (steps[i - 1] / 3) * tangent[k]
      if (i < count - 1) controls[(3 * i + 1) * dimension + k] = point + (steps[i] / 3) * tangent[k]
    }
  }
  return controls
}

/** m_i above into `out`; at the ends, the end chord over its step (the reflected phantom point's value) — or, for a
 *  closed path (points P_0 … P_{N−1}, P_0 again), the tangent at P_0 from its neighbours around the loop, P_{N−1} and P_1,
 *  at both ends: the seam is then a joint like the others. */
function writeTangent(out: Float64Array, points: Float64Array, dimension: number, steps: Float64Array, i: number, closed: boolean): void {
  const last = points.length / dimension - 1
  if (closed && (i === 0 || i === last)) {
    for (let k = 0; k < dimension; k++) {
      const here = points[k], before = points[(last - 1) * dimension + k], after = points[dimension + k]
      const behind = steps[last - 1], ahead = steps[0]
      out[k] = (here - before) / behind - (after - before) / (behind + ahead) + (after - here) / ahead
    }
    return
  }
  for (let k = 0; k < dimension; k++) {
    const here = points[i * dimension + k]
    if (i === 0) {
      out[k] = (points[dimension + k] - here) / steps[0]
    } else if (i === last) {
      out[k] = (here - points[(i - 1) * dimension + k]) / steps[i - 1]
    } else {
      const before = points[(i - 1) * dimension + k]
      const after = points[(i + 1) * dimension + k]
      out[k] = (here - before) / steps[i - 1] - (after - before) / (steps[i - 1] + steps[i]) + (after - here) / steps[i]
    }
  }
}
