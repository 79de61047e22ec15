// Curvature, tangent and Frenet frame of Bezier curves against closed forms: the parabola y = x² and
// the cubic y = x³ written exactly as Beziers (x linear in t), a quarter circle's cubic approximation
// (within its own error), orthonormal frames in 2-D and 3-D, exact scaling, and the undefined cases.
import { describe, expect, it } from 'vitest'
import { Bezier } from '../src/curves/bezier'
import { cosF64, sinF64 } from '../src/math/trigonometric'

const parabola = new Bezier([[-1, 1], [0, -1], [1, 1]])            // x = 2t − 1, y = x²
const cubic = new Bezier([[0, 0], [1, 0], [2, 0], [3, 27]])          // x = 3t, y = x³
const samples = Array.from({ length: 101 }, (_, i) => i / 100)
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)
/** Four ulps of 1: the few roundings of the curvature formula and of the closed form each, added. */
const fewUlps = 4 * Number.EPSILON

describe('Bezier curvature', () => {
  it('the parabola y = x²: κ = 2/(1 + 4x²)^{3/2} within 4 ulps, signed positive (it turns counter-clockwise)', () => {
    for (const t of samples) {
      const x = 2 * t - 1, q = 1 + 4 * x * x
      const expected = 2 / (q * Math.sqrt(q))
      expect(relative(parabola.curvature(t), expected)).toBeLessThanOrEqual(fewUlps)
      expect(relative(parabola.signedCurvature(t), expected)).toBeLessThanOrEqual(fewUlps)
    }
  })

  it('the cubic y = x³: κ = 6|x|/(1 + 9x⁴)^{3/2} within 1e-15 relative, 0 at the inflection, signed positive for x > 0 and negated by a mirror', () => {
    for (const t of samples.slice(1)) {
      const x = 3 * t, q = 1 + 9 * x ** 4
      expect(relative(cubic.curvature(t), (6 * x) / (q * Math.sqrt(q)))).toBeLessThanOrEqual(1e-15)
      expect(cubic.signedCurvature(t)).toBeGreaterThan(0)
    }
    expect(cubic.curvature(0)).toBe(0)
    const mirrored = new Bezier([[0, 0], [1, 0], [2, 0], [3, -27]])
    expect(mirrored.signedCurvature(0.5)).toBe(-cubic.signedCurvature(0.5))
  })

  it("a quarter circle's cubic (k = 4(√2 − 1)/3): κ at the ends is the closed form (2/3)(1 − k)/k², and nowhere further from 1", () => {
    // a cubic's end curvature is (n − 1)/n·|Δ₁ × Δ₂|/|Δ₁|³ with Δ₁ = (0, k), Δ₂ = (k − 1, 1 − k): the approximation's own error
    const k = (4 * (Math.SQRT2 - 1)) / 3
    const arc = new Bezier([[1, 0], [1, k], [k, 1], [0, 1]])
    const atEnds = ((2 / 3) * (1 - k)) / (k * k)
    expect(relative(arc.curvature(0), atEnds)).toBeLessThanOrEqual(fewUlps)
    expect(relative(arc.curvature(1), atEnds)).toBeLessThanOrEqual(fewUlps)
    for (const t of samples) expect(Math.abs(arc.curvature(t) - 1)).toBeLessThanOrEqual(Math.abs(atEnds - 1) * (1 + fewUlps))
  })

  it('scaling the coordinates by 2^k scales κ by 2^−k bit for bit (k = ±900)', () => {
    for (const k of [-900, 900]) {
      const scaled = new Bezier(Float64Array.from(cubic.points, (v) => v * 2 ** k), { dimension: 2 })
      for (const t of [0.1, 0.5, 0.9]) expect(Object.is(scaled.curvature(t), cubic.curvature(t) * 2 ** -k)).toBe(true)
    }
  })
})

describe('Bezier frames', () => {
  const orthonormal = (vectors: Float64Array[]) => {
    for (const [i, a] of vectors.entries()) {
      for (const [j, b] of vectors.entries()) {
        const dot = a.reduce((sum, value, index) => sum + value * b[index], 0)
        expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThanOrEqual(fewUlps)
      }
    }
  }

  it('2-D: tangent and normal are orthonormal, the normal points to the centre of curvature (for y = x²: upward)', () => {
    for (const t of samples) {
      const frame = parabola.frame(t)
      orthonormal([frame.tangent, frame.normal])
      expect(frame.normal[1]).toBeGreaterThan(0)
      expect(frame.binormal).toBeUndefined()
      expect(frame.curvature).toBe(parabola.curvature(t))
      expect(frame.tangent).toEqual(parabola.tangent(t))
    }
  })

  it('3-D: a helix-like cubic has an orthonormal T, N, B at every sample', () => {
    const spiral = new Bezier([[1, 0, 0], [1, 1, 0.3], [-1, 1, 0.6], [-1, 0, 1]])
    for (const t of samples) {
      const { tangent, normal, binormal } = spiral.frame(t)
      orthonormal([tangent, normal, binormal!])
    }
  })

  it('refuses what is undefined, naming it: a stationary point, a straight piece, a 1-D frame, signed curvature in 3-D', () => {
    const turnBack = new Bezier([[0, 0], [1, 0], [0, 0]])   // B'(½) = 0
    expect(() => turnBack.curvature(0.5)).toThrow(/^Bezier\.curvature: the curve does not move at t = 0\.5 \(B'\(t\) = 0, a cusp or a degenerate curve\)/)
    expect(() => turnBack.tangent(0.5)).toThrow(/^Bezier\.tangent: the curve does not move at t = 0\.5/)
    expect(() => cubic.frame(0)).toThrow(/^Bezier\.frame: the curve is straight at t = 0 \(curvature 0\): the principal normal is undefined there$/)
    expect(() => new Bezier([[0], [1], [3]]).frame(0.5)).toThrow(/^Bezier\.frame: a 1-D curve has no normal/)
    expect(() => new Bezier([[0, 0, 0], [1, 1, 1], [2, 0, 1]]).signedCurvature(0.5)).toThrow(/^Bezier\.signedCurvature: signed curvature is defined for planar \(2-D\) curves, this curve has dimension 3$/)
    expect(() => parabola.curvature(1.5)).toThrow(/^Bezier\.curvature: t must be in \[0, 1\], got 1\.5$/)
  })
})

describe('curvature of a helix approximated by cubic Beziers', () => {
  it('converges to the helix\'s 1/(1 + c²) as O(h²): halving the pieces\' span divides the worst curvature error by about 4', () => {
    const c = 0.5, exact = 1 / (1 + c * c)
    /** The helix (cos s, sin s, c·s) over [0, π/2] as `pieces` cubic Hermite Beziers; the worst |κ − exact| at 9 points each. */
    const worstError = (pieces: number) => {
      let worst = 0
      const h = Math.PI / 2 / pieces
      for (let p = 0; p < pieces; p++) {
        const s0 = p * h, s1 = s0 + h
        const at = (s: number) => [cosF64(s), sinF64(s), c * s], slope = (s: number) => [-sinF64(s), cosF64(s), c]
        const [a, b] = [at(s0), at(s1)], [da, db] = [slope(s0), slope(s1)]
        const curve = new Bezier([a, a.map((v, k) => v + (h / 3) * da[k]), b.map((v, k) => v - (h / 3) * db[k]), b])
        for (let j = 0; j <= 8; j++) worst = Math.max(worst, Math.abs(curve.curvature(j / 8) - exact))
      }
      return worst
    }
    const coarse = worstError(4), fine = worstError(8)
    expect(coarse).toBeLessThan(0.05 * exact)
    expect(coarse / fine).toBeGreaterThan(3.5)
    expect(coarse / fine).toBeLessThan(4.5)
  })
})
