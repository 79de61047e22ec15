// Curve geometry at any coordinate size: scaling every coordinate by 2^k (exact in binary floating
// point) scales every length, distance, box and vertex by 2^k bit for bit and leaves parameters as
// they are — at k = ±1000 too, where squares inside a norm would overflow or underflow. Also the
// documented limits: the highest curve degree and the most vertices one flatten returns.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { Bezier, bezierCurveMaxDegree } from '../src/curves/bezier'
import { maxFlattenVertices } from '../src/curves/bezier-flatten'
import { pathThrough } from '../src/curves/path-through'
import { randomSource } from './support/oracle'

beforeAll(async () => { await init({ quiet: true }) })

// 2^1020·3 ≈ 3e307: the hodograph of such a curve overflows float64; ±250 run unscaled (within 2^±256: bezier-scale.ts)
const exponents = [-1000, -600, -250, 250, 600, 1020]

function scaledBy(values: ArrayLike<number>, k: number): Float64Array {
  return Float64Array.from(values, (value) => value * 2 ** k)   // a power of two: exact
}

function randomCurves(count: number): Bezier[] {
  const next = randomSource(71)
  return Array.from({ length: count }, () => {
    const degree = 2 + Math.floor(next() * 4), dimension = 2 + Math.floor(next() * 2)
    return new Bezier(Float64Array.from({ length: (degree + 1) * dimension }, () => 3 * (2 * next() - 1)), { dimension })
  })
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((value, i) => Object.is(value, b[i]))

describe.each(exponents)('Bezier geometry with coordinates scaled by 2^%i', (k) => {
  const curves = randomCurves(12)
  const scaled = curves.map((curve) => new Bezier(scaledBy(curve.points, k), { dimension: curve.dimension }))

  it('length() and tAtLength(): the unit curve\'s length × 2^k bit for bit, and the same parameters', () => {
    curves.forEach((curve, i) => {
      const length = curve.length()
      expect(Object.is(scaled[i].length(), length * 2 ** k)).toBe(true)
      expect(Object.is(scaled[i].tAtLength(0.3 * length * 2 ** k), curve.tAtLength(0.3 * length))).toBe(true)
    })
  })

  it('bbox(): the unit curve\'s box × 2^k bit for bit', () => {
    curves.forEach((curve, i) => {
      const box = curve.bbox(), scaledBox = scaled[i].bbox()
      expect(sameBits(scaledBox.min, scaledBy(box.min, k))).toBe(true)
      expect(sameBits(scaledBox.max, scaledBy(box.max, k))).toBe(true)
    })
  })

  it('project(): the same t, distance and point × 2^k bit for bit', () => {
    const next = randomSource(72)
    curves.forEach((curve, i) => {
      const query = Float64Array.from({ length: curve.dimension }, () => 4 * (2 * next() - 1))
      const unit = curve.project(query), big = scaled[i].project(scaledBy(query, k))
      expect(Object.is(big.t, unit.t)).toBe(true)
      expect(Object.is(big.distance, unit.distance * 2 ** k)).toBe(true)
      expect(sameBits(big.point, scaledBy(unit.point, k))).toBe(true)
    })
  })

  it('flatten(): the same parameters, and vertices × 2^k bit for bit', () => {
    curves.forEach((curve, i) => {
      const unit = curve.flatten(1e-4), big = scaled[i].flatten(1e-4 * 2 ** k)
      expect(sameBits(big.parameters, unit.parameters)).toBe(true)
      expect(sameBits(big.points, scaledBy(unit.points, k))).toBe(true)
    })
  })

  it('a centripetal path through points × 2^k has length() × 2^k bit for bit', () => {
    const next = randomSource(73)
    const points = Array.from({ length: 6 }, () => [2 * next() - 1, 2 * next() - 1, 2 * next() - 1])
    const unit = pathThrough(points).length()
    expect(Object.is(pathThrough(points.map((point) => Array.from(scaledBy(point, k)))).length(), unit * 2 ** k)).toBe(true)
  })
})

describe('Bezier geometry: the reported cases and the limits', () => {
  it('the curve [[0,0],[1e155,1e155],[−1e155,1e155]] has a finite length within 1e-13 of 1e155 × its unit shape\'s, and a finite projection', () => {
    const unit = new Bezier([[0, 0], [1, 1], [-1, 1]]).length()
    const big = new Bezier([[0, 0], [1e155, 1e155], [-1e155, 1e155]])
    expect(Math.abs(big.length() / (1e155 * unit) - 1)).toBeLessThan(1e-13)
    const projection = big.project([0, 2e155])
    expect(Number.isFinite(projection.distance)).toBe(true)
    expect(projection.distance).toBeGreaterThan(0)
  })

  it(`refuses a degree above ${bezierCurveMaxDegree}, in the constructor, in elevate() and in fromJSON`, () => {
    const points = (count: number) => Array.from({ length: count }, (_, i) => [i, 0])
    expect(() => new Bezier(points(bezierCurveMaxDegree + 2)))
      .toThrow(new RangeError(`Bezier: ${bezierCurveMaxDegree + 2} control points make degree ${bezierCurveMaxDegree + 1}, above the maximum ${bezierCurveMaxDegree} (bezierCurveMaxDegree)`))
    expect(new Bezier(points(bezierCurveMaxDegree + 1)).degree).toBe(bezierCurveMaxDegree)
    expect(() => new Bezier(points(bezierCurveMaxDegree + 1)).elevate()).toThrow(/above the maximum/)
    const json = { ...new Bezier(points(3)).toJSON(), degree: 1e9 }
    expect(() => Bezier.fromJSON(json)).toThrow(new RangeError(`Bezier.fromJSON: degree must be an integer in [0, ${bezierCurveMaxDegree}], got number 1000000000`))
  })

  it(`refuses a flatten tolerance that would need more than ${maxFlattenVertices} vertices, before any work`, () => {
    const curve = new Bezier(Array.from({ length: bezierCurveMaxDegree + 1 }, (_, i) => [i, (i % 2) * 1000]))
    expect(() => curve.flatten(2e-7)).toThrow(/^Bezier\.flatten: tolerance 2e-7 needs about \d+ vertices for this degree-128 curve, more than the 1000000 one call returns; use a larger tolerance$/)
  })
})
