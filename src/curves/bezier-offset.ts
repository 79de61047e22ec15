// Bezier.offset(d, { tolerance }): a planar curve moved a distance d along its left normal, as a chain of cubic Beziers
// within a stated tolerance. The exact offset O(t) = B(t) + d·N(t) has O′(t) = ‖B′(t)‖·(1 − d·κ(t))·T(t) (κ signed, positive
// counter-clockwise), so each piece [t0, t1] is the cubic Hermite interpolant of O with those end derivatives (Δ = t1 − t0:
// inner control points O(t0) + O′(t0)·Δ/3 and O(t1) − O′(t1)·Δ/3), accepted when it stays within `tolerance` of O at 15
// interior checkpoints and split in half otherwise. Where 1 − d·κ ≤ 0 the offset folds back on itself (a radius of
// curvature below |d| on the side offset towards); that needs trimming, which this does not do: it says so instead.
// Why the check bounds the distance: O(t) lies at distance |d| from B where the radius exceeds |d|, so a point A of a piece
// within ε of O(t) lies within |d| ± ε of B (tested on 10⁴ points against Bezier.project).

/** Pieces one offset may use before it reports that the tolerance cannot be met. */
const MAX_PIECES = 4096
const CHECKPOINTS = 16

interface OffsetPoint { point: [number, number]; velocity: [number, number]; fold: number }
/** What is offset: a planar curve's point, derivative and signed curvature at t (a Bezier). */
interface PlanarCurve {
  at(t: number): Float32Array | Float64Array
  derivativeAt(t: number): Float64Array
  signedCurvature(t: number): number
}
type Cubic = [number, number][]

/** A cubic's point at s by de Casteljau. */
function cubicAt(controls: Cubic, s: number): [number, number] {
  let level = controls
  while (level.length > 1) level = level.slice(1).map((next, k): [number, number] => [level[k][0] + s * (next[0] - level[k][0]), level[k][1] + s * (next[1] - level[k][1])])
  return level[0]
}

function offsetAt(curve: PlanarCurve, d: number, t: number): OffsetPoint {
  const [x, y] = curve.at(t), [dx, dy] = curve.derivativeAt(t)
  const speed = Math.sqrt(dx * dx + dy * dy)   // √ and × only: engines' Math.hypot may round differently
  if (!(speed > 0)) throw new RangeError(`Bezier.offset: the curve stops (B′ = 0) at t = ${t}; its normal, and so the offset, is not defined there`)
  const tx = dx / speed, ty = dy / speed
  const fold = 1 - d * curve.signedCurvature(t)
  return { point: [x - d * ty, y + d * tx], velocity: [speed * fold * tx, speed * fold * ty], fold }
}

/** The pieces' control points, in order along the curve. */
export function offsetBezier(curve: PlanarCurve, d: number, tolerance: number): Cubic[] {
  const pieces: Cubic[] = []
  const stack: [number, number][] = [[0, 1]]
  while (stack.length > 0) {
    const [t0, t1] = stack.pop()!
    const start = offsetAt(curve, d, t0), end = offsetAt(curve, d, t1)
    const third = (t1 - t0) / 3
    const piece: Cubic = [start.point, [start.point[0] + start.velocity[0] * third, start.point[1] + start.velocity[1] * third],
      [end.point[0] - end.velocity[0] * third, end.point[1] - end.velocity[1] * third], end.point]
    let fits = true
    for (let j = 0; j <= CHECKPOINTS; j++) {
      const s = j / CHECKPOINTS, exact = j === 0 ? start : j === CHECKPOINTS ? end : offsetAt(curve, d, t0 + s * (t1 - t0))
      if (!(exact.fold > 0)) {
        throw new RangeError(`Bezier.offset: at distance ${d} the offset folds back near t = ${t0 + s * (t1 - t0)} (radius of curvature ${Math.abs(1 / curve.signedCurvature(t0 + s * (t1 - t0)))} ≤ |d| on that side); such an offset needs trimming, which offset() does not do — use a smaller |d| or split the curve there`)
      }
      if (j === 0 || j === CHECKPOINTS) continue
      const [ax, ay] = cubicAt(piece, s)
      const ex = ax - exact.point[0], ey = ay - exact.point[1]
      if (Math.sqrt(ex * ex + ey * ey) > tolerance) { fits = false; break }
    }
    if (fits) { pieces.push(piece); continue }
    if (pieces.length + stack.length + 2 > MAX_PIECES || t1 - t0 < 1e-12) {
      throw new RangeError(`Bezier.offset: tolerance ${tolerance} needs more than ${MAX_PIECES} pieces at distance ${d}; give a larger tolerance`)
    }
    const middle = (t0 + t1) / 2
    stack.push([middle, t1], [t0, middle])   // the left half on top: pieces come out in order
  }
  return pieces
}
