// The float64 B-spline oracle of the tests: the Cox–de Boor recursion written from its definition (indicator
// functions, 0/0 = 0), independent of the kernels' local triangle, plus the knot vectors the tests use.

/** The span by a linear scan: the largest s in [degree, n − 1] with knots[s] ≤ x (degree when none; NaN: n − 1). */
export function oracleSpan(knots: ArrayLike<number>, degree: number, x: number): number {
  const last = knots.length - degree - 2
  if (Number.isNaN(x)) return last
  let span = degree
  for (let s = degree; s <= last; s++) if (knots[s] <= x) span = s
  return span
}

/** B_{i,p}(x) given the span whose degree-0 indicator is 1 (outside the domain that continues the end polynomial). */
function basisFunction(knots: ArrayLike<number>, i: number, p: number, span: number, x: number): number {
  if (p === 0) return i === span ? 1 : 0
  const leftWidth = knots[i + p] - knots[i], rightWidth = knots[i + p + 1] - knots[i + 1]
  const left = leftWidth === 0 ? 0 : ((x - knots[i]) / leftWidth) * basisFunction(knots, i, p - 1, span, x)
  const right = rightWidth === 0 ? 0 : ((knots[i + p + 1] - x) / rightWidth) * basisFunction(knots, i + 1, p - 1, span, x)
  return left + right
}

export interface OracleRow {
  span: number
  values: number[]
  derivatives: number[]
  /** degree / (the narrowest support width in the row): bounds |B_{i,p−1}/(t_{i+p} − t_i)|, the scale of the derivatives. */
  derivativeScale: number
}

export function oracleBasis(knots: ArrayLike<number>, degree: number, x: number): OracleRow {
  const span = oracleSpan(knots, degree, x)
  const values: number[] = [], derivatives: number[] = []
  let narrowest = Infinity
  for (let r = 0; r <= degree; r++) {
    const i = span - degree + r
    values.push(basisFunction(knots, i, degree, span, x))
    if (degree === 0) { derivatives.push(0); continue }
    const leftWidth = knots[i + degree] - knots[i], rightWidth = knots[i + degree + 1] - knots[i + 1]
    for (const width of [leftWidth, rightWidth]) if (width > 0 && width < narrowest) narrowest = width
    const left = leftWidth === 0 ? 0 : basisFunction(knots, i, degree - 1, span, x) / leftWidth
    const right = rightWidth === 0 ? 0 : basisFunction(knots, i + 1, degree - 1, span, x) / rightWidth
    derivatives.push(degree * (left - right))
  }
  return { span, values, derivatives, derivativeScale: degree === 0 ? 1 : degree / narrowest }
}

/** grid + 2·degree + 1 equally spaced knots around [−1, 1] (a KAN-style open uniform vector). */
export function openUniform(grid: number, degree: number): number[] {
  return Array.from({ length: grid + 2 * degree + 1 }, (_, i) => -1 + (2 * (i - degree)) / grid)
}

/** A clamped non-uniform vector on [−1, 1.5] with a double interior knot (for degree ≥ 1). */
export function clampedNonUniform(degree: number): number[] {
  const breakpoints = degree >= 1 ? [-1, -0.7, -0.1, 0.25, 0.25, 0.6, 1.5] : [-1, -0.7, -0.1, 0.25, 0.6, 1.5]
  return [...new Array(degree).fill(-1), ...breakpoints, ...new Array(degree).fill(1.5)]
}
