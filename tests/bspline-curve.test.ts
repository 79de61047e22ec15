import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { BSpline } from '../src/curves/bspline'
import { interpolateBSpline } from '../src/curves/interpolate'
import { basisRows } from '../src/curves/bspline-batch'
import { clampedKnots, uniformKnots } from '../src/curves/knots'
import { randomValues, sameBits } from './support/oracle'
import { openUniform } from './bspline-oracle'
import type { DType, FloatArray } from '../src/backend/kernels'
import reference from './fixtures/bspline-reference.json'

const largest = (values: ArrayLike<number>) => Array.from(values).reduce((m, v) => Math.max(m, Math.abs(v)), 1)
// scipy and curvenet both evaluate with a few roundings per de Boor level on terms bounded by the curve's (or its
// derivative's) largest magnitude: float64 differences stay near 1e-15 of that scale, so 1e-12 of it is the bound;
// float32 rounds the same work at 6e-8, so 1e-5 relative.
const tolerance = { float64: 1e-12, float32: 1e-5 }

describe.each(['js', 'wasm'] as const)('BSpline against scipy on the %s backend', (backend) => {
  beforeAll(async () => { await init({ backend, quiet: true }) })

  describe.each(['float64', 'float32'] as DType[])('%s', (dtype) => {
    it.each(reference.curves.map((c) => [c.kind, c.degree, c] as const))('%s knots, degree %i: values and derivatives 1…degree (BSpline.derivative) at the points', (_kind, degree, c) => {
      const spline = new BSpline(c.knots, c.coefficients, degree, { dimension: 2, dtype })
      for (let m = 0; m <= degree; m++) {
        const got = spline.derivative(m).atMany(c.points)
        const expected = c.derivatives[m]
        const scale = largest(expected)
        expected.forEach((value, i) => expect(Math.abs(got[i] - value), `m = ${m}, at ${c.points[i >> 1]}`).toBeLessThanOrEqual(tolerance[dtype] * scale))
      }
      for (const [p, x] of c.points.entries()) expect(sameBits(spline.at(x), spline.atMany([x])), `x = ${x} (point ${p})`).toBe(true)
    })

    it.each(reference.curves.map((c) => [c.kind, c.degree, c] as const))('%s knots, degree %i: basis rows equal BSpline.design_matrix (basis and batched)', (_kind, degree, c) => {
      const spline = new BSpline(c.knots, c.coefficients, degree, { dimension: 2, dtype })
      const batched = basisRows('test', dtype, c.designPoints, spline.knots, degree, 'extrapolate', false)
      c.designPoints.forEach((x, i) => {
        const { span, values } = spline.basis(x)
        expect(span).toBe(c.designSpans[i])
        expect(batched.spans[i]).toBe(span)
        expect(sameBits(values, batched.values.subarray(i * (degree + 1), (i + 1) * (degree + 1)) as FloatArray)).toBe(true)
        c.designRows[i].forEach((value, r) => expect(Math.abs(values[r] - value)).toBeLessThanOrEqual(tolerance[dtype]))
      })
    })
  })

  it.each(reference.curves.map((c) => [c.kind, c.degree, c] as const))('%s knots, degree %i: insertKnot equals scipy insert_knot', (_kind, degree, c) => {
    const spline = new BSpline(c.knots, c.coefficients, degree, { dimension: 2 })
    for (const insertion of c.insertions) {
      const already = c.knots.filter((t) => t === insertion.x).length
      if (already + insertion.times > degree + 1) {
        expect(() => spline.insertKnot(insertion.x, insertion.times)).toThrow(/multiplicity/)
        continue
      }
      const inserted = spline.insertKnot(insertion.x, insertion.times)
      expect(Array.from(inserted.knots)).toEqual(insertion.knots)
      const scale = largest(insertion.coefficients)
      insertion.coefficients.forEach((value, i) => expect(Math.abs(inserted.coefficients[i] - value)).toBeLessThanOrEqual(1e-12 * scale))
    }
  })
})

describe('BSpline operations', () => {
  beforeAll(async () => { await init({ quiet: true }) })
  const randomSpline = (seed: number, degree: number, dimension: number, dtype: DType = 'float64') => {
    const knots = openUniform(6, degree)
    return new BSpline(knots, randomValues(seed, (knots.length - degree - 1) * dimension, -2, 2), degree, { dimension, dtype })
  }
  const xs = randomValues(99, 40, -1, 1)

  it.each([1, 2, 3, 4, 5])('degree %i: derivative() matches central differences of at()', (degree) => {
    const spline = randomSpline(degree, degree, 3)
    const derivative = spline.derivative()
    const h = 1e-6
    for (const x of xs) {
      const [ahead, behind, slope] = [spline.at(x + h), spline.at(x - h), derivative.at(x)]
      // truncation ≤ |f'''|h²/6 and rounding ≤ 2u·|f|/(2h): both far below 1e-7 of the slope's scale
      for (let d = 0; d < 3; d++) expect(Math.abs((ahead[d] - behind[d]) / (2 * h) - slope[d])).toBeLessThanOrEqual(1e-7 * largest(derivative.coefficients))
    }
  })

  it.each([0, 1, 2, 3, 5])('degree %i: insertKnot leaves the curve unchanged; toBeziers spans reproduce it', (degree) => {
    const spline = randomSpline(10 + degree, degree, 2)
    const scale = largest(spline.coefficients)
    const refined = spline.insertKnot(0.123).insertKnot(-0.5, Math.min(degree + 1, 2))
    const before = spline.atMany(xs), after = refined.atMany(xs)
    before.forEach((value, i) => expect(Math.abs(after[i] - value)).toBeLessThanOrEqual(1e-14 * scale))
    const spans = spline.toBeziers()
    expect(spans).toHaveLength(6)
    for (const { start, end, bezier } of spans) {
      for (const t of [0, 0.25, 0.5, 0.9, 1]) {
        const x = start + t * (end - start)
        const [onBezier, onSpline] = [bezier.at(t), spline.at(x === end && end < spline.domain[1] ? x - 1e-15 : x)]
        for (let d = 0; d < 2; d++) expect(Math.abs(onBezier[d] - onSpline[d]), `x = ${x}`).toBeLessThanOrEqual(1e-13 * scale)
      }
    }
  })

  it.each(['float64', 'float32'] as DType[])('%s: toJSON/fromJSON round trip is bit-exact, through JSON text too', (dtype) => {
    const spline = new BSpline(clampedKnots([-1, -0.3, 0.1, 0.7, 2], 3), randomValues(5, 14, -1e3, 1e3).map((v) => v / 7), 3, { dimension: 2, dtype, outside: 'zero' })
    const copy = BSpline.fromJSON(JSON.stringify(spline))
    expect([copy.degree, copy.dimension, copy.dtype, copy.outside]).toEqual([3, 2, dtype, 'zero'])
    expect(sameBits(copy.knots, spline.knots) && sameBits(copy.coefficients, spline.coefficients)).toBe(true)
    expect(sameBits(copy.atMany(xs), spline.atMany(xs))).toBe(true)
  })

  it('toSVGPath: one M and a C per span for a cubic, Q for a quadratic, L for a line; its ends are the curve\'s ends', () => {
    const cubic = new BSpline(clampedKnots(4, 3, [0, 1]), [[0, 0], [1, 2], [2, -1], [3, 3], [4, 0], [5, 1], [6, 0]], 3)
    const path = cubic.toSVGPath()
    expect(path.match(/[A-Z]/g)).toEqual(['M', 'C', 'C', 'C', 'C'])
    expect(path.startsWith('M 0 0 C')).toBe(true)
    expect(path.endsWith(' 6 0')).toBe(true)
    expect(new BSpline(clampedKnots(2, 2), [[0, 0], [1, 1], [2, 0], [3, 1]], 2).toSVGPath().match(/[A-Z]/g)).toEqual(['M', 'Q', 'Q'])
    expect(new BSpline(clampedKnots(2, 1), [[0, 0], [1, 1], [2, 0]], 1).toSVGPath()).toBe('M 0 0 L 1 1 L 2 0')
  })

  it('outside: \'zero\' makes at() 0 beyond the domain, \'extrapolate\' continues the end polynomial', () => {
    const line = new BSpline(uniformKnots(2, 1, [0, 1]), [1, 2, 3], 1)     // the line y = 2x + 1: knots −0.5, 0, 0.5, 1, 1.5
    expect(Array.from(line.atMany([-0.5, 0.25, 1.5]))).toEqual([0, 1.5, 4])
    const zeroed = new BSpline(uniformKnots(2, 1, [0, 1]), [1, 2, 3], 1, { outside: 'zero' })
    expect(Array.from(zeroed.atMany([-0.5, 0.25, 1.5]))).toEqual([0, 1.5, 0])
  })
})

describe('BSpline: bad input', () => {
  beforeAll(async () => { await init({ quiet: true }) })
  const cubic = () => new BSpline(clampedKnots(3, 3), [0, 1, 0, 1, 0, 1], 3)
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['unsorted knots', () => new BSpline([0, 0, 1, 0.5, 2, 2], [1, 2, 3, 4], 1), RangeError, /non-decreasing, but knots\[2\] = 1 > knots\[3\] = 0.5/],
    ['knot vector of the wrong length', () => new BSpline([0, 0, 0, 1, 1, 1], [1, 2, 3, 4], 2), RangeError, /4 coefficients of degree 2 need n \+ degree \+ 1 = 7 knots, got 6/],
    ['degree above 5', () => new BSpline(clampedKnots(1, 5), [1, 2, 3, 4, 5, 6, 7], 6), RangeError, /degree must be an integer in \[0, 5\], got number 6/],
    ['fractional degree', () => new BSpline([0, 1, 2, 3], [1, 2], 1.5), RangeError, /degree must be an integer/],
    ['fewer coefficients than degree + 1', () => new BSpline([0, 0, 1, 1], [1], 2), RangeError, /needs at least degree \+ 1 = 3 coefficients, got 1/],
    ['a non-finite knot', () => new BSpline([0, NaN, 1, 2], [1, 2], 1), RangeError, /knots\[1\] must be a finite number/],
    ['a non-finite coefficient', () => new BSpline([0, 0, 1, 1], [1, Infinity], 1), RangeError, /coordinate 0 of point 1 is Infinity/],
    ['an empty first span', () => new BSpline([0, 0, 0, 1, 2], [1, 2, 3], 1), RangeError, /first span \[knots\[1\], knots\[2\]\] = \[0, 0\] is empty/],
    ['an unknown outside rule', () => new BSpline([0, 0, 1, 1], [1, 2], 1, { outside: 'clamp' as never }), TypeError, /outside must be one of extrapolate, zero/],
    ['an unknown option', () => new BSpline([0, 0, 1, 1], [1, 2], 1, { order: 2 } as never), TypeError, /unknown option "order"/],
    ['a NaN in atMany', () => cubic().atMany([0, NaN]), RangeError, /xs\[1\] must be a finite number/],
    ['a derivative order above the degree', () => cubic().derivative(4), RangeError, /m must be an integer in \[0, 3\], got number 4/],
    ['insertKnot at the end of the domain', () => cubic().insertKnot(1), RangeError, /strictly inside the domain \(-1, 1\)/],
    ['insertKnot beyond degree + 1', () => cubic().insertKnot(0, 5), RangeError, /exceed degree \+ 1 = 4/],
    ['toSVGPath of a 1-D curve', () => cubic().toSVGPath(), RangeError, /SVG paths are 2-D, this curve has dimension 1/],
    ['fromJSON of a truncated text', () => BSpline.fromJSON(JSON.stringify(cubic()).slice(0, 60)), TypeError, /not valid JSON/],
    ['fromJSON of another kind', () => BSpline.fromJSON({ ...cubic().toJSON(), kind: 'Bezier' }), TypeError, /expected JSON of kind "BSpline"/],
    ['clampedKnots with a grid of 0', () => clampedKnots(0, 3), RangeError, /grid must be an integer ≥ 1, got number 0/],
    ['uniformKnots with a reversed range', () => uniformKnots(4, 3, [1, -1]), RangeError, /low < high, got \[1, -1\]/],
    ['clampedKnots with unsorted breakpoints', () => clampedKnots([0, 2, 1], 2), RangeError, /strictly increasing, but breakpoints\[1\] = 2 ≥ breakpoints\[2\] = 1/],
  ]
  it.each(cases)('%s', (_name, run, type, message) => {
    expect(run).toThrow(type)
    expect(run).toThrow(message)
  })
})

describe('BSpline.curvature', () => {
  it('equals the Bezier spans\' curvature for a 3-D curve, the graph curvature of x² for a 1-D spline, and refuses degree 1', async () => {
    await init()
    const knots = [0, 0, 0, 0, 0.3, 0.55, 1, 1, 1, 1]
    const curve = new BSpline(knots, [[0, 0, 0], [1, 2, 0], [2, -1, 1], [3, 1, 2], [4, 0, 0], [5, 2, 1]], 3)
    for (const span of curve.toBeziers()) {
      for (const t of [0.1, 0.5, 0.9]) {
        const x = span.start + t * (span.end - span.start)
        expect(Math.abs(curve.curvature(x) - span.bezier.curvature(t))).toBeLessThan(1e-12 * span.bezier.curvature(t))
      }
    }
    const xs = Array.from({ length: 11 }, (_, k) => -1 + 0.2 * k)
    const parabola = interpolateBSpline(xs, xs.map((x) => x * x), { degree: 3 })
    for (const x of [-0.7, 0, 0.45]) expect(Math.abs(parabola.curvature(x) - 2 / (1 + 4 * x * x) ** 1.5)).toBeLessThan(1e-12)
    expect(() => new BSpline([0, 0, 1, 1], [0, 1], 1).curvature(0.5)).toThrow(/BSpline.curvature: a spline of degree 1 has no second derivative/)
  })
})

describe('BSpline.frame', () => {
  it('is the Bezier span\'s frame, orthonormal in 3-D with the curvature of BSpline.curvature, and refuses x outside the domain', async () => {
    await init()
    const curve = new BSpline([0, 0, 0, 0, 0.3, 0.55, 1, 1, 1, 1], [[0, 0, 0], [1, 2, 0], [2, -1, 1], [3, 1, 2], [4, 0, 0], [5, 2, 1]], 3)
    for (const x of [0.1, 0.3, 0.42, 0.8]) {
      const frame = curve.frame(x)
      const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
      expect(Math.abs(dot(frame.tangent, frame.normal))).toBeLessThan(1e-12)
      expect(Math.abs(dot(frame.tangent, frame.binormal!))).toBeLessThan(1e-12)
      expect(Math.abs(frame.curvature - curve.curvature(x))).toBeLessThan(1e-10 * frame.curvature)
    }
    expect(() => curve.frame(1.5)).toThrow(/BSpline.frame: x must be in the domain \[0, 1\], got 1.5/)
  })
})
