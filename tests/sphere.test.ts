// Paths on the unit sphere: slerp, and pathThrough(points, { manifold: 'sphere' }) in 3-D and 768-D — every point of the
// path has norm 1 to 1e-12, the path visits the (normalised) points exactly, it is C¹ with tangents in the tangent
// plane (C¹ in the centripetal parameter u), equal-geodesic resampling has spacing ratio ≤ 1.01, nearest finds points on it, and antipodal or repeated
// neighbours are refused. Against the Euclidean path through the same embeddings, which sags inside the sphere.
import { describe, expect, it } from 'vitest'
import { slerp, angleBetween } from '../src/curves/sphere-math'
import { pathThrough } from '../src/curves/path-through'
import { Generator } from '../src/tensor/random'

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((sum, x) => sum + x * x, 0))
const unit = (v: number[]) => { const n = norm(v); return v.map((x) => x / n) }

/** `count` random unit vectors of `dimension` (normal coordinates by Box–Muller from curvenet's generator, normalised). */
function randomPoints(seed: number, count: number, dimension: number): number[][] {
  const g = new Generator(seed)
  return Array.from({ length: count }, () => unit(Array.from({ length: dimension }, () => g.normal())))
}

describe('slerp', () => {
  it.each([3, 768])('in %i-D: a and b at the ends exactly, unit norm, and the angle from a grows linearly in t', (dimension) => {
    const [a, b] = randomPoints(1, 2, dimension)
    const omega = angleBetween(a, b, dimension)
    expect(Array.from(slerp(a, b, 0))).toEqual(a)
    expect(Array.from(slerp(a, b, 1))).toEqual(b)
    for (const t of [0.1, 0.25, 0.5, 0.9]) {
      const p = slerp(a, b, t)
      expect(Math.abs(norm(p) - 1)).toBeLessThan(1e-15)
      expect(Math.abs(angleBetween(a, p, dimension) - t * omega)).toBeLessThan(1e-13)
      expect(Math.abs(angleBetween(p, b, dimension) - (1 - t) * omega)).toBeLessThan(1e-13)
    }
  })

  it('normalises its inputs, handles nearly equal points, and refuses antipodal ones and a t outside [0, 1]', () => {
    expect(Array.from(slerp([2, 0, 0], [0, 3, 0], 0.5)).map((x) => Number(x.toFixed(15)))).toEqual([Math.SQRT1_2, Math.SQRT1_2, 0].map((x) => Number(x.toFixed(15))))
    const close = slerp([1, 0, 0], [1, 1e-12, 0], 0.5)
    expect(Math.abs(norm(close) - 1)).toBeLessThan(1e-15)
    expect(() => slerp([1, 0, 0], [-1, 1e-9, 0], 0.5)).toThrow(/slerp: the points are antipodal/)
    expect(() => slerp([1, 0, 0], [0, 1, 0], 1.5)).toThrow(/slerp: t must be a number in \[0, 1\], got 1.5/)
    expect(() => slerp([0, 0, 0], [0, 1, 0], 0.5)).toThrow(/slerp: a must be a finite non-zero vector/)
    expect(() => slerp([1, 0], [0, 1, 0], 0.5)).toThrow(/slerp: a and b must be vectors of one length/)
  })
})

describe('pathThrough(points, { manifold: \'sphere\' })', () => {
  it.each([[3, 8], [768, 8]])('in %i-D through %i points: unit norm to 1e-12 everywhere and the points visited exactly', (dimension, count) => {
    const points = randomPoints(dimension, count, dimension)
    const path = pathThrough(points, { manifold: 'sphere' })
    for (let k = 0; k <= 700; k++) expect(Math.abs(norm(path.at(k / 700)) - 1)).toBeLessThan(1e-12)
    const knots = path.knots
    expect(knots[0]).toBe(0)
    expect(knots[count - 1]).toBe(1)
    points.forEach((p, i) => {
      expect(Array.from(path.at(knots[i]))).toEqual(p)
      if (i < count - 1) expect(Array.from(path.atSegment(i, 0))).toEqual(p)
    })
  })

  it.each([3, 768])('in %i-D: C¹ at every joint (the velocities on both sides agree) and tangents lie in the tangent plane', (dimension) => {
    const points = randomPoints(5 + dimension, 6, dimension)
    const path = pathThrough(points, { manifold: 'sphere' })
    const h = 1e-8
    for (let i = 1; i < 5; i++) {
      const u = path.knots[i], here = path.at(u), before = path.at(u - h), after = path.at(u + h)
      const arriving = here.map((x, k) => (x - before[k]) / h), leaving = after.map((x, k) => (x - here[k]) / h)
      const difference = norm(arriving.map((x, k) => x - leaving[k]))
      expect(difference / norm(leaving)).toBeLessThan(1e-4)   // one-sided differences: O(h) apart at a C¹ joint
    }
    for (const u of [0, 0.13, 0.5, 0.77, 1]) {
      const tangent = path.tangent(u), point = path.at(u)
      expect(Math.abs(norm(tangent) - 1)).toBeLessThan(1e-12)
      expect(Math.abs(Array.from(tangent).reduce((sum, x, k) => sum + x * point[k], 0))).toBeLessThan(1e-12)
    }
  })

  it.each([3, 768])('in %i-D: resample(200) at equal geodesic spacing: each step\'s arc, measured finely, within one per cent of the others', (dimension) => {
    const path = pathThrough(randomPoints(9 + dimension, 8, dimension), { manifold: 'sphere' })
    const total = path.length(), n = 200
    const us = Array.from({ length: n }, (_, k) => path.parameterAtLength((total * k) / (n - 1)))
    // each step's arc as the sum of 200 great-circle chords between its ends: independent of the path's own table
    const arcs = us.slice(1).map((u, k) => {
      let sum = 0, previous = path.at(us[k])
      for (let j = 1; j <= 200; j++) {
        const point = path.at(us[k] + ((u - us[k]) * j) / 200)
        sum += angleBetween(previous, point, dimension)
        previous = point
      }
      return sum
    })
    expect(Math.max(...arcs) / Math.min(...arcs)).toBeLessThanOrEqual(1.01)
    const samples = path.resample(n)
    us.forEach((u, k) => expect(Array.from(samples[k])).toEqual(Array.from(k === n - 1 ? path.at(1) : path.at(u))))
    expect(Math.abs(arcs.reduce((a, b) => a + b, 0) - total) / total).toBeLessThan(1e-3)
  })

  it('two points: the path is their great-circle arc, of length the angle between them', () => {
    const [a, b] = randomPoints(3, 2, 5)
    const path = pathThrough([a, b], { manifold: 'sphere' })
    expect(Math.abs(path.length() - angleBetween(a, b, 5))).toBeLessThan(1e-12)
    for (const u of [0.2, 0.6]) {
      const p = path.at(u)
      expect(Math.abs(angleBetween(a, p, 5) + angleBetween(p, b, 5) - angleBetween(a, b, 5))).toBeLessThan(1e-12)   // on the arc
    }
  })

  it('nearest finds a point of the path from a query near it, and the points themselves at distance 0', () => {
    const points = randomPoints(21, 6, 16)
    const path = pathThrough(points, { manifold: 'sphere' })
    const target = path.at(0.437)
    const found = path.nearest(target.map((x, k) => x * 3 + (k === 0 ? 1e-9 : 0)))
    expect(Math.abs(found.u - 0.437)).toBeLessThan(1e-6)
    expect(found.distance).toBeLessThan(1e-8)
    expect(path.nearest(points[2]).distance).toBeLessThan(1e-7)
  })

  it('stays on the sphere where the Euclidean path through near-orthogonal embeddings sags toward the centre', () => {
    const points = randomPoints(7, 8, 768)   // random directions in 768-D are nearly orthogonal
    const euclidean = pathThrough(points), spherical = pathThrough(points, { manifold: 'sphere' })
    const lowest = (at: (u: number) => ArrayLike<number>) => Math.min(...Array.from({ length: 301 }, (_, k) => norm(at(k / 300))))
    expect(lowest((u) => euclidean.atFraction(u))).toBeLessThan(0.9)
    expect(Math.abs(lowest((u) => spherical.at(u)) - 1)).toBeLessThan(1e-12)
  })

  it('closed: the loop returns to the first point, C¹ at the seam, every point on the sphere', () => {
    const points = randomPoints(31, 5, 3)
    const path = pathThrough(points, { manifold: 'sphere', closed: true })
    expect(path.closed).toBe(true)
    expect(Array.from(path.at(1))).toEqual(points[0])
    const h = 1e-8, arriving = path.at(1).map((x, k) => (x - path.at(1 - h)[k]) / h), leaving = path.at(h).map((x, k) => (x - path.at(0)[k]) / h)
    expect(norm(arriving.map((x, k) => x - leaving[k])) / norm(leaving)).toBeLessThan(1e-4)
    for (let k = 0; k <= 200; k++) expect(Math.abs(norm(path.at(k / 200)) - 1)).toBeLessThan(1e-12)
    expect(() => pathThrough([...points, points[0]], { manifold: 'sphere', closed: true })).toThrow(/the last point is the first point again/)
    expect(() => pathThrough(points.slice(0, 2), { manifold: 'sphere', closed: true })).toThrow(/pathThrough/)
  })

  it('refuses antipodal or repeated neighbours, a single point, zero vectors and the Euclidean options', () => {
    expect(() => pathThrough([[1, 0, 0], [-1, 1e-9, 0]], { manifold: 'sphere' })).toThrow(/pathThrough: points 0 and 1 are antipodal/)
    expect(() => pathThrough([[1, 0, 0], [2, 0, 0], [0, 1, 0]], { manifold: 'sphere' })).toThrow(/points 0 and 1 are the same direction/)
    expect(() => pathThrough([[1, 0, 0]], { manifold: 'sphere' })).toThrow(/pathThrough/)
    expect(() => pathThrough([[1, 0, 0], [0, 0, 0]], { manifold: 'sphere' })).toThrow(/points\[1\] must be a finite non-zero vector/)
    expect(() => pathThrough([[1, 0, 0], [0, 1, 0]], { manifold: 'sphere', kind: 'natural-cubic' })).toThrow(/kind does not apply to manifold 'sphere'/)
    expect(() => pathThrough([[1, 0, 0], [0, 1, 0]], { manifold: 'torus' as 'sphere' })).toThrow(/manifold must be 'euclidean' or 'sphere'/)
  })
})
