// The float64 algebra behind BSpline: the derivative as a B-spline (scipy's splder), Boehm knot insertion and each
// span's Bezier control points (blossoms by de Boor's algorithm). Coefficients are packed [n × dimension]; every
// function returns new arrays and leaves its inputs alone.

export interface SplineData {
  knots: Float64Array
  coefficients: Float64Array
  degree: number
  dimension: number
}

/** The span s with knots[s] ≤ x < knots[s+1] for x inside the domain (the right end: the last span), as the kernels find it. */
export function spanOf(knots: Float64Array, degree: number, x: number): number {
  const last = knots.length - degree - 2
  let span = degree
  while (span < last && !(x < knots[span + 1])) span++
  return span
}

/**
 * The first derivative as a B-spline of degree − 1 on knots[1 … m−2]:
 * c'[i] = (c[i+1] − c[i])·degree / (knots[i+degree+1] − knots[i+1]), in scipy's order. Where that knot difference is 0,
 * the new basis function is identically zero, so its coefficient is set to 0 (scipy would divide by zero).
 */
export function derivativeOnce({ knots, coefficients, degree, dimension }: SplineData): SplineData {
  const count = coefficients.length / dimension - 1
  const derived = new Float64Array(count * dimension)
  for (let i = 0; i < count; i++) {
    const width = knots[i + degree + 1] - knots[i + 1]
    for (let d = 0; d < dimension; d++) {
      const difference = coefficients[(i + 1) * dimension + d] - coefficients[i * dimension + d]
      derived[i * dimension + d] = width === 0 ? 0 : (difference * degree) / width
    }
  }
  return { knots: knots.slice(1, knots.length - 1), coefficients: derived, degree: degree - 1, dimension }
}

/**
 * Boehm's insertion of x (inside the domain) once: with s the span of x, Q[i] = c[i] for i ≤ s − degree,
 * Q[i] = (1 − a)·c[i−1] + a·c[i] with a = (x − t[i]) / (t[i+degree] − t[i]) for s − degree < i ≤ s, Q[i] = c[i−1] after;
 * x goes in after knots[s]. The curve is unchanged (up to rounding).
 */
export function insertKnotOnce({ knots, coefficients, degree, dimension }: SplineData, x: number): SplineData {
  const span = spanOf(knots, degree, x)
  const count = coefficients.length / dimension
  const inserted = new Float64Array((count + 1) * dimension)
  for (let i = 0; i <= count; i++) {
    for (let d = 0; d < dimension; d++) {
      let value: number
      if (i <= span - degree) value = coefficients[i * dimension + d]
      else if (i > span) value = coefficients[(i - 1) * dimension + d]
      else {
        const a = (x - knots[i]) / (knots[i + degree] - knots[i])
        value = (1 - a) * coefficients[(i - 1) * dimension + d] + a * coefficients[i * dimension + d]
      }
      inserted[i * dimension + d] = value
    }
  }
  const newKnots = new Float64Array(knots.length + 1)
  newKnots.set(knots.subarray(0, span + 1))
  newKnots[span + 1] = x
  newKnots.set(knots.subarray(span + 1), span + 2)
  return { knots: newKnots, coefficients: inserted, degree, dimension }
}

/**
 * The Bezier control points [(degree+1) × dimension] of the polynomial on the non-empty span [t_s, t_{s+1}]:
 * point j is the blossom at (t_s repeated degree − j times, t_{s+1} repeated j times), each by de Boor's algorithm
 * with level r using the r-th of those arguments. Its denominators are ≥ t_{s+1} − t_s > 0.
 */
export function bezierPointsOfSpan({ knots, coefficients, degree, dimension }: SplineData, span: number): Float64Array {
  const points = new Float64Array((degree + 1) * dimension)
  const work = new Float64Array((degree + 1) * dimension)
  for (let j = 0; j <= degree; j++) {
    work.set(coefficients.subarray((span - degree) * dimension, (span + 1) * dimension))
    for (let r = 1; r <= degree; r++) {
      const argument = r <= degree - j ? knots[span] : knots[span + 1]
      for (let i = degree; i >= r; i--) {
        const left = knots[span - degree + i], right = knots[span + 1 + i - r]
        const alpha = (argument - left) / (right - left)
        for (let d = 0; d < dimension; d++) {
          work[i * dimension + d] = (1 - alpha) * work[(i - 1) * dimension + d] + alpha * work[i * dimension + d]
        }
      }
    }
    points.set(work.subarray(degree * dimension), j * dimension)
  }
  return points
}
