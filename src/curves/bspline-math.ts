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

/**
 * The basis functions B_{span−degree … span} and their derivatives of orders 0 … maxOrder at x, from the polynomial
 * pieces of `span` (so x = knots[span] gives right-hand values from span and left-hand limits from span − 1):
 * out[m×(degree+1) + r] = B^(m)_{span−degree+r}(x). Cox–de Boor's triangle of lower-degree values, then the
 * derivative recurrence D^m B_{i,p} = p·(D^{m−1}B_{i,p−1}/(t_{i+p} − t_i) − D^{m−1}B_{i+1,p−1}/(t_{i+p+1} − t_{i+1}))
 * with a zero width contributing nothing. Orders past the degree are zero.
 */
export function basisDerivatives(knots: ArrayLike<number>, degree: number, span: number, x: number, maxOrder: number): Float64Array {
  const width = degree + 1
  // levels[p][r]: B_{span−p+r, p}(x), the degree-p functions that live on this span
  const levels: Float64Array[] = [Float64Array.of(1)]
  for (let p = 1; p <= degree; p++) {
    const previous = levels[p - 1], level = new Float64Array(p + 1)
    for (let r = 0; r <= p; r++) {
      const i = span - p + r
      let value = 0
      if (r > 0) value += ((x - knots[i]) / (knots[i + p] - knots[i])) * previous[r - 1]
      if (r < p) value += ((knots[i + p + 1] - x) / (knots[i + p + 1] - knots[i + 1])) * previous[r]
      level[r] = value
    }
    levels.push(level)
  }
  const out = new Float64Array((maxOrder + 1) * width)
  out.set(levels[degree])
  for (let m = 1; m <= Math.min(maxOrder, degree); m++) {
    // derivative m of the degree-p functions, built from derivative m − 1 of degree p − 1, for p = degree − m + 1 … degree
    let current = levels[degree - m]
    for (let p = degree - m + 1; p <= degree; p++) {
      const next = new Float64Array(p + 1)
      for (let r = 0; r <= p; r++) {
        const i = span - p + r
        let value = 0
        if (r > 0 && knots[i + p] !== knots[i]) value += current[r - 1] / (knots[i + p] - knots[i])
        if (r < p && knots[i + p + 1] !== knots[i + 1]) value -= current[r] / (knots[i + p + 1] - knots[i + 1])
        next[r] = p * value
      }
      current = next
    }
    out.set(current, m * width)
  }
  return out
}
