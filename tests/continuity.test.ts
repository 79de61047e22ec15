import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { Bezier } from '../src/curves/bezier'
import { BSpline } from '../src/curves/bspline'
import { bezierJoinContinuity } from '../src/curves/continuity'
import { fitBSpline } from '../src/curves/fit'
import { pathThrough } from '../src/curves/path-through'

beforeAll(async () => { await init({ quiet: true }) })

describe('BSpline continuity', () => {
  // s(x) = c·(x − a)³₊ is a quintic spline with a triple knot at a: C² there, its third derivative jumps by 6c
  it('a quintic with a triple knot is C², the third derivative jumps by the analytic 6c', () => {
    const a = 0.5, c = 2
    const knotVector = [0, 0, 0, 0, 0, 0, 0.25, a, a, a, 1, 1.5, 2, 2, 2, 2, 2, 2]
    const xs = Array.from({ length: 400 }, (_, i) => (2 * i) / 399)
    const ys = xs.map((x) => (x > a ? c * (x - a) ** 3 : 0))
    const { curve, rmse } = fitBSpline(xs, ys, { degree: 5, knotVector })
    expect(rmse).toBeLessThan(1e-14)
    const report = curve.continuityAt(a)
    expect(report.order).toBe(2)
    expect(report.jumps).toHaveLength(6)
    for (const m of [0, 1, 2]) expect(Math.abs(report.jumps[m][0])).toBeLessThan(1e-12)
    expect(Math.abs(report.jumps[3][0] - 6 * c) / (6 * c)).toBeLessThan(1e-9)
    // a single knot of a quintic: C⁴
    expect(curve.continuityAt(1).order).toBe(4)
    // inside a span nothing breaks
    expect(curve.continuityAt(0.8)).toMatchObject({ order: Infinity })
  })

  it('left and right limits at a double knot of a broken line', () => {
    const curve = new BSpline([0, 0, 1, 1, 2, 2], [0, 1, 5, 6], 1)
    expect(Array.from(curve.at(1))).toEqual([5])
    expect(Array.from(curve.at(1, { side: 'right' }))).toEqual([5])
    expect(Array.from(curve.at(1, { side: 'left' }))).toEqual([1])
    expect(Array.from(curve.at(0.5, { side: 'left' }))).toEqual(Array.from(curve.at(0.5)))
    expect(Array.from(curve.derivative().at(1, { side: 'left' }))).toEqual([1])
    expect(Array.from(curve.derivative().at(1, { side: 'right' }))).toEqual([1])
    const report = curve.continuityAt(1)
    expect(report.order).toBe(-1)
    expect(Array.from(report.jumps[0])).toEqual([4])
    expect(() => curve.at(1, { side: 'up' as 'left' })).toThrow(/BSpline.at: side must be 'left' or 'right', got .*up/)
  })

  it('greville abscissae are the running means of degree knots', () => {
    const curve = new BSpline([0, 0, 0, 0, 1, 2, 3, 3, 3, 3], [1, 2, 3, 4, 5, 6], 3)
    expect(Array.from(curve.greville())).toEqual([0, 1 / 3, 1, 2, 8 / 3, 3])
  })
})

describe('path and Bezier joins', () => {
  const points = [[0, 0], [1, 2], [3, 3], [4, 1], [6, 2]]
  it('a natural cubic path is C² at its joins, a Catmull-Rom path C¹, with respect to u', () => {
    const natural = pathThrough(points, { kind: 'natural-cubic' })
    const catmull = pathThrough(points)
    for (let i = 1; i < points.length - 1; i++) {
      expect(natural.continuityAt(i).order).toBe(2)
      expect(catmull.continuityAt(i).order).toBe(1)
    }
    expect(() => natural.continuityAt(0)).toThrow(RangeError)
  })

  it('two Beziers meeting at a corner are C⁰, with the tangent jump', () => {
    const before = new Bezier([[0, 0], [1, 0], [2, 0]])
    const after = new Bezier([[2, 0], [2, 1], [2, 2]])
    const report = bezierJoinContinuity(before, after)
    expect(report.order).toBe(0)
    expect(Array.from(report.jumps[1])).toEqual([-2, 2])
    // widths rescale derivatives by the chain rule: the second curve covers half the parameter, so its speed doubles
    const straight = bezierJoinContinuity(new Bezier([[0, 0], [1, 0]]), new Bezier([[1, 0], [1.5, 0]]), { widths: [1, 0.5] })
    expect(straight.order).toBe(Infinity)
    expect(() => bezierJoinContinuity(before, new Bezier([[2, 0, 0], [3, 0, 0]]))).toThrow(/dimension 2, after 3/)
  })
})
