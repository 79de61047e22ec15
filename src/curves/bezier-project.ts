// The globally nearest point of a Bezier to a query point: branch and bound over de Casteljau
// subdivisions, then Newton's method on (B(t) − q)·B'(t) = 0 to polish the winner. It runs on the
// curve and the query scaled by one power of two (bezier-scale.ts), so any coordinate size works.
import { chordDeviationBound, controlPoints, distance, distanceToSegment, evaluate, hodograph, magnitude, split, type ControlPoints } from './bezier-math'
import { normalisingExponent, scaledCurve, scaledDown, scaleUpInPlace, timesPowerOfTwo } from './bezier-scale'

export interface Projection {
  /** The parameter of the nearest curve point. */
  t: number
  /** ‖B(t) − point‖. */
  distance: number
  /** B(t), float64. */
  point: Float64Array
}

interface Piece {
  points: Float64Array
  start: number
  end: number
  /** No point of this piece is nearer to the query than this. */
  lower: number
}

/** Pieces are not cut finer than this parameter width (float64 could not tell their parameters apart). */
const smallestWidth = 1e-14
/** Bounds the work when very many parameters are almost equally near (a query near the centre of an arc). */
const maxExpansions = 20000

/** No point of a curve is nearer to q than its control points' bounding box (the convex hull property). */
export function controlBoxDistance(piece: { readonly points: ArrayLike<number>; readonly degree: number; readonly dimension: number }, q: ArrayLike<number>): number {
  const { points, degree, dimension } = piece
  let squared = 0
  for (let j = 0; j < dimension; j++) {
    let low = points[j], high = points[j]
    for (let i = 1; i <= degree; i++) {
      const value = points[i * dimension + j]
      if (value < low) low = value
      if (value > high) high = value
    }
    const outside = q[j] < low ? low - q[j] : q[j] > high ? q[j] - high : 0
    squared += outside * outside
  }
  return Math.sqrt(squared)
}

/**
 * A lower bound on the distance from q to a piece, the better of two proven ones: the curve lies in
 * its control points' bounding box (convex hull property), and within chordDeviationBound of its chord.
 */
function lowerBound(piece: ControlPoints, q: Float64Array): number {
  const { points, degree, dimension } = piece
  const fromChord = distanceToSegment(q, points, 0, degree * dimension, dimension) - chordDeviationBound(piece)
  return Math.max(controlBoxDistance(piece, q), fromChord)
}

/** A binary min-heap of pieces by lower bound. */
class PieceQueue {
  readonly #heap: Piece[] = []
  get size(): number { return this.#heap.length }
  push(piece: Piece): void {
    const heap = this.#heap
    heap.push(piece)
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1
      if (heap[parent].lower <= heap[i].lower) break
      ;[heap[parent], heap[i]] = [heap[i], heap[parent]]
      i = parent
    }
  }
  pop(): Piece {
    const heap = this.#heap
    const top = heap[0]
    const last = heap.pop()!
    if (heap.length > 0) {
      heap[0] = last
      for (let i = 0; ;) {
        const left = 2 * i + 1, right = left + 1
        let smallest = i
        if (left < heap.length && heap[left].lower < heap[smallest].lower) smallest = left
        if (right < heap.length && heap[right].lower < heap[smallest].lower) smallest = right
        if (smallest === i) break
        ;[heap[smallest], heap[i]] = [heap[i], heap[smallest]]
        i = smallest
      }
    }
    return top
  }
}

/**
 * Pieces are taken nearest-bound first; each is evaluated at its middle (a candidate) and cut in two.
 * A piece whose lower bound is within `gap` of the best candidate cannot hold a point nearer by more
 * than `gap`, so the search ends when none is left: the result is the global minimum to within `gap`
 * (1e-10 of the coordinates' scale) before Newton's polish, which only ever improves it.
 */
export function nearestPoint(original: ControlPoints, originalQuery: Float64Array): Projection {
  const exponent = normalisingExponent(original.points, originalQuery)
  const curve = scaledCurve(original, exponent), query = exponent === 0 ? originalQuery : scaledDown(originalQuery, exponent)
  const { dimension } = curve
  const gap = 1e-10 * Math.max(magnitude(curve.points), magnitude(query))
  let best = { t: 0, distance: Infinity }
  const consider = (t: number, points: Float64Array, row: number) => {
    const d = distance(points, row * dimension, query, 0, dimension)
    if (d < best.distance) best = { t, distance: d }
  }
  consider(0, curve.points, 0)
  consider(1, curve.points, curve.degree)
  const queue = new PieceQueue()
  queue.push({ points: curve.points, start: 0, end: 1, lower: lowerBound(curve, query) })
  for (let expansions = 0; queue.size > 0 && expansions < maxExpansions; expansions++) {
    const piece = queue.pop()
    if (piece.lower >= best.distance - gap) break
    if (piece.end - piece.start < smallestWidth) continue
    const middle = (piece.start + piece.end) / 2
    const halves = split(controlPoints(piece.points, dimension), 0.5)
    consider(middle, halves[0], curve.degree)
    for (const [points, start, end] of [[halves[0], piece.start, middle], [halves[1], middle, piece.end]] as const) {
      const lower = lowerBound(controlPoints(points, dimension), query)
      if (lower < best.distance - gap) queue.push({ points, start, end, lower })
    }
  }
  const t = polish(curve, query, best.t, best.distance)
  const point = evaluate(curve, t)
  return { t, distance: timesPowerOfTwo(distance(point, 0, query, 0, dimension), exponent), point: scaleUpInPlace(point, exponent) }
}

/** Newton on f(t) = (B(t) − q)·B'(t), f'(t) = ‖B'‖² + (B − q)·B''; a step is kept only if it brings B(t) nearer. */
function polish(curve: ControlPoints, query: Float64Array, t: number, bestDistance: number): number {
  if (curve.degree === 0) return t
  const first = controlPoints(hodograph(curve), curve.dimension)
  const second = controlPoints(hodograph(first), curve.dimension)
  for (let iteration = 0; iteration < 16; iteration++) {
    const point = evaluate(curve, t), velocity = evaluate(first, t), acceleration = evaluate(second, t)
    let slope = 0, curvature = 0
    for (let j = 0; j < curve.dimension; j++) {
      const offset = point[j] - query[j]
      slope += offset * velocity[j]
      curvature += velocity[j] * velocity[j] + offset * acceleration[j]
    }
    if (!(curvature > 0)) return t
    const next = Math.min(1, Math.max(0, t - slope / curvature))
    const nextDistance = distance(evaluate(curve, next), 0, query, 0, curve.dimension)
    if (!(nextDistance < bestDistance)) return t
    t = next
    bestDistance = nextDistance
  }
  return t
}
