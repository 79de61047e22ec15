// Paths on the unit sphere in any dimension (embeddings): pathThrough(points, { manifold: 'sphere', closed }) — a
// centripetal Catmull-Rom on the sphere (slerp and the log/exp maps are in sphere-math.ts). Knot steps Δ_i = √Ω_i (Ω_i the
// angle from p_i to p_{i+1}: the centripetal parameter, which keeps Catmull-Rom free of cusps where stretches differ in
// length; uniform steps made a tight loop on random 3-D points where the data turn back). A closed path repeats p_0 at
// the end and takes the seam's tangent from its neighbours around the loop. The
// tangent at p_i is the non-uniform Catmull-Rom tangent written with log maps at p_i (L± = log_{p_i}(p_{i±1})):
// m_i = L+/Δ_i − L−/Δ_{i−1} − (L+ − L−)/(Δ_{i−1} + Δ_i), one-sided at the ends, so it lies in the tangent plane at p_i.
// Each stretch is a spherical cubic Bezier (Shoemake) with control points p_i, exp_{p_i}(m_i·Δ_i/3),
// exp_{p_{i+1}}(−m_{i+1}·Δ_i/3), p_{i+1}, evaluated by de Casteljau's algorithm with slerp in place of lerp: every point is
// on the sphere (normalised at each step: |x| = 1 to a few ulps). A spherical Bezier leaves c0 with velocity 3·log_{c0}(c1),
// so with the path parameter u advancing by Δ_i over stretch i both sides of a point move with velocity m_i: C¹ in u.
// Angles by 2·atan(|a − b| / |a + b|), sines and cosines by curvenet's own math: the same numbers on every engine.
import { checkFinitePoints, packPoints, type PointsInput } from './common'
import { ANTIPODAL, angleBetween, dot, expMap, logMap, normalised, slerpUnit, unitVector } from './sphere-math'

/** Samples per stretch of the arc-length table behind length, resample and nearest. */
const TABLE = 64


export interface NearestOnSphericalPath {
  /** The path parameter u ∈ [0, 1] … */
  u: number
  /** … its point, and the geodesic distance (angle, radians) from the normalised query to it. */
  point: Float64Array
  distance: number
}

export class SphericalPath {
  readonly manifold = 'sphere'
  readonly dimension: number
  /** The points as given, normalised, and the stretches' inner control points. */
  readonly #points: Float64Array[]
  readonly #controls: [Float64Array, Float64Array][]
  readonly #knots: Float64Array
  /** Cumulative geodesic length at TABLE samples per stretch (index i·TABLE + k), built on first use. */
  #table: Float64Array | undefined

  /** A closed loop: the points end with the first one again, and the tangent there comes from its neighbours around the
   *  loop, so the seam is C¹ like every joint. */
  readonly closed: boolean

  constructor(points: Float64Array[], closed = false) {
    this.#points = points
    this.closed = closed
    this.dimension = points[0].length
    const last = points.length - 1
    const steps = points.slice(0, -1).map((p, i) => Math.sqrt(angleBetween(p, points[i + 1], this.dimension)))
    const total = steps.reduce((sum, step) => sum + step, 0)
    let running = 0
    this.#knots = Float64Array.from(points, (_, i) => {
      if (i === 0) return 0
      running += steps[i - 1]
      return i === last ? 1 : running / total
    })
    const tangentBetween = (p: Float64Array, next: Float64Array, previous: Float64Array, before: number, after: number) => {
      const ahead = logMap(p, next), behind = logMap(p, previous)
      return ahead.map((x, k) => x / after - behind[k] / before - (x - behind[k]) / (before + after))
    }
    const tangents = points.map((p, i) => {
      if (closed && (i === 0 || i === last)) return tangentBetween(points[0], points[1], points[last - 1], steps[last - 1], steps[0])
      if (i === 0) return logMap(p, points[1]).map((x) => x / steps[0])
      if (i === last) return logMap(p, points[last - 1]).map((x) => -x / steps[last - 1])
      return tangentBetween(p, points[i + 1], points[i - 1], steps[i - 1], steps[i])
    })
    this.#controls = points.slice(0, -1).map((p, i) =>
      [expMap(p, tangents[i].map((x) => (x * steps[i]) / 3)), expMap(points[i + 1], tangents[i + 1].map((x) => (-x * steps[i]) / 3))])
  }

  /** The path parameter u ∈ [0, 1] at each point (centripetal: stretch i spans a share √Ω_i of Σ √Ω). */
  get knots(): Float64Array {
    return this.#knots.slice()
  }

  /** The points the path visits (normalised copies). */
  get points(): Float64Array[] {
    return this.#points.map((p) => p.slice())
  }

  /** Stretch i ∈ [0, N − 2] at t ∈ [0, 1]: de Casteljau with slerp. */
  atSegment(i: number, t: number): Float64Array {
    const where = 'SphericalPath.atSegment'
    if (!Number.isInteger(i) || i < 0 || i >= this.#controls.length) throw new RangeError(`${where}: i must be an integer in [0, ${this.#controls.length - 1}], got ${String(i)}`)
    if (typeof t !== 'number' || !(t >= 0 && t <= 1)) throw new RangeError(`${where}: t must be in [0, 1], got ${String(t)}`)
    return this.#evaluate(i, t)
  }

  #evaluate(i: number, t: number): Float64Array {
    const where = 'SphericalPath'
    let level = [this.#points[i], this.#controls[i][0], this.#controls[i][1], this.#points[i + 1]]
    while (level.length > 1) level = level.slice(1).map((next, k) => slerpUnit(level[k], next, t, where))
    return level[0]
  }

  /** u ∈ [0, 1] over the whole path: stretch i from knots[i] to knots[i + 1]. */
  at(u: number): Float64Array {
    const [i, t] = this.#locate('SphericalPath.at', u)
    return this.#evaluate(i, t)
  }

  #locate(where: string, u: number): [number, number] {
    if (typeof u !== 'number' || !(u >= 0 && u <= 1)) throw new RangeError(`${where}: u must be in [0, 1], got ${String(u)}`)
    const knots = this.#knots
    let i = 0
    while (i < knots.length - 2 && u >= knots[i + 1]) i++
    if (u === knots[i]) return [i, 0]
    return [i, Math.min(1, (u - knots[i]) / (knots[i + 1] - knots[i]))]
  }

  /** The unit tangent at u, in the sphere's tangent plane there (a central difference, then the radial part removed). */
  tangent(u: number): Float64Array {
    const [i, t] = this.#locate('SphericalPath.tangent', u)
    const h = 1e-6, low = Math.max(0, t - h), high = Math.min(1, t + h)
    const point = this.#evaluate(i, t), ahead = this.#evaluate(i, high), behind = this.#evaluate(i, low)
    const v = ahead.map((x, k) => x - behind[k])
    const radial = dot(v, point, this.dimension)
    for (let k = 0; k < this.dimension; k++) v[k] -= radial * point[k]
    return normalised(v)
  }

  #lengths(): Float64Array {
    if (this.#table) return this.#table
    const stretches = this.#controls.length, table = new Float64Array(stretches * TABLE + 1)
    let previous = this.#points[0], total = 0
    for (let i = 0; i < stretches; i++) {
      for (let k = 1; k <= TABLE; k++) {
        const point = this.#evaluate(i, k / TABLE)
        total += angleBetween(previous, point, this.dimension)
        table[i * TABLE + k] = total
        previous = point
      }
    }
    this.#table = table
    return table
  }

  /** Geodesic length (radians on the unit sphere): the sum of great-circle arcs between 64 samples a stretch (the arcs
   *  under-measure a smooth curve by O(1/64²) of its bending). */
  length(): number {
    const table = this.#lengths()
    return table[table.length - 1]
  }

  /** The parameter u where the geodesic length from the start reaches s, by the table and a linear step within it. */
  #parameterAt(s: number): number {
    const table = this.#lengths(), last = table.length - 1
    let low = 0, high = last
    while (high - low > 1) {
      const middle = (low + high) >> 1
      if (table[middle] <= s) low = middle
      else high = middle
    }
    const span = table[high] - table[low]
    const within = span > 0 ? Math.min(1, Math.max(0, (s - table[low]) / span)) : 0
    return this.#sampleParameter(low + within)
  }

  /** The u of table position `position` (stretch ⌊position / TABLE⌋, t = the rest / TABLE). */
  #sampleParameter(position: number): number {
    const stretch = Math.min(this.#controls.length - 1, Math.floor(position / TABLE))
    const t = Math.min(1, (position - stretch * TABLE) / TABLE)
    return this.#knots[stretch] + t * (this.#knots[stretch + 1] - this.#knots[stretch])
  }

  /** The path parameter u where the geodesic length from the start reaches s, 0 ≤ s ≤ length(). */
  parameterAtLength(s: number): number {
    const total = this.length()
    if (typeof s !== 'number' || !(s >= 0 && s <= total)) throw new RangeError(`SphericalPath.parameterAtLength: s must be in [0, length() = ${total}], got ${String(s)}`)
    return this.#parameterAt(s)
  }

  /** The point at geodesic length s from the start, 0 ≤ s ≤ length(). */
  atLength(s: number): Float64Array {
    const total = this.length()
    if (typeof s !== 'number' || !(s >= 0 && s <= total)) throw new RangeError(`SphericalPath.atLength: s must be in [0, length() = ${total}], got ${String(s)}`)
    return this.at(this.#parameterAt(s))
  }

  /** n ≥ 2 points at equal geodesic spacing, the first and last points included, as rows. */
  resample(n: number): Float64Array[] {
    if (!Number.isInteger(n) || n < 2 || n > 1_000_000) throw new RangeError(`SphericalPath.resample: n must be an integer in [2, 1000000], got ${String(n)}`)
    const total = this.length()
    return Array.from({ length: n }, (_, k) => (k === n - 1 ? this.#points[this.#points.length - 1].slice() : this.at(this.#parameterAt((total * k) / (n - 1)))))
  }

  /** The path's point nearest the query (normalised) in geodesic distance: the best of the table's samples, then a
   *  golden-section search over the samples' neighbouring intervals. */
  nearest(query: ArrayLike<number>): NearestOnSphericalPath {
    const where = 'SphericalPath.nearest'
    if (query?.length !== this.dimension) throw new RangeError(`${where}: query must have ${this.dimension} coordinates, got ${query?.length}`)
    const q = unitVector(where, 'query', query)
    const stretches = this.#controls.length, samples = stretches * TABLE
    let best = 0, bestAngle = Infinity
    for (let k = 0; k <= samples; k++) {
      const angle = angleBetween(q, this.at(this.#sampleParameter(k)), this.dimension)
      if (angle < bestAngle) { best = k; bestAngle = angle }
    }
    let low = this.#sampleParameter(Math.max(0, best - 1)), high = this.#sampleParameter(Math.min(samples, best + 1))
    const distance = (u: number) => angleBetween(q, this.at(u), this.dimension)
    const ratio = (Math.sqrt(5) - 1) / 2
    for (let step = 0; step < 80 && high - low > 1e-15; step++) {
      const left = high - ratio * (high - low), right = low + ratio * (high - low)
      if (distance(left) <= distance(right)) high = right
      else low = left
    }
    const u = (low + high) / 2, found = distance(u)
    const sampled = this.#sampleParameter(best)
    return found <= bestAngle ? { u, point: this.at(u), distance: found } : { u: sampled, point: this.at(sampled), distance: bestAngle }
  }
}

/** pathThrough(points, { manifold: 'sphere', closed }): the points normalised, consecutive ones distinct and not
 *  antipodal (the last and the first too when closed: N ≥ 3, the first point added again at the end). */
export function sphericalPathThrough(where: string, points: PointsInput, dimension: number | undefined, closed = false): SphericalPath {
  const packed = packPoints(where, 'points', points, { dimension, dtype: 'float64', minimumCount: closed ? 3 : 2 })
  checkFinitePoints(where, 'points', packed.data, packed.dimension)
  const rows = Array.from({ length: packed.count }, (_, i) => unitVector(where, `points[${i}]`, packed.data.subarray(i * packed.dimension, (i + 1) * packed.dimension)))
  if (closed) rows.push(rows[0].slice())
  for (let i = 0; i + 1 < rows.length; i++) {
    const angle = angleBetween(rows[i], rows[i + 1], packed.dimension)
    if (angle === 0 && closed && i === rows.length - 2) throw new RangeError(`${where}: the last point is the first point again; with closed: true give each point once`)
    if (angle === 0) throw new RangeError(`${where}: points ${i} and ${i + 1} are the same direction; consecutive points must differ`)
    if (angle > Math.PI - ANTIPODAL) throw new RangeError(`${where}: points ${i} and ${i + 1} are antipodal (angle ${angle}): every great circle joins them, so the path between them is not defined; add a point between them`)
  }
  return new SphericalPath(rows, closed)
}
