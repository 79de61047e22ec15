import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { Bezier } from '../src/curves/bezier'
import { randomValues, sameBits } from './support/oracle'
import type { FloatArray } from '../src/backend/kernels'

function binomial(n: number, k: number): number {
  let value = 1
  for (let i = 1; i <= k; i++) value = (value * (n - k + i)) / i
  return value
}

/** The explicit Bernstein sum in float64, with Σ w_i|P_i| (the scale of its rounding error). */
function oracle(points: ArrayLike<number>, degree: number, dimension: number, t: number): { value: number[]; scale: number[] } {
  const value = new Array<number>(dimension).fill(0), scale = new Array<number>(dimension).fill(0)
  for (let i = 0; i <= degree; i++) {
    const w = binomial(degree, i) * t ** i * (1 - t) ** (degree - i)
    for (let j = 0; j < dimension; j++) {
      value[j] += w * points[i * dimension + j]
      scale[j] += w * Math.abs(points[i * dimension + j])
    }
  }
  return { value, scale }
}

const randomCurve = (seed: number, degree: number, dimension: number, dtype: 'float32' | 'float64' = 'float64') =>
  new Bezier(Float64Array.from(randomValues(seed, (degree + 1) * dimension, -3, 3)), { dimension, dtype })

// Degree 1…20 and dimension 1…768, a table rather than the full product.
const shapes = [[1, 1], [1, 768], [2, 2], [3, 2], [3, 3], [3, 768], [4, 5], [5, 17], [7, 1], [9, 64], [12, 3], [16, 2], [20, 1], [20, 768]] as const
const parameters = [0, 1e-9, 0.1, 0.25, 1 / 3, 0.5, 0.77, 0.999, 1]

/** (4n+3)u of the kernel plus (2n+2)u of the oracle, relative to Σ w_i|P_i| (see tests/bezier-kernel.test.ts). */
const bound = (degree: number, u: number) => (4 * degree + 3) * u + (2 * degree + 2) * 2 ** -53

describe.each(['js', 'wasm'] as const)('Bezier on the %s backend', (backend) => {
  beforeAll(async () => { await init({ backend, quiet: true }) })

  it.each(shapes)('degree %i, dimension %i: at and atMany equal the Bernstein sum; float64 at(t) and atMany([t]) share their bits', (degree, dimension) => {
    const curve = randomCurve(degree * 100 + dimension, degree, dimension)
    const many = curve.atMany(parameters)
    expect(many).toBeInstanceOf(Float64Array)
    parameters.forEach((t, p) => {
      const { value, scale } = oracle(curve.points, degree, dimension, t)
      const point = curve.at(t)
      expect(sameBits(point, many.subarray(p * dimension, (p + 1) * dimension) as Float64Array)).toBe(true)
      for (let j = 0; j < dimension; j++) expect(Math.abs(point[j] - value[j])).toBeLessThanOrEqual(bound(degree, 2 ** -53) * scale[j])
    })
  })

  it.each(shapes)('degree %i, dimension %i in float32: atMany within 1e-5 relative of the float64 oracle', (degree, dimension) => {
    const curve = randomCurve(degree * 100 + dimension, degree, dimension, 'float32')
    const ts = Float32Array.from(parameters)
    const many = curve.atMany(ts)
    expect(many).toBeInstanceOf(Float32Array)
    ts.forEach((t, p) => {
      const { value, scale } = oracle(curve.points, degree, dimension, t)
      for (let j = 0; j < dimension; j++) {
        const error = Math.abs(many[p * dimension + j] - value[j])
        expect(error).toBeLessThanOrEqual(bound(degree, 2 ** -24) * scale[j])
        expect(error).toBeLessThanOrEqual(1e-5 * scale[j])
      }
    })
  })
})

describe('Bezier.atMany: js and wasm give the same bits', () => {
  it.each(['float32', 'float64'] as const)('%s, for dimensions on both SIMD paths and odd counts', async (dtype) => {
    const results: FloatArray[][] = []
    for (const backend of ['js', 'wasm'] as const) {
      await init({ backend, quiet: true })
      results.push([[3, 2], [3, 3], [5, 5], [3, 768], [11, 1]].map(([degree, dimension]) => randomCurve(degree + dimension, degree, dimension, dtype).atMany(randomValues(dimension, 37, 0, 1))))
    }
    results[0].forEach((fromJs, i) => expect(sameBits(fromJs, results[1][i])).toBe(true))
  })
})

describe('Bezier geometry (float64, per-call math)', () => {
  beforeAll(async () => { await init({ quiet: true }) })

  it.each([[1, 2], [3, 2], [5, 3], [8, 17], [20, 4]] as const)('degree %i, dimension %i: the t-derivative and basisWeights match central differences', (degree, dimension) => {
    const curve = randomCurve(degree + dimension, degree, dimension)
    const h = 1e-6
    for (const t of [0.05, 0.3, 0.5, 0.81, 0.95]) {
      const numeric = Array.from(curve.at(t + h), (x, j) => (x - curve.at(t - h)[j]) / (2 * h))
      const analytic = curve.derivativeAt(t)
      numeric.forEach((x, j) => expect(Math.abs(analytic[j] - x)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(x))))
      expect(Array.from(curve.derivative().at(t))).toEqual(Array.from(analytic))
      // ∂B(t)_j/∂P[i, j] by moving one control point coordinate
      const weights = curve.basisWeights(t)
      const points = curve.points as Float64Array
      for (let i = 0; i <= degree; i++) {
        const moved = (delta: number) => {
          const copy = Float64Array.from(points)
          copy[i * dimension] += delta
          return new Bezier(copy, { dimension }).at(t)[0]
        }
        expect(Math.abs((moved(h) - moved(-h)) / (2 * h) - weights[i])).toBeLessThanOrEqual(1e-8)
      }
    }
  })

  it('the second derivative is the hodograph of the hodograph, and a line\'s derivative is a constant', () => {
    const curve = randomCurve(3, 4, 2)
    const second = curve.secondDerivative()
    expect(second.degree).toBe(2)
    const h = 1e-5, t = 0.4
    Array.from(second.at(t)).forEach((x, j) => {
      const numeric = (curve.at(t + h)[j] - 2 * curve.at(t)[j] + curve.at(t - h)[j]) / (h * h)
      expect(Math.abs(x - numeric)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(x)))
    })
    const line = new Bezier([[0, 0], [2, 4]])
    expect(line.derivative().degree).toBe(0)
    expect(Array.from(line.derivative().at(0.3))).toEqual([2, 4])
    expect(Array.from(line.secondDerivative().at(0.3))).toEqual([0, 0])
  })

  it.each([[2, 2], [3, 3], [7, 5], [20, 2]] as const)('degree %i, dimension %i: split, segment and elevate reproduce the curve', (degree, dimension) => {
    const curve = randomCurve(degree * 7, degree, dimension)
    const near = (a: Float64Array, b: Float64Array) => a.forEach((x, j) => expect(Math.abs(x - b[j])).toBeLessThanOrEqual(1e-12 * degree * 10))
    const [left, right] = curve.split(0.3)
    const elevated = curve.elevate()
    expect(elevated.degree).toBe(degree + 1)
    const piece = curve.segment(0.2, 0.7)
    for (const u of [0, 0.1, 0.5, 0.9, 1]) {
      near(left.at(u), curve.at(0.3 * u))
      near(right.at(u), curve.at(0.3 + 0.7 * u))
      near(piece.at(u), curve.at(0.2 + 0.5 * u))
      near(elevated.at(u), curve.at(u))
    }
  })

  it('derived curves keep the dtype, float32 JSON round trips bit-exactly, and so does float64', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const curve = randomCurve(11, 6, 3, dtype)
      for (const derived of [curve, curve.split(0.4)[1], curve.derivative(), curve.derivative().derivative().derivative().derivative().derivative().derivative()]) {
        expect(derived.dtype).toBe(dtype)
        const text = JSON.stringify(derived)
        const back = Bezier.fromJSON(text)
        expect(back.dtype).toBe(dtype)
        expect(back.degree).toBe(derived.degree)
        expect(sameBits(back.points, derived.points)).toBe(true)
        expect(sameBits(Bezier.fromJSON(JSON.parse(text)).points, derived.points)).toBe(true)
      }
    }
    // values whose decimal printing would lose bits: subnormals, −0, the largest finite float64
    const awkward = new Bezier(Float64Array.from([-0, 5e-324, 0.1 + 0.2, Number.MAX_VALUE]), { dimension: 2 })
    expect(sameBits(Bezier.fromJSON(JSON.stringify(awkward)).points, awkward.points)).toBe(true)
  })

  it('toSVGPath: exact L, Q, C commands up to degree 3; a flattened polyline above', () => {
    expect(new Bezier([[0, 0], [1, 2]]).toSVGPath()).toBe('M 0 0 L 1 2')
    expect(new Bezier([[0, 0], [1, 2], [3, -0]]).toSVGPath()).toBe('M 0 0 Q 1 2 3 0')
    expect(new Bezier([[0.5, 1 / 3], [1, 2], [3, 4], [5, 6]]).toSVGPath({ digits: 3 })).toBe('M 0.5 0.333 C 1 2 3 4 5 6')
    const quartic = new Bezier([[0, 0], [1, 3], [2, -3], [3, 3], [4, 0]])
    const path = quartic.toSVGPath({ tolerance: 0.01 })
    expect(path).toMatch(/^M 0 0 L [-\d. e]+ 4 0$/)
    expect(path.split(' ').length).toBe(2 * quartic.flatten(0.01).count + 2)
  })
})

describe('Bezier refuses bad input with a message naming the argument', () => {
  beforeAll(async () => { await init({ quiet: true }) })
  const curve = new Bezier([[0, 0], [1, 1], [2, 0]])
  const valid = curve.toJSON()
  it.each([
    ['fewer than 2 points', () => new Bezier([[1, 2]]), RangeError, /points needs at least 2 points, got 1/],
    ['no points', () => new Bezier([]), RangeError, /at least 2 points, got 0/],
    ['mismatched dimensions', () => new Bezier([[0, 0], [1, 1, 1]]), RangeError, /points\[1\] has 3 coordinates but points\[0\] has 2/],
    ['a dimension that does not divide a flat array', () => new Bezier(new Float64Array(5), { dimension: 2 }), RangeError, /5 numbers, not a whole number of points of dimension 2/],
    ['a flat array without dimension', () => new Bezier(new Float64Array(4)), TypeError, /pass \{ dimension \}/],
    ['a NaN coordinate', () => new Bezier([[0, 0], [NaN, 1]]), RangeError, /coordinate 0 of point 1 is NaN/],
    ['an infinite coordinate', () => new Bezier([[0, Infinity], [0, 1]]), RangeError, /coordinate 1 of point 0 is Infinity/],
    ['a float64 value that overflows float32', () => new Bezier([[0, 1e300], [0, 1]], { dtype: 'float32' }), RangeError, /coordinate 1 of point 0 is Infinity/],
    ['an unknown option', () => new Bezier([[0], [1]], { dim: 1 } as never), TypeError, /unknown option "dim"/],
    ['a bad dtype', () => new Bezier([[0], [1]], { dtype: 'int8' as never }), TypeError, /dtype must be 'float32' or 'float64'/],
    ['t above 1', () => curve.at(1.5), RangeError, /Bezier.at: t must be in \[0, 1\], got 1.5/],
    ['t below 0 in atMany', () => curve.atMany([0.5, -0.1]), RangeError, /ts\[1\] must be in \[0, 1\], got -0.1/],
    ['a NaN t', () => curve.split(NaN), RangeError, /t must be a finite number, got number NaN/],
    ['segment with t0 ≥ t1', () => curve.segment(0.6, 0.2), RangeError, /t0 must be below t1/],
    ['a zero flatten tolerance', () => curve.flatten(0), RangeError, /tolerance must be > 0, got 0/],
    ['a query point of the wrong dimension', () => curve.project([1, 2, 3]), RangeError, /point has 3 coordinates, the curve has dimension 2/],
    ['an arc length beyond the curve', () => curve.tAtLength(10), RangeError, /s must be in \[0, length\(\)\]/],
    ['SVG of a 3-D curve', () => new Bezier([[0, 0, 0], [1, 1, 1]]).toSVGPath(), RangeError, /SVG paths are 2-D, this curve has dimension 3/],
    ['JSON that is not JSON', () => Bezier.fromJSON('{"kind":"Bez'), TypeError, /not valid JSON/],
    ['JSON of another kind', () => Bezier.fromJSON({ ...valid, kind: 'BSpline' }), TypeError, /expected JSON of kind "Bezier", got kind the string "BSpline"/],
    ['JSON of a future version', () => Bezier.fromJSON({ ...valid, version: 2 }), RangeError, /version number 2 is not supported/],
    ['truncated point bytes', () => Bezier.fromJSON({ ...valid, points: { ...valid.points, base64: valid.points.base64.slice(0, 16) } }), RangeError, /says 6 float64 values \(48 bytes\) but its base64 holds 12 bytes/],
    ['non-base64 characters', () => Bezier.fromJSON({ ...valid, points: { ...valid.points, base64: `!${valid.points.base64.slice(1)}` } }), RangeError, /character "!" at 0, which is not base64/],
    ['a degree that disagrees with the points', () => Bezier.fromJSON({ ...valid, degree: 1 }), RangeError, /points holds 6 values, but degree 1 and dimension 2 need 4/],
  ] as const)('%s', (_, call, type, message) => {
    expect(call).toThrow(type)
    expect(call).toThrow(message)
  })
})
