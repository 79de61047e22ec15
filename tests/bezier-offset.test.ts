// Bezier.offset(d, { tolerance }): on 10⁴ points of the offset, the distance to the original curve (Bezier.project /
// Path.nearest, global) is |d| within the tolerance — for random cubics whose smallest radius of curvature exceeds |d|,
// and for the pitch curve of a closed cam outline; an offset that would fold back is refused, and so is bad input.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { Bezier } from '../src/curves/bezier'
import { pathThrough } from '../src/curves/path-through'
import { Generator } from '../src/tensor/random'
import { cosF64, sinF64 } from '../src/math/trigonometric'

/** The smallest radius of curvature over 2001 parameters (the curve's own signed curvature). */
function smallestRadius(curve: Bezier): number {
  let largest = 0
  for (let k = 0; k <= 2000; k++) largest = Math.max(largest, Math.abs(curve.signedCurvature(k / 2000)))
  return 1 / largest
}

/** Points along the pieces: `perPiece` each. */
function along(pieces: Bezier[], perPiece: number): Float64Array[] {
  return pieces.flatMap((piece) => Array.from({ length: perPiece }, (_, k) => Float64Array.from(piece.at(k / (perPiece - 1)))))
}

describe('Bezier.offset', () => {
  beforeAll(async () => { await init() })

  // random cubics over x (control points at x ≈ 0, 1, 2, 3): no loop brings another part of the curve within |d|, so the
  // global distance is the offset's own (a looping cubic's offset can pass closer to its other branch than |d|)
  it('random cubics, |d| half the smallest radius of curvature, both sides: every offset point is |d| from the curve within the tolerance', () => {
    const g = new Generator(17)
    for (let trial = 0; trial < 8; trial++) {
      const curve = new Bezier(Array.from({ length: 4 }, (_, i) => [i + 0.6 * g.uniform() - 0.3, 2 * g.uniform() - 1]))
      const radius = smallestRadius(curve)
      for (const side of [1, -1]) {
        const d = side * 0.5 * Math.min(radius, 1), tolerance = 1e-6
        const pieces = curve.offset(d, { tolerance })
        const points = along(pieces, Math.ceil(10_000 / pieces.length))
        expect(points.length).toBeGreaterThanOrEqual(10_000)
        const worst = points.reduce((most, point) => Math.max(most, Math.abs(curve.project(point).distance - Math.abs(d))), 0)
        expect(worst, `trial ${trial}, d = ${d}, ${pieces.length} pieces`).toBeLessThanOrEqual(tolerance)
        // the pieces join end to end and start and end at the offset of the curve's ends
        pieces.slice(1).forEach((piece, k) => expect(Array.from(piece.at(0))).toEqual(Array.from(pieces[k].at(1))))
      }
    }
  })

  it('a cam\'s pitch curve: the closed outline offset outwards by 0.2, within 1e-7 of 0.2 from the outline on 10⁴ points', () => {
    const outline = Array.from({ length: 9 }, (_, k) => {
      const theta = (2 * Math.PI * k) / 9, radius = 1 + 0.25 * cosF64(theta)
      return [radius * cosF64(theta), radius * sinF64(theta)]
    })
    const cam = pathThrough(outline, { closed: true, kind: 'natural-cubic' })
    const pitch = cam.segments.flatMap((segment) => segment.offset(-0.2, { tolerance: 1e-7 }))   // counter-clockwise: −d is outwards
    const points = along(pitch, Math.ceil(10_000 / pitch.length))
    const worst = points.reduce((most, point) => Math.max(most, Math.abs(cam.nearest(point).distance - 0.2)), 0)
    expect(worst).toBeLessThanOrEqual(1e-7)
  })

  it('refuses an offset that folds back, a curve that is not planar, and bad d or tolerance', () => {
    const tight = new Bezier([[0, 0], [1, 1], [2, 0]])   // curvature 1/√2·… at its tip: radius ≈ 0.35
    expect(() => tight.offset(-1)).toThrow(/Bezier.offset: at distance -1 the offset folds back near t = /)
    expect(tight.offset(1).length).toBeGreaterThan(0)   // on the outer side any distance is fine
    expect(() => new Bezier([[0, 0, 0], [1, 1, 1]]).offset(0.1)).toThrow(/offsets are defined for planar curves \(dimension 2\), got dimension 3/)
    expect(() => tight.offset(NaN)).toThrow(/Bezier.offset: d/)
    expect(() => tight.offset(0.1, { tolerance: 0 })).toThrow(/Bezier.offset: tolerance/)
    expect(() => tight.offset(0.1, { tol: 1 } as { tolerance?: number })).toThrow(/unknown option "tol"/)
  })
})
