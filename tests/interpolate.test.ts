import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { interpolateBSpline, type InterpolationConditions } from '../src/curves/interpolate'
import { periodicKnots } from '../src/curves/periodic-interpolation'
import { BSpline } from '../src/curves/bspline'
import { fitBSpline } from '../src/curves/fit'
import { smoothingSpline } from '../src/curves/smoothing'
import reference from './fixtures/interp-spline-reference.json'

/** max |actual − expected| relative to the largest |expected| (the values' scale). */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length)
  let scale = 0, error = 0
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]))
    error = Math.max(error, Math.abs(actual[i] - expected[i]))
  }
  return error / scale
}

beforeAll(async () => { await init({ quiet: true }) })

describe('interpolateBSpline against scipy', () => {
  const { x, points } = reference
  const name = (c: (typeof reference.interpolations)[number]) => `${c.source} degree ${c.degree}, ${JSON.stringify(c.conditions)}`
  it.each(reference.interpolations.map((c) => [name(c), c] as const))('%s: knots equal, values within 1e-12', (_, c) => {
    const curve = interpolateBSpline(x, c.ys, { degree: c.degree, conditions: c.conditions as InterpolationConditions })
    const ys = c.ys.filter((_, i) => i % 2 === 0)
    expect(curve.dimension).toBe(1 + (c.ys.length / x.length === 2 ? 1 : 0))
    if (c.knots) expect(Array.from(curve.knots)).toEqual(c.knots)
    expect(relativeError(curve.atMany(points), c.values)).toBeLessThanOrEqual(1e-12)
    // the data is interpolated (to rounding of the curve's own scale: two conditions at one end make it swing)
    const swing = c.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) / ys.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
    expect(relativeError(curve.atMany(x).filter((_, i) => i % 2 === 0), ys)).toBeLessThanOrEqual(1e-13 * swing)
  })
})

describe('periodic interpolation', () => {
  it.each([2, 3, 4, 5])('degree %i: value and derivatives 1 … degree − 1 agree at both ends', (degree) => {
    const xs = [0, 0.7, 1.5, 2.1, 3.3, 4, 5.2, 6]
    const ys = xs.map((x, i) => (i === xs.length - 1 ? [1, 0] : [Math.cos(x), x * (6 - x)]))
    const curve = interpolateBSpline(xs, ys, { degree, conditions: 'periodic' })
    for (let m = 0; m < degree; m++) {
      const derivative = curve.derivative(m)
      expect(relativeError(derivative.at(6), derivative.at(0))).toBeLessThanOrEqual(1e-12)
    }
  })

  it('three points (the small dense system) are interpolated', () => {
    const curve = interpolateBSpline([0, 1, 2], [[0, 0], [1, 2], [0, 0]], { conditions: 'periodic' })
    expect(relativeError(curve.atMany([0, 1, 2]), [0, 0, 1, 2, 0, 0])).toBeLessThanOrEqual(1e-15)
  })
})

describe('fitBSpline with a knot vector and weights against scipy make_lsq_spline', () => {
  const { fit } = reference
  it.each(reference.leastSquares.map((c) => [c.degree, c.weights ? 'weighted' : 'unweighted', c] as const))('degree %i, %s', (degree, _, c) => {
    const { curve } = fitBSpline(fit.x, fit.y, { degree, knotVector: c.knots, ...(c.weights ? { weights: c.weights } : {}) })
    expect(Array.from(curve.knots)).toEqual(c.knots)
    expect(relativeError(curve.coefficients, c.coefficients)).toBeLessThanOrEqual(1e-12)
    expect(relativeError(curve.atMany(fit.points), c.values)).toBeLessThanOrEqual(1e-12)
  })
})

describe('smoothingSpline against scipy make_smoothing_spline', () => {
  const { x, y, points } = reference.smoothingData
  it.each(reference.smoothing.map((c) => [c.lambda ?? 'GCV', c.weights ? 'weighted' : 'unweighted', c] as const))('lambda %s, %s', (_, __, c) => {
    const options = { ...(c.lambda === null ? {} : { lambda: c.lambda }), ...(c.weights ? { weights: c.weights } : {}) }
    const { curve, lambda } = smoothingSpline(x, y, options)
    if (c.gcvLambda !== null) expect(Math.abs(lambda - c.gcvLambda) / c.gcvLambda).toBeLessThanOrEqual(1e-5)
    // at scipy's own λ the values agree to 1e-12
    const atScipyLambda = c.gcvLambda === null ? curve : smoothingSpline(x, y, { ...options, lambda: c.gcvLambda }).curve
    expect(relativeError(atScipyLambda.atMany(points), c.values)).toBeLessThanOrEqual(1e-12)
    expect(relativeError(atScipyLambda.atMany(points), c.exact)).toBeLessThanOrEqual(1e-12)
  })

  // Random (clustered) x, gaps down to 4e-4: worse conditioned, scipy itself is off by 2e-11; curvenet is no worse
  it('clustered x: no further from the 40-digit reference than scipy', () => {
    const c = reference.clusteredSmoothing
    const ours = relativeError(smoothingSpline(c.x, c.y, { lambda: c.lambda }).curve.atMany(points), c.exact)
    expect(ours).toBeLessThanOrEqual(relativeError(c.values, c.exact))
  })
})

describe('bad input', () => {
  const xs = [0, 1, 2, 3, 4, 5], ys = [0, 1, 0, 2, 1, 3]
  it.each([
    ['conditions that over-determine the spline', () => interpolateBSpline(xs, ys, { conditions: [[[1, 0], [2, 0]], [[1, 0]]] }),
      /needs 2 end conditions in all, got 2 at the left end and 1 at the right; the spline would be over-determined/],
    ['too few conditions for degree 5', () => interpolateBSpline(xs, ys, { degree: 5, conditions: 'clamped' }), /needs 4 end conditions.*under-determined/],
    ['a derivative order past the degree', () => interpolateBSpline(xs, ys, { conditions: [[[4, 0]], null] }), /conditions\[0\]\[0\]\[0\] \(the derivative order\)/],
    ['a condition value of the wrong dimension', () => interpolateBSpline(xs, ys, { conditions: [[[1, [0, 1]]], null] }), /conditions\[0\]\[0\]\[1\] must be a number/],
    ['an unknown condition', () => interpolateBSpline(xs, ys, { conditions: 'free' as 'natural' }), /conditions must be 'not-a-knot', 'periodic'/],
    ['degree 1 with conditions', () => interpolateBSpline(xs, ys, { degree: 1, conditions: 'natural' }), /degree 1 .* takes no end conditions/],
    ['periodic data that does not close', () => interpolateBSpline(xs, ys, { conditions: 'periodic' }), /periodic data must end where it starts/],
    ['xs not strictly increasing', () => interpolateBSpline([0, 1, 1, 2, 3], [0, 1, 2, 3, 4]), /xs must be strictly increasing, but xs\[1\] = 1 ≥ xs\[2\] = 1/],
    ['more points than MAX_SPLINE_POINTS', () => interpolateBSpline({ length: 1_000_001 } as ArrayLike<number>, ys), /xs holds 1000001 entries; at most 1000000/],
    ['fit weights of the wrong length', () => fitBSpline(xs, ys, { grid: 2, weights: [1, 2] }), /weights holds 2 values for 6 points/],
    ['negative fit weights', () => fitBSpline(xs, ys, { grid: 2, weights: [1, 1, -1, 1, 1, 1] }), /weights must be ≥ 0, but weights\[2\] = -1/],
    ['a knot vector with grid', () => fitBSpline(xs, ys, { grid: 2, knotVector: [0, 0, 0, 0, 5, 5, 5, 5] }), /knotVector fixes the knots; leave out grid/],
    ['a decreasing knot vector', () => fitBSpline(xs, ys, { knotVector: [0, 0, 0, 0, 3, 2, 5, 5, 5, 5] }), /knotVector: knots must be non-decreasing/],
    ['neither grid nor knotVector', () => fitBSpline(xs, ys, {}), /options.grid .* or options.knotVector is required/],
    ['λ = 0', () => smoothingSpline(xs, ys, { lambda: 0 }), /lambda must be a positive finite number, got 0/],
    ['λ < 0', () => smoothingSpline(xs, ys, { lambda: -1 }), /lambda must be a positive finite number, got -1/],
    ['λ = NaN', () => smoothingSpline(xs, ys, { lambda: NaN }), /lambda must be a positive finite number, got NaN/],
    ['λ = Infinity', () => smoothingSpline(xs, ys, { lambda: Infinity }), /lambda must be a positive finite number, got Infinity/],
    ['smoothing weights of zero', () => smoothingSpline(xs, ys, { weights: [1, 1, 0, 1, 1, 1] }), /weights must be > 0, but weights\[2\] = 0/],
    ['smoothing weights of the wrong length', () => smoothingSpline(xs, ys, { weights: [1] }), /weights holds 1 values for 6 points/],
    ['fit weights longer than the points, named as such', () => fitBSpline(xs, ys, { grid: 2, weights: new Array(7).fill(1) }),
      /weights holds 7 entries; at most 6 are accepted \(one weight per point\)/],
    ['smoothing xs not increasing', () => smoothingSpline([0, 2, 1, 3, 4], [0, 1, 2, 3, 4]), /xs must be strictly increasing/],
    ['GCV in two dimensions', () => smoothingSpline(xs, ys.map((y) => [y, y]), {}), /GCV chooses λ for one coordinate; ys has 2 per point/],
    ['too few points to smooth', () => smoothingSpline([0, 1, 2, 3], [0, 1, 2, 3]), /at least 5 points, got 4/],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(message)
  })
})

describe('periodic B-splines evaluated anywhere', () => {
  it('interpolateBSpline(…, periodic) wraps x into its domain: at(x + k·period) = at(x) within 1e-12, at = atMany bit for bit, and JSON keeps it', async () => {
    await init()
    const xs = Array.from({ length: 13 }, (_, k) => (2 * Math.PI * k) / 12)
    const ys = xs.map((x, k) => [k === 12 ? 0 : Math.round(1e6 * (0.5 + 0.3 * Math.cos(x) + 0.1 * Math.sin(2 * x))) / 1e6])
    ys[12] = ys[0]
    for (const degree of [3, 5]) {
      const spline = interpolateBSpline(xs, ys, { degree, conditions: 'periodic' })
      expect(spline.outside).toBe('periodic')
      expect(Array.from(spline.knots)).toEqual(Array.from(periodicKnots(xs, degree)))
      const period = 2 * Math.PI
      for (const x of [0.3, 1.7, 4.4, 6.0]) {
        for (const k of [-3, -1, 1, 2]) expect(Math.abs(spline.at(x + k * period)[0] - spline.at(x)[0])).toBeLessThan(1e-12)
      }
      const probes = [-7.5, -0.1, 0, 3.3, 6.283185307179586, 9.9, 40]
      const batched = spline.atMany(probes)
      probes.forEach((x, k) => expect(batched[k]).toBe(spline.at(x)[0]))
      expect(BSpline.fromJSON(JSON.stringify(spline)).outside).toBe('periodic')
    }
    expect(() => periodicKnots([0, 1, 1, 2], 3)).toThrow(/periodicKnots: x must be finite and strictly increasing; x\[2\] = 1 is not/)
    expect(() => periodicKnots([0, 1, 2], 3)).toThrow(/periodicKnots: x must hold degree \+ 1 = 4/)
  })
})
