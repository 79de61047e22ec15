// The README's pictures of the two curve jobs: an embedding path (norm along a path through unit vectors in 768-D:
// linear interpolation, the Euclidean Catmull-Rom, the spherical path) and a cam profile (a periodic quintic B-spline
// through a rise-dwell-return-dwell law: displacement, velocity, acceleration, jerk and a roller follower's pressure angle).
import { Generator } from '../../src/tensor/random'
import { pathThrough } from '../../src/curves/path-through'
import { interpolateBSpline } from '../../src/curves/interpolate'
import type { BSpline } from '../../src/curves/bspline'
import { atanF64 } from '../../src/math/inverse-trigonometric'
import { sinF64 } from '../../src/math/trigonometric'
import { Panel, svgDocument } from '../../src/plot/panel'

const blue = '#1f5fa8', orange = '#e07b00', red = '#c62828', green = '#2e7d32', purple = '#6a1b9a'
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((sum, x) => sum + x * x, 0))

/** Norms along three paths through the same 8 random unit vectors in 768-D, against stretch index + t. */
export function embeddingNorms(): string {
  const g = new Generator(7)
  const points = Array.from({ length: 8 }, () => { const v = Array.from({ length: 768 }, () => g.normal()); const n = norm(v); return v.map((x) => x / n) })
  const euclidean = pathThrough(points), spherical = pathThrough(points, { manifold: 'sphere' })
  const samples = 40
  const series = (at: (i: number, t: number) => ArrayLike<number>) =>
    Array.from({ length: 7 * samples + 1 }, (_, k): [number, number] => {
      const i = Math.min(6, Math.floor(k / samples)), t = k / samples - i
      return [k / samples, norm(at(i, t))]
    })
  const linear = series((i, t) => points[i].map((x, j) => x + t * (points[i + 1][j] - x)))
  const panel = new Panel({ left: 70, top: 40, width: 640, height: 300 }, { label: 'position along the path (stretch index + t)', low: 0, high: 7 },
    { label: '‖x‖', low: 0.6, high: 1.05 })
  const lines = [
    { label: 'linear interpolation', data: linear, color: orange },
    { label: 'Catmull-Rom (centripetal, Euclidean)', data: series((i, t) => euclidean.atSegment(i, t)), color: blue },
    { label: "pathThrough(…, { manifold: 'sphere' })", data: series((i, t) => spherical.atSegment(i, t)), color: red },
  ]
  const parts = [panel.axes(), ...lines.map(({ data, color }) => panel.polyline(data, { color, width: 2 })),
    panel.legend(lines.map(({ label, color }) => ({ label, style: { color, width: 2 } })), 'bottom-left')]
  return svgDocument(760, 400, 'Norm along paths through 8 random unit vectors in 768-D', parts)
}

/** The cam's displacement law over one turn (radians): cycloidal rise of 1 over [0, π/2], dwell, cycloidal return over
 *  [π, 3π/2], dwell — sampled at 48 points and interpolated by a periodic quintic (C⁴ around the turn). */
export function camProfile(): { svg: string; spline: BSpline } {
  const cycloid = (x: number) => x - sinF64(2 * Math.PI * x) / (2 * Math.PI)
  const law = (theta: number) => {
    const quarter = Math.PI / 2
    if (theta < quarter) return cycloid(theta / quarter)
    if (theta < 2 * quarter) return 1
    if (theta < 3 * quarter) return 1 - cycloid((theta - 2 * quarter) / quarter)
    return 0
  }
  const thetas = Array.from({ length: 49 }, (_, k) => (2 * Math.PI * k) / 48)
  const spline = interpolateBSpline(thetas, thetas.map((theta, k) => (k === 48 ? law(0) : law(theta))), { degree: 5, conditions: 'periodic' })
  const derivatives = [spline, spline.derivative(1), spline.derivative(2), spline.derivative(3)]
  const base = 2, roller = 0.5   // an in-line roller follower: pressure angle atan(s′ / (base + roller + s))
  const grid = Array.from({ length: 721 }, (_, k) => (2 * Math.PI * k) / 720)
  const rows = [
    { label: 's (displacement)', values: grid.map((theta) => derivatives[0].at(theta)[0]), color: blue },
    { label: 's′ (velocity, per radian)', values: grid.map((theta) => derivatives[1].at(theta)[0]), color: green },
    { label: 's″ (acceleration)', values: grid.map((theta) => derivatives[2].at(theta)[0]), color: orange },
    { label: 's‴ (jerk)', values: grid.map((theta) => derivatives[3].at(theta)[0]), color: purple },
    { label: 'pressure angle (degrees)', values: grid.map((theta, k) => (atanF64(derivatives[1].at(theta)[0] / (base + roller + derivatives[0].at(theta)[0])) * 180) / Math.PI), color: red },
  ]
  const parts: string[] = []
  rows.forEach(({ label, values, color }, r) => {
    const low = Math.min(...values), high = Math.max(...values), pad = 0.08 * (high - low || 1)
    const panel = new Panel({ left: 90, top: 30 + r * 130, width: 620, height: 95 },
      { label: r === rows.length - 1 ? 'cam angle θ (radians)' : '', low: 0, high: 2 * Math.PI }, { label, low: low - pad, high: high + pad })
    parts.push(panel.axes(), panel.polyline(grid.map((theta, k): [number, number] => [theta, values[k]]), { color, width: 2 }))
  })
  return { svg: svgDocument(760, 30 + rows.length * 130 + 20, 'Cam: rise–dwell–return–dwell as a periodic quintic B-spline', parts), spline }
}
