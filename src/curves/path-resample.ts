// resample(n, { tolerance }): points at equal arc-length spacing to a stated tolerance, fast in any dimension. A cubic
// stretch's speed squared is a quartic in t: with B′(t) = Σ_j b_j(t)·Q_j (the quadratic Bernstein weights b_j and the
// hodograph's points Q_j = 3(P_{j+1} − P_j)), ‖B′(t)‖² = Σ_jk b_j(t)·b_k(t)·(Q_j·Q_k). So six dot products per stretch
// (the Gram matrix of Q) are the only work that grows with the dimension; every speed after them costs a few flops, where
// Bezier.length evaluates a 768-D hodograph at each of its nodes. Each stretch is integrated adaptively (bezier-measure.ts's
// Gauss–Legendre, halves against the whole) to its share of tolerance × the path's length; a target's parameter is then
// found inside the accepted panel that holds it, by Newton's method on that panel's own Gauss–Legendre integral, kept in
// the panel. The points themselves are evaluated in one batched atMany call per stretch (the runtime's kernel).
// The bound is the integration's error estimate: each point's arc-length position is within tolerance × length of
// k·length/(n − 1) as far as adaptive Gauss–Legendre's halving test can tell (tested against the exact resample).
import type { Bezier } from './bezier'
import { adaptive, gaussLegendre, maxIntervals, type Panel, type SpeedFunction } from './bezier-measure'

/** ‖B′(t)‖ of a cubic from its hodograph's Gram matrix. */
class GramSpeed implements SpeedFunction {
  readonly #gram: Float64Array   // g00, g01, g02, g11, g12, g22

  constructor(points: ArrayLike<number>, dimension: number) {
    const q = [0, 1, 2].map((j) => Float64Array.from({ length: dimension }, (_, k) => 3 * (points[(j + 1) * dimension + k] - points[j * dimension + k])))
    const dot = (a: Float64Array, b: Float64Array) => { let sum = 0; for (let k = 0; k < dimension; k++) sum += a[k] * b[k]; return sum }
    this.#gram = Float64Array.from([dot(q[0], q[0]), dot(q[0], q[1]), dot(q[0], q[2]), dot(q[1], q[1]), dot(q[1], q[2]), dot(q[2], q[2])])
  }

  at(t: number): number {
    const s = 1 - t, b0 = s * s, b1 = 2 * s * t, b2 = t * t
    const [g00, g01, g02, g11, g12, g22] = this.#gram
    const squared = b0 * (b0 * g00 + 2 * (b1 * g01 + b2 * g02)) + b1 * (b1 * g11 + 2 * b2 * g12) + b2 * b2 * g22
    return Math.sqrt(Math.max(0, squared))   // rounding can take a zero speed (a cusp) a hair below 0
  }
}

/** A stretch's accepted panels with their running sums: the arc length to any t in O(panel search + one quadrature). */
class StretchLength {
  readonly panels: Panel[] = []
  readonly starts: Float64Array
  readonly total: number

  constructor(readonly speed: GramSpeed, tolerance: number) {
    this.total = adaptive(speed, 0, 1, gaussLegendre(speed, 0, 1), tolerance, 0, { intervals: maxIntervals }, this.panels)
    this.starts = new Float64Array(this.panels.length + 1)
    this.panels.forEach((panel, k) => { this.starts[k + 1] = this.starts[k] + panel.value })
  }

  /** The parameter where the arc length from 0 reaches s (0 ≤ s ≤ total): Newton inside the panel holding s. */
  parameterAt(s: number): number {
    if (s <= 0) return 0
    if (s >= this.total) return 1
    let low = 0, high = this.panels.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.starts[middle] <= s) low = middle
      else high = middle - 1
    }
    const { a, b } = this.panels[low], target = s - this.starts[low]
    let left = a, right = b, t = a + (b - a) * Math.min(1, Math.max(0, target / (this.panels[low].value || 1)))
    for (let step = 0; step < 30; step++) {
      const error = gaussLegendre(this.speed, a, t) - target
      if (error > 0) right = t
      else left = t
      const speed = this.speed.at(t)
      let next = speed > 0 ? t - error / speed : (left + right) / 2
      if (!(next > left && next < right)) next = (left + right) / 2   // Newton left the bracket: bisect
      if (Math.abs(next - t) <= 4 * Number.EPSILON * Math.max(1, Math.abs(t))) return next
      t = next
    }
    return t
  }
}

/** `count` points at arc lengths k·length/(count − 1), packed [count × dimension], to tolerance × length. */
export function resampleWithTolerance(segments: readonly Bezier[], count: number, dimension: number, tolerance: number): Float64Array {
  const speeds = segments.map((segment) => new GramSpeed(segment.points, dimension))
  // the whole length roughly (one 10-node rule a stretch) to turn the relative tolerance into each stretch's absolute share
  const rough = speeds.reduce((sum, speed) => sum + gaussLegendre(speed, 0, 1), 0)
  const share = (tolerance * rough) / segments.length
  const stretches = speeds.map((speed) => new StretchLength(speed, share))
  const starts = new Float64Array(stretches.length + 1)
  stretches.forEach((stretch, i) => { starts[i + 1] = starts[i] + stretch.total })
  const total = starts[stretches.length]
  const out = new Float64Array(count * dimension)
  let next = 0
  for (let i = 0; i < segments.length && next < count; i++) {
    const first = next, parameters: number[] = []
    for (; next < count; next++) {
      const s = next === count - 1 ? total : (next * total) / (count - 1)
      if (s > starts[i + 1] && i < segments.length - 1) break
      parameters.push(next === count - 1 && i === segments.length - 1 ? 1 : stretches[i].parameterAt(Math.min(stretches[i].total, Math.max(0, s - starts[i]))))
    }
    if (parameters.length > 0) out.set(segments[i].atMany(parameters), first * dimension)
  }
  return out
}
