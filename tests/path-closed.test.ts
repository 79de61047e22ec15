// Closed paths: pathThrough(points, { closed: true }) runs through every point and back to the first, with the seam a
// joint like the others — C¹ for Catmull-Rom, C² for the periodic natural cubic (its curve equals interpolateBSpline's
// periodic cubic, itself checked against scipy) — as Path.continuityAt(0) reports within 64 ulps of the coordinates' scale.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { pathThrough } from '../src/curves/path-through'
import { Path } from '../src/curves/path'
import { interpolateBSpline } from '../src/curves/interpolate'
import { cosF64, sinF64 } from '../src/math/trigonometric'

/** A cam-like outline: 7 points around a rounded, lopsided loop (radius 1 + 0.3·cos θ + 0.1·sin 2θ). */
const outline = Array.from({ length: 7 }, (_, k) => {
  const theta = (2 * Math.PI * k) / 7, radius = 1 + 0.3 * cosF64(theta) + 0.1 * sinF64(2 * theta)
  return [radius * cosF64(theta), radius * sinF64(theta)]
})

describe('closed paths', () => {
  beforeAll(async () => { await init() })

  it.each([['catmull-rom', 1], ['natural-cubic', 2]] as const)('%s: visits every point and returns to the first; the seam is C^%i', (kind, order) => {
    const path = pathThrough(outline, { kind, closed: true })
    expect(path.closed).toBe(true)
    expect(path.count).toBe(8)
    const knots = path.knots
    outline.forEach((point, i) => expect(Array.from(path.at(knots[i]))).toEqual(point))
    expect(Array.from(path.at(1))).toEqual(outline[0])
    const seam = path.continuityAt(0)
    expect(seam.order).toBeGreaterThanOrEqual(order)
    for (let i = 1; i < 7; i++) expect(path.continuityAt(i).order).toBeGreaterThanOrEqual(order)
    // the open path through the same points (and the first again) has a corner there
    const open = pathThrough([...outline, outline[0]], { kind })
    const before = open.tangent(1), after = open.tangent(0)
    expect(Math.abs(before[0] * after[1] - before[1] * after[0])).toBeGreaterThan(1e-3)
  })

  it('the periodic natural cubic (chord parameter) equals interpolateBSpline\'s periodic cubic within 1e-12', () => {
    const path = pathThrough(outline, { kind: 'natural-cubic', parameter: 'chord', closed: true })
    const spline = interpolateBSpline(path.knots, [...outline, outline[0]], { degree: 3, conditions: 'periodic' })
    for (let k = 0; k <= 400; k++) {
      const u = k / 400, mine = path.at(u), theirs = spline.at(u)
      expect(Math.hypot(mine[0] - theirs[0], mine[1] - theirs[1])).toBeLessThan(1e-12)
    }
  })

  it('JSON keeps closed, bit for bit; an altered closed JSON is refused', () => {
    const path = pathThrough(outline, { closed: true })
    const back = Path.fromJSON(JSON.stringify(path))
    expect(back.closed).toBe(true)
    expect(Array.from(back.resample(50))).toEqual(Array.from(path.resample(50)))
    const json = path.toJSON()
    expect(JSON.stringify(pathThrough(outline).toJSON().spline)).not.toContain('closed')   // open paths' JSON as before
    const altered = JSON.parse(JSON.stringify(json))
    altered.spline.closed = 'yes'
    expect(() => Path.fromJSON(altered)).toThrow(/spline.closed must be true or absent/)
  })

  it('refuses two points, the first point repeated at the end, and a closed that is not a boolean', () => {
    expect(() => pathThrough([[0, 0], [1, 0]], { closed: true })).toThrow(/pathThrough/)
    expect(() => pathThrough([...outline, outline[0]], { closed: true })).toThrow(/the last point is the first point again; with closed: true give each point once/)
    expect(() => pathThrough(outline, { closed: 1 as unknown as boolean })).toThrow(/closed must be true or false, got number 1/)
  })
})

describe('curvature and frames along a path', () => {
  beforeAll(async () => { await init() })

  it('Path.curvature/signedCurvature/frame are the stretch\'s, and a closed periodic cubic\'s curvature is continuous at the seam', () => {
    const path = pathThrough(outline, { kind: 'natural-cubic', closed: true })
    const knots = path.knots
    for (const u of [0.05, 0.31, 0.62, 0.9]) {
      const i = knots.findIndex((knot, k) => k < knots.length - 1 && u >= knot && u < knots[k + 1])
      const t = (u - knots[i]) / (knots[i + 1] - knots[i])
      expect(path.curvature(u)).toBe(path.segments[i].curvature(t))
      expect(path.signedCurvature(u)).toBe(path.segments[i].signedCurvature(t))
      expect(path.frame(u).curvature).toBe(path.segments[i].frame(t).curvature)
    }
    // a counter-clockwise convex loop turns left everywhere; C² makes κ continuous at the seam
    expect(path.signedCurvature(0.4)).toBeGreaterThan(0)
    const atEnd = path.segments[path.segments.length - 1].signedCurvature(1), atStart = path.signedCurvature(0)
    expect(Math.abs(atEnd - atStart)).toBeLessThan(1e-12 * Math.abs(atStart))
  })
})
