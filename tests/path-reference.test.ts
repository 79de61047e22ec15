import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { pathThrough } from '../src/curves/path-through'
import { derivativeInU, distance, kinds, rows, walk } from './path-helpers'
import reference from './fixtures/cubic-spline-reference.json'

beforeAll(async () => { await init() })

describe('natural cubic spline against scipy CubicSpline(bc_type="natural")', () => {
  // Absolute error scaled by the data: the tridiagonal system is strictly diagonally dominant (its
  // condition number is below 3 for equal steps and stays modest for the 1000:1 steps of the uneven
  // cases), so both solvers land within a few ulps of max|P|; 1e-12·max|P| leaves a factor ≈ 100
  // above the worst case seen (8.8e-15). Per-coordinate relative error would be meaningless where a
  // coordinate crosses 0.
  it.each(reference.cases.map((c) => ({ ...c, name: `${c.count} points in ${c.dimension}-D, ${c.parameter}${c.uneven ? ', uneven steps' : ''}` })))('$name', (c) => {
    const path = pathThrough(c.points, { kind: 'natural-cubic', parameter: c.parameter as 'chord', dimension: c.dimension })
    const scale = Math.max(...c.points.map(Math.abs))
    const total = c.parameterValues[c.count - 1]
    path.knots.forEach((knot, i) => expect(Math.abs(knot - c.parameterValues[i] / total)).toBeLessThanOrEqual(4 * Number.EPSILON))
    const derivatives = rows(c.derivatives, c.dimension)
    const fastest = Math.max(...derivatives.map((derivative) => Math.hypot(...derivative)))
    let worst = 0, worstTangent = 0
    c.fractions.forEach((f, j) => {
      const expected = c.values.slice(j * c.dimension, (j + 1) * c.dimension)
      worst = Math.max(worst, Math.max(...path.at(f).map((value, k) => Math.abs(value - expected[k]))))
      // a unit tangent's error is the derivative's rounding over its size: only defined away from
      // turning points (a 1-D path reverses at a point with derivative ≈ 1e-17)
      const speed = Math.hypot(...derivatives[j])
      if (speed > 1e-6 * fastest) worstTangent = Math.max(worstTangent, distance(path.tangent(f), derivatives[j].map((x) => x / speed)))
    })
    expect(worst).toBeLessThanOrEqual(1e-12 * scale)
    expect(worstTangent).toBeLessThanOrEqual(1e-9)
  })
})

describe('Catmull-Rom: centripetal has no cusp or loop where uniform has one', () => {
  // A short middle chord between long ones (Yuksel, Schaefer & Keyser 2011): the uniform tangents at
  // its ends are long, the inner control points cross over and the stretch loops on itself.
  const points = [[-1, 0], [1, 2], [1.2, 2], [3.2, 0]]
  const samples = 4000

  function middleStretch(alpha: number): { speeds: number[]; along: number[]; polyline: Float64Array[] } {
    const stretch = pathThrough(points, { alpha }).segments[1]
    const velocity = stretch.derivative()
    const chord = [points[2][0] - points[1][0], points[2][1] - points[1][1]]
    const ts = Array.from({ length: samples + 1 }, (_, j) => j / samples)
    const velocities = ts.map((t) => velocity.at(t))
    return {
      speeds: velocities.map((v) => Math.hypot(v[0], v[1])),
      along: velocities.map((v) => v[0] * chord[0] + v[1] * chord[1]),
      polyline: ts.map((t) => stretch.at(t)),
    }
  }

  function crosses(a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array): boolean {
    const side = (p: Float64Array, q: Float64Array, r: Float64Array) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))
    return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0
  }

  function selfIntersections(polyline: Float64Array[]): number {
    let count = 0
    for (let i = 0; i + 1 < polyline.length; i++) {
      for (let j = i + 2; j + 1 < polyline.length; j++) if (crosses(polyline[i], polyline[i + 1], polyline[j], polyline[j + 1])) count++
    }
    return count
  }

  it('uniform (alpha 0) runs backwards along the chord and crosses itself', () => {
    const { along, polyline } = middleStretch(0)
    expect(Math.min(...along)).toBeLessThan(0)
    expect(selfIntersections(polyline)).toBeGreaterThan(0)
  })

  it.each([0.5, 1])('alpha %s moves forward along the chord at a speed bounded away from 0, without crossing itself', (alpha) => {
    const { speeds, along, polyline } = middleStretch(alpha)
    expect(Math.min(...along)).toBeGreaterThan(0)
    expect(Math.min(...speeds)).toBeGreaterThan(0.05)
    expect(selfIntersections(polyline)).toBe(0)
  })
})

describe('end conditions and simple cases', () => {
  it('two points give the straight segment at uniform speed, for every kind', () => {
    for (const options of kinds) {
      const path = pathThrough([[1, 2, 3], [3, 2, -1]], options)
      expect(path.segments).toHaveLength(1)
      expect(Array.from(path.at(0.25))).toEqual([1.5, 2, 2])
      expect(path.length()).toBeCloseTo(Math.hypot(2, 4), 14)
    }
  })

  it('Catmull-Rom leaves along the first chord and arrives along the last (reflected phantom points)', () => {
    const points = [[0, 0], [2, 1], [3, 3], [3, 5]]
    for (const alpha of [0, 0.5, 1]) {
      const path = pathThrough(points, { alpha })
      const start = path.tangent(0), end = path.tangent(1)
      expect(distance(start, [2 / Math.sqrt(5), 1 / Math.sqrt(5)])).toBeLessThan(1e-15)
      expect(distance(end, [0, 1])).toBeLessThan(1e-15)
    }
  })

  it('the natural spline has zero second derivative at both ends', () => {
    const path = pathThrough(walk(3, 6, 2), { kind: 'natural-cubic' })
    expect(Math.hypot(...derivativeInU(path, 0, 0, 2))).toBeLessThan(1e-12)
    expect(Math.hypot(...derivativeInU(path, 4, 1, 2))).toBeLessThan(1e-12)
  })

  it('uniform parameters put point i at i/(N−1); chordal and natural chord parameters at the running chord length', () => {
    const points = [[0, 0], [3, 4], [3, 5], [0, 9]]
    expect(Array.from(pathThrough(points, { alpha: 0 }).knots)).toEqual([0, 1 / 3, 2 / 3, 1])
    expect(Array.from(pathThrough(points, { kind: 'natural-cubic', parameter: 'uniform' }).knots)).toEqual([0, 1 / 3, 2 / 3, 1])
    expect(Array.from(pathThrough(points, { alpha: 1 }).knots)).toEqual([0, 5 / 11, 6 / 11, 1])
    expect(Array.from(pathThrough(points, { kind: 'natural-cubic' }).knots)).toEqual([0, 5 / 11, 6 / 11, 1])
  })
})
