import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { fitBSpline, fitPiecewiseLinear } from '../src/curves/fit'
import { fitConvergenceSeries } from '../scripts/pictures/fit-convergence'
import { randomValues, sameBits } from './support/oracle'
import type { FloatArray } from '../src/backend/kernels'
import reference from './fixtures/bspline-reference.json'

/** The fixture's data, regenerated bit for bit: integer arithmetic for u_i, then the same float64 operations as numpy. */
function referenceData(count: number): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(count), ys = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const u = (Math.imul(i, 2654435761) >>> 0) / 2 ** 32
    const x = -1 + (2 * (i + u)) / count
    xs[i] = x
    ys[i] = 1 / (1 + 25 * (x * x)) + x * x * x - x / 2
  }
  return { xs, ys }
}

/** The first backend's coefficients per fixture fit, for the second backend to match bit for bit. */
const firstFits = new Map<string, FloatArray>()

describe.each(['js', 'wasm'] as const)('fitting on the %s backend', (backend) => {
  beforeAll(async () => { await init({ backend, quiet: true }) })

  // Normal equations square the condition number: the error is about κ(BᵀB)·u relative, and κ of a B-spline Gram
  // matrix is bounded by a constant of the degree (≲ 10⁴ for cubics with ≥ 10 points per interval) whatever the
  // grid, so 1e-10 holds with room at grid 1000 (measured: below 1e-14). Both backends give the same bits.
  it.each(reference.fits.map((f) => [f.grid, f.degree, f] as const))('grid %i, degree %i: coefficients equal scipy make_lsq_spline', (grid, degree, f) => {
    const { xs, ys } = referenceData(f.count)
    const { curve, rmse } = fitBSpline(xs, ys, { grid, degree, range: [-1, 1] })
    expect(Array.from(curve.knots)).toEqual(f.knots)
    const scale = f.coefficients.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
    f.coefficients.forEach((value, i) => expect(Math.abs(curve.coefficients[i] - value)).toBeLessThanOrEqual(1e-10 * scale))
    const fitted = curve.atMany(xs)
    expect(rmse).toBe(Math.sqrt(ys.reduce((total, y, i) => total + (fitted[i] - y) ** 2, 0) / ys.length))
    const earlier = firstFits.get(`${grid} ${degree}`)
    if (earlier) expect(sameBits(earlier, curve.coefficients), 'js and wasm fits differ').toBe(true)
    else firstFits.set(`${grid} ${degree}`, curve.coefficients)
  })

  it('fitPiecewiseLinear recovers a piecewise-linear function; each dimension of [n × 2] data fits as alone, bit for bit', () => {
    const knots = [-2, -0.5, 0.3, 1, 2.5]
    const values = [[1, -1], [3, 0], [-2, 2], [0.5, 1], [4, -3]]
    const xs = randomValues(3, 200, -2, 2.5)
    const ys = xs.map((x) => {
      const j = Math.min(3, knots.findIndex((k, i) => x >= k && x <= knots[i + 1]))
      const w = (x - knots[j]) / (knots[j + 1] - knots[j])
      return [0, 1].map((d) => (1 - w) * values[j][d] + w * values[j + 1][d])
    })
    const both = fitPiecewiseLinear(xs, ys, knots)
    expect(both.curve.degree).toBe(1)
    expect(both.rmse).toBeLessThan(1e-14)
    values.flat().forEach((value, i) => expect(Math.abs(both.curve.coefficients[i] - value)).toBeLessThan(1e-13))
    for (const d of [0, 1]) {
      const alone = fitPiecewiseLinear(xs, ys.map((row) => row[d]), knots)
      expect(sameBits(alone.curve.coefficients, both.curve.coefficients.filter((_, i) => i % 2 === d))).toBe(true)
    }
  })

  it('fitBSpline on open knots reproduces a cubic polynomial; order 4 is degree 3', () => {
    const xs = randomValues(8, 300, -1, 1)
    const ys = xs.map((x) => 2 - x + 3 * x * x - 0.5 * x * x * x)
    const cubic = fitBSpline(xs, ys, { grid: 7, order: 4, knots: 'open', range: [-1, 1] })
    expect(cubic.rmse).toBeLessThan(1e-14)
    expect(cubic.curve.knots).toHaveLength(7 + 2 * 3 + 1)
    expect(sameBits(cubic.curve.coefficients, fitBSpline(xs, ys, { grid: 7, degree: 3, knots: 'open', range: [-1, 1] }).curve.coefficients)).toBe(true)
  })

  it('ridge makes more coefficients than data solvable and shrinks the coefficients', () => {
    const xs = randomValues(4, 30, -1, 1), ys = xs.map((x) => x * x)
    expect(() => fitBSpline(xs, ys, { grid: 40 })).toThrow(/43 coefficients but only 30 data points/)
    const norms = [1e-6, 1e-2, 1].map((ridge) => {
      const { curve, rmse } = fitBSpline(xs, ys, { grid: 40, ridge })
      expect(Number.isFinite(rmse)).toBe(true)
      return Math.hypot(...curve.coefficients)
    })
    expect(norms[0] > norms[1] && norms[1] > norms[2]).toBe(true)
  })
})

describe('convergence as the knots double', () => {
  beforeAll(async () => { await init({ quiet: true }) })

  it('the error of sin(3x) + x² falls as h² (piecewise linear) and h⁴ (cubic): log-log slopes within ±0.3', () => {
    const [linear, cubic] = fitConvergenceSeries()
    expect(Math.abs(linear.slope - 2)).toBeLessThanOrEqual(0.3)
    expect(Math.abs(cubic.slope - 4)).toBeLessThanOrEqual(0.3)
    for (const series of [linear, cubic]) {
      series.points.slice(1).forEach((point, i) => expect(point.error).toBeLessThan(series.points[i].error))
    }
  })
})

describe('fitting: bad input', () => {
  beforeAll(async () => { await init({ quiet: true }) })
  const xs = randomValues(1, 50, -1, 1), ys = xs.map((x) => x * x)
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['a grid of 0', () => fitBSpline(xs, ys, { grid: 0 }), RangeError, /grid must be an integer ≥ 1, got number 0/],
    ['no grid', () => fitBSpline(xs, ys, {} as never), TypeError, /options.grid .* is required/],
    ['mismatched xs and ys', () => fitBSpline(xs, ys.slice(0, 49), { grid: 4 }), RangeError, /ys holds 49 values for 50 xs/],
    ['rows of ys for fewer xs', () => fitPiecewiseLinear([0, 1], [[1, 2], [3, 4], [5, 6]], [0, 1]), RangeError, /ys has 3 rows for 2 xs/],
    ['a non-finite x', () => fitBSpline([0, NaN, 1], [1, 2, 3], { grid: 1, degree: 1 }), RangeError, /xs\[1\] must be a finite number/],
    ['a non-finite y', () => fitBSpline([0, 0.5, 1], [1, Infinity, 3], { grid: 1, degree: 1 }), RangeError, /coordinate 0 of point 1 is Infinity/],
    ['more coefficients than data without ridge', () => fitBSpline(xs, ys, { grid: 50 }), RangeError, /53 coefficients but only 50 data points; use fewer knots, more data, or ridge > 0/],
    ['a grid past 10⁶ coefficients, even with ridge', () => fitBSpline(xs, ys, { grid: 1e9, ridge: 1 }), RangeError, /grid 1000000000 of degree 3 makes 1000000003 coefficients; at most 1000000 are accepted \(MAX_SPLINE_COEFFICIENTS\)/],
    ['a singular system (no data in a span)', () => fitBSpline(xs.filter((x) => x < 0), ys.filter((_, i) => xs[i] < 0), { grid: 4, range: [-1, 1] }), RangeError, /singular at coefficient 5, whose basis function lives on \[0, 1\]/],
    ['data outside the range', () => fitBSpline(xs, ys, { grid: 4, range: [-0.5, 0.5] }), RangeError, /lies outside the spline's domain \[-0.5, 0.5\]/],
    ['data outside the breakpoints', () => fitPiecewiseLinear(xs, ys, [-0.5, 0, 2]), RangeError, /outside the spline's domain \[-0.5, 2\]/],
    ['unsorted breakpoints', () => fitPiecewiseLinear(xs, ys, [-1, 0.5, 0, 1]), RangeError, /strictly increasing, but breakpoints\[1\] = 0.5 ≥ breakpoints\[2\] = 0/],
    ['no data', () => fitBSpline([], [], { grid: 2 }), RangeError, /xs is empty/],
    ['degree 6', () => fitBSpline(xs, ys, { grid: 2, degree: 6 }), RangeError, /degree must be an integer in \[0, 5\], got number 6/],
    ['order and degree disagree', () => fitBSpline(xs, ys, { grid: 2, degree: 3, order: 3 }), RangeError, /degree 3 and order 3 were given/],
    ['a negative ridge', () => fitBSpline(xs, ys, { grid: 2, ridge: -1 }), RangeError, /ridge must be ≥ 0, got -1/],
    ['an unknown option', () => fitBSpline(xs, ys, { grid: 2, knot: 'open' } as never), TypeError, /unknown option "knot"/],
    ['an unknown knot kind', () => fitBSpline(xs, ys, { grid: 2, knots: 'periodic' } as never), TypeError, /knots must be 'clamped' or 'open'/],
    ['every x equal', () => fitBSpline([1, 1, 1, 1, 1], [1, 2, 3, 4, 5], { grid: 1, degree: 1 }), RangeError, /every x is 1; give a range/],
  ]
  it.each(cases)('%s', (_name, run, type, message) => {
    expect(run).toThrow(type)
    expect(run).toThrow(message)
  })
})
