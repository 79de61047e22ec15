import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { interpolateBSpline, type InterpolationConditions } from '../src/curves/interpolate'
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
