// B-spline basis by the Cox–de Boor local triangle, its span search and curve evaluation, in the kernels'
// signatures: the js backend's bsplineBasis and bsplineEvaluate (src/backend/js/bspline.ts lists them) and
// the BSpline curve class's single points (src/curves/bspline.ts), so at(x) and atMany([x]) agree on either
// backend. Layout: x[count]; spans[count] (Int32Array); values and derivatives row-major [count × (degree+1)];
// knots[knotCount]; coefficients row-major [n × dimension] with n = knotCount − degree − 1; out [count × dimension].
// No output overlaps another array. Every operation is rounded to the dtype (src/math/precision.ts);
// bsplineBasis (assembly/bspline.ts) and bsplineEvaluate (assembly/bspline-evaluate.ts) must equal this bit for bit.
import type { BsplineOutside, FloatArray } from '../backend/kernels'
import { roundingOf, type Round } from './precision'

/** How the spans of one call are found: `last` = knotCount − degree − 2 is the last span; `scale` = spans per unit of x. */
interface SpanSearch {
  knots: FloatArray
  degree: number
  last: number
  uniform: boolean
  scale: number
}

function spanSearch(knots: FloatArray, knotCount: number, degree: number, uniform: boolean, round: Round): SpanSearch {
  const last = knotCount - degree - 2
  return { knots, degree, last, uniform, scale: round((last + 1 - degree) / round(knots[last + 1] - knots[degree])) }
}

/**
 * The span of x: the largest s in [degree, last] with !(x < knots[s]), or `degree` when there is none. Inside the
 * domain that is the s with knots[s] ≤ x < knots[s+1] (never an empty span); the right end of the domain, anything
 * above it and NaN get the last span, anything below it the first. Both searches below return exactly that s.
 */
function findSpan(search: SpanSearch, x: number, round: Round): number {
  const { knots, degree, last } = search
  if (search.uniform) {
    // O(1): a guess from the (nearly) equal spacing, clamped and truncated, then an exact walk to the rule's span
    let position = round(round(x - knots[degree]) * search.scale)
    if (!(position >= 0)) position = 0
    if (position > last - degree) position = last - degree
    let span = degree + (position | 0)
    while (span > degree && x < knots[span]) span--
    while (span < last && !(x < knots[span + 1])) span++
    return span
  }
  // branch-free binary search: the answer stays in [low, low + size)
  let low = degree
  let size = last - degree + 1
  while (size > 1) {
    const half = size >>> 1
    low = x < knots[low + half] ? low : low + half
    size -= half
  }
  return low
}

/**
 * The degree+1 nonzero basis values at x on `span` into values[row…], by the local Cox–de Boor triangle in scipy's
 * order: N[0] = 1; for j = 1…degree, with saved = 0, for r = 0…j−1:
 *   right = knots[span+r+1], left = knots[span+r+1−j], quotient = N[r] / (right − left),
 *   N[r] = saved + (right − x)·quotient, saved = (x − left)·quotient;   then N[j] = saved.
 * The denominators are knot differences, never 0 on a non-empty span. The last level's quotients give the derivative:
 * dN[r]/dx = (quotient[r−1] − quotient[r])·degree for r < degree (quotient[−1] = 0) and quotient[degree−1]·degree.
 */
function basisRow(values: FloatArray, derivatives: FloatArray | null, row: number, x: number, knots: FloatArray,
  span: number, degree: number, round: Round): void {
  values[row] = 1
  let previousQuotient = 0
  for (let j = 1; j <= degree; j++) {
    let saved = 0
    for (let r = 0; r < j; r++) {
      const right = knots[span + r + 1]
      const left = knots[span + r + 1 - j]
      const quotient = round(values[row + r] / round(right - left))
      values[row + r] = round(saved + round(round(right - x) * quotient))
      saved = round(round(x - left) * quotient)
      if (j === degree && derivatives) {
        derivatives[row + r] = round(round(previousQuotient - quotient) * degree)
        previousQuotient = quotient
      }
    }
    values[row + j] = saved
  }
  if (derivatives) derivatives[row + degree] = round(previousQuotient * degree)
}

/**
 * Why 'zero' and 'knots' exist: a curve (scipy's default) continues its end polynomials; 'zero' adds nothing outside the
 * domain [knots[degree], knots[n]]; 'knots' continues the end polynomials up to the whole knot vector's ends and adds
 * nothing beyond (a KAN layer's rule). Inside means !(x < low) and !(x > high), so NaN stays NaN. Every other value is
 * stored as it is, a NaN as the canonical NaN.
 */
function finish(array: FloatArray, start: number, length: number, outside: boolean): void {
  // canonical() written out, here and in bsplineEvaluate: measured 1.08–1.12× faster per curve point than calling it
  for (let i = start; i < start + length; i++) { const value = outside ? 0 : array[i]; array[i] = value !== value ? NaN : value }
}

// Where the basis is zeroed: below low or above high (never, for 'extrapolate'). Two scalars, not one [low, high]: an
// array's destructuring compiles to the iterator protocol, whose bytecode in bsplineBasis used up the inlining budget of
// the js kanForward that calls it (profiles showed basisRow no longer inlined there; the js KAN [4,64,1] float32 step went
// from 0.95–0.96× to 0.97–0.98× of the code before the consolidation, medians of 11 one-process A/B runs).
function lowZeroBound(knots: FloatArray, degree: number, outside: BsplineOutside): number {
  return outside === 'zero' ? knots[degree] : outside === 'knots' ? knots[0] : -Infinity
}

function highZeroBound(knots: FloatArray, knotCount: number, last: number, outside: BsplineOutside): number {
  return outside === 'zero' ? knots[last + 1] : outside === 'knots' ? knots[knotCount - 1] : Infinity
}

export function bsplineBasis(spans: Int32Array, values: FloatArray, derivatives: FloatArray | null, x: FloatArray, count: number,
  knots: FloatArray, knotCount: number, degree: number, outside: BsplineOutside, uniform: boolean): void {
  const round = roundingOf(values)
  const search = spanSearch(knots, knotCount, degree, uniform, round)
  const low = lowZeroBound(knots, degree, outside), high = highZeroBound(knots, knotCount, search.last, outside)
  for (let i = 0; i < count; i++) {
    const span = findSpan(search, x[i], round)
    const row = i * (degree + 1)
    spans[i] = span
    basisRow(values, derivatives, row, x[i], knots, span, degree, round)
    const zeroed = x[i] < low || x[i] > high
    finish(values, row, degree + 1, zeroed)
    if (derivatives) finish(derivatives, row, degree + 1, zeroed)
  }
}

// The basis of one input while bsplineEvaluate combines it (kernels never allocate, so these live here).
const basisScratch = { float32: new Float32Array(6), float64: new Float64Array(6) }

export function bsplineEvaluate(out: FloatArray, x: FloatArray, count: number, knots: FloatArray, knotCount: number,
  coefficients: FloatArray, dimension: number, degree: number, outside: BsplineOutside, uniform: boolean): void {
  const round = roundingOf(out)
  const basis = out instanceof Float32Array ? basisScratch.float32 : basisScratch.float64
  const search = spanSearch(knots, knotCount, degree, uniform, round)
  const low = lowZeroBound(knots, degree, outside), high = highZeroBound(knots, knotCount, search.last, outside)
  for (let i = 0; i < count; i++) {
    const span = findSpan(search, x[i], round)
    basisRow(basis, null, 0, x[i], knots, span, degree, round)
    finish(basis, 0, degree + 1, x[i] < low || x[i] > high)
    const base = (span - degree) * dimension
    for (let d = 0; d < dimension; d++) {
      let total = 0
      for (let r = 0; r <= degree; r++) total = round(total + round(basis[r] * coefficients[base + r * dimension + d]))
      out[i * dimension + d] = total !== total ? NaN : total
    }
  }
}
