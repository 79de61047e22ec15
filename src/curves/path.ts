// A smooth path through points: N − 1 cubic Bezier stretches joined end to end, built by pathThrough
// (path-through.ts). The whole path is parameterised by u in [0, 1]: the point i sits at knots[i], the
// spline's own parameter (uniform, centripetal or chord length) scaled to [0, 1], so the C¹ and C²
// continuity of the splines holds for at(u) itself. Control points are stored packed in float64:
// 3(N − 1) + 1 rows, stretch i on rows 3i … 3i + 3, row 3i being point i.
import { Bezier } from './bezier'
import type { FrenetFrame } from './bezier-frame'
import { checkInteger, checkPoint, checkUnitParameter, decodeFloats, encodeFloats, readJsonEnvelope, svgNumber, type EncodedFloats } from './common'
import { describeValue } from '../check/describe'
import { joinContinuity, type ContinuityReport } from './continuity'
import { ArcLengths, nearestOnSegments, resampleByLength, type NearestOnPath } from './path-measure'
import { resampleWithTolerance } from './path-resample'
import { checkOptions } from '../check/names'

export type PathKind = 'catmull-rom' | 'natural-cubic'
export type PathParameter = 'uniform' | 'centripetal' | 'chord'

/** How the path was made: Catmull-Rom with its alpha, or the natural cubic spline with its parameterisation. */
export type PathSpline = ({ kind: 'catmull-rom'; alpha: number } | { kind: 'natural-cubic'; parameter: PathParameter }) & {
  /** A closed loop: the last stretch runs from the last point back to the first (periodic natural cubic: C² there too). */
  closed?: true
}

export interface PathJSON {
  kind: 'Path'
  version: 1
  spline: PathSpline
  dimension: number
  knots: EncodedFloats
  controls: EncodedFloats
}

export class Path {
  readonly spline: PathSpline
  readonly dimension: number
  /** How many points the path runs through (N); it has N − 1 stretches. */
  readonly count: number
  /** The stretches: cubic Beziers over t in [0, 1], stretch i from point i to point i + 1. */
  readonly segments: readonly Bezier[]
  readonly #knots: Float64Array
  readonly #controls: Float64Array
  #arcLengths: ArcLengths | undefined

  /** Use pathThrough() or Path.fromJSON(): this takes already checked, strictly increasing knots from 0 to 1 and matching controls. */
  constructor(spline: PathSpline, dimension: number, knots: Float64Array, controls: Float64Array) {
    this.spline = spline
    this.dimension = dimension
    this.count = knots.length
    this.#knots = knots
    this.#controls = controls
    this.segments = Array.from({ length: this.count - 1 }, (_, i) =>
      new Bezier(controls.subarray(3 * i * dimension, (3 * i + 4) * dimension), { dimension }))
  }

  /** The path parameter of each point: 0 = knots[0] < knots[1] < … < knots[N−1] = 1 (a copy). */
  get knots(): Float64Array {
    return this.#knots.slice()
  }

  /** The points the path runs through, packed [N×dimension] (a copy, bit for bit what was given in float64). */
  get points(): Float64Array {
    const out = new Float64Array(this.count * this.dimension)
    for (let i = 0; i < this.count; i++) out.set(this.#point(i), i * this.dimension)
    return out
  }

  #point(i: number): Float64Array {
    return this.#controls.subarray(3 * i * this.dimension, (3 * i + 1) * this.dimension)
  }

  /** The stretch holding u (the last i with knots[i] ≤ u) and the parameter t within it. */
  #locate(u: number): { segment: number; t: number } {
    const knots = this.#knots
    let low = 0, high = this.count - 2
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (knots[middle] <= u) low = middle
      else high = middle - 1
    }
    // u ≤ knots[low + 1], and rounding is monotone, so t stays in [0, 1]
    return { segment: low, t: (u - knots[low]) / (knots[low + 1] - knots[low]) }
  }

  /** The point at u in [0, 1]; at u = knots[i] it is point i, bit for bit. */
  at(u: number): Float64Array {
    const { segment, t } = this.#locate(checkUnitParameter('Path.at', 'u', u))
    return this.#atSegment(segment, t)
  }

  /** The point at parameter t in [0, 1] of stretch i. */
  atSegment(i: number, t: number): Float64Array {
    checkInteger('Path.atSegment', 'i', i, 0, this.count - 2)
    return this.#atSegment(i, checkUnitParameter('Path.atSegment', 't', t))
  }

  // The stretch's ends are returned as stored: a Bernstein sum at t = 0 could turn a −0 coordinate into +0.
  #atSegment(i: number, t: number): Float64Array {
    if (t === 0) return this.#point(i).slice()
    if (t === 1) return this.#point(i + 1).slice()
    return this.segments[i].at(t)
  }

  /** What `read` gives on the stretch holding u (at a joint, the stretch that starts there), at its own parameter t. */
  #onStretch<R>(where: string, u: number, read: (stretch: Bezier, t: number) => R): R {
    const { segment, t } = this.#locate(checkUnitParameter(where, 'u', u))
    return read(this.segments[segment], t)
  }

  /** κ(u) ≥ 0, any dimension: the curvature of the stretch holding u (curvature does not depend on the parameter). At a
   *  joint the stretch that starts there answers; a C² path (the natural cubic) has one value there either way. */
  curvature(u: number): number {
    return this.#onStretch('Path.curvature', u, (stretch, t) => stretch.curvature(t))
  }

  /** 2-D: the curvature with the sign of the turn (positive counter-clockwise). */
  signedCurvature(u: number): number {
    return this.#onStretch('Path.signedCurvature', u, (stretch, t) => stretch.signedCurvature(t))
  }

  /** Tangent, principal normal, curvature (and binormal in 3-D) at u: the stretch's Bezier.frame. */
  frame(u: number): FrenetFrame {
    return this.#onStretch('Path.frame', u, (stretch, t) => stretch.frame(t))
  }

  /**
   * The unit tangent at u (the direction of motion as u grows). Where the velocity vanishes (a cusp of
   * a uniform Catmull-Rom), the first non-zero higher derivative gives the direction the path leaves in.
   */
  tangent(u: number): Float64Array {
    const { segment, t } = this.#locate(checkUnitParameter('Path.tangent', 'u', u))
    let curve = this.segments[segment]
    for (let order = 1; order <= 3; order++) {
      curve = curve.derivative()
      const direction = curve.at(t)
      let squared = 0
      for (const component of direction) squared += component * component
      if (squared > 0) return direction.map((component) => component / Math.sqrt(squared))
    }
    throw new Error(`Path.tangent: stretch ${segment} is a single point`)   // unreachable: consecutive points differ
  }

  /** Whether the path is a closed loop (pathThrough's `closed: true`): its last point is its first again. */
  get closed(): boolean {
    return this.spline.closed === true
  }

  /**
   * How smooth the path is at point i (0 < i < N − 1), the join of stretches i − 1 and i, with derivatives taken with
   * respect to u (the chain rule through each stretch's knot step): see BSpline.continuityAt for the report. On a closed
   * path i = 0 is the seam, where the last stretch meets the first.
   */
  continuityAt(i: number): ContinuityReport {
    const knots = this.#knots, d = this.dimension
    if (this.closed && i === 0) {
      const last = this.count - 1
      return joinContinuity(this.#controls.subarray(3 * (last - 1) * d, (3 * last + 1) * d), this.#controls.subarray(0, 4 * d), d,
        [knots[last] - knots[last - 1], knots[1] - knots[0]])
    }
    checkInteger('Path.continuityAt', 'i', i, 1, this.count - 2)
    return joinContinuity(this.#controls.subarray(3 * (i - 1) * d, (3 * i + 1) * d), this.#controls.subarray(3 * i * d, (3 * i + 4) * d), d,
      [knots[i] - knots[i - 1], knots[i + 1] - knots[i]])
  }

  #lengths(): ArcLengths {
    this.#arcLengths ??= new ArcLengths(this.segments)
    return this.#arcLengths
  }

  /** The arc length of the whole path: the sum, in order, of each stretch's Bezier.length(). */
  length(): number {
    return this.#lengths().total
  }

  /** The point at arc length s from the start, 0 ≤ s ≤ length(). */
  atLength(s: number): Float64Array {
    const table = this.#lengths()
    if (typeof s !== 'number' || !(s >= 0 && s <= table.total)) {
      throw new RangeError(`Path.atLength: s must be in [0, length()] = [0, ${table.total}], got ${describeValue(s)}`)
    }
    const { segment, within } = table.locate(s)
    return this.#atSegment(segment, this.segments[segment].tAtLength(within))
  }

  /** The point at the fraction f in [0, 1] of the arc length. */
  atFraction(f: number): Float64Array {
    const table = this.#lengths()
    const { segment, within } = table.locate(checkUnitParameter('Path.atFraction', 'f', f) * table.total)
    return this.#atSegment(segment, this.segments[segment].tAtLength(within))
  }

  /**
   * n ≥ 2 points at equal arc-length spacing from the first point to the last, packed [n×dimension]. Without options each
   * point is placed to 1e-12 of the path's scale (Bezier.tAtLengths); with { tolerance } (relative to the length, in
   * [1e-14, 0.1]) to within tolerance × length() of its target — by the speed's Gram matrix, far faster in high
   * dimensions (path-resample.ts).
   */
  resample(n: number, options?: { tolerance?: number }): Float64Array {
    checkInteger('Path.resample', 'n', n, 2)
    const given = checkOptions('Path.resample', options, ['tolerance'])
    const tolerance = given.tolerance
    if (tolerance === undefined) return resampleByLength(this.segments, this.#lengths(), n, this.dimension)
    if (typeof tolerance !== 'number' || !(tolerance >= 1e-14 && tolerance <= 0.1)) {
      throw new RangeError(`Path.resample: tolerance (relative to the length) must be a number in [1e-14, 0.1], got ${describeValue(tolerance)}`)
    }
    return resampleWithTolerance(this.segments, n, this.dimension, tolerance)
  }

  /** The path's globally nearest point to `query`: which stretch, where in it (t) and along the path (u), how far. */
  nearest(query: ArrayLike<number>): NearestOnPath {
    return nearestOnSegments(this.segments, this.#knots, checkPoint('Path.nearest', 'query', query, this.dimension))
  }

  /** SVG path data of a 2-D path: M, then one C per stretch. */
  toSVGPath(options?: { digits?: number }): string {
    const given = checkOptions('Path.toSVGPath', options, ['digits'])
    if (this.dimension !== 2) throw new RangeError(`Path.toSVGPath: SVG paths are 2-D, this path has dimension ${this.dimension}`)
    const digits = given.digits === undefined ? 7 : checkInteger('Path.toSVGPath', 'digits', given.digits, 1, 17)
    const controls = this.#controls
    const point = (row: number) => `${svgNumber(controls[2 * row], digits)} ${svgNumber(controls[2 * row + 1], digits)}`
    const parts = [`M ${point(0)}`]
    for (let i = 0; i < this.count - 1; i++) parts.push(`C ${point(3 * i + 1)} ${point(3 * i + 2)} ${point(3 * i + 3)}`)
    return parts.join(' ')
  }

  toJSON(): PathJSON {
    return { kind: 'Path', version: 1, spline: { ...this.spline }, dimension: this.dimension, knots: encodeFloats(this.#knots), controls: encodeFloats(this.#controls) }
  }

  /** The inverse of toJSON (the object or its JSON text), bit-exact; a truncated or altered JSON is refused. */
  static fromJSON(json: unknown): Path {
    const where = 'Path.fromJSON'
    const record = readJsonEnvelope(where, json, 'Path', 1)
    const spline = checkSpline(where, record.spline)
    const dimension = checkInteger(where, 'dimension', record.dimension, 1)
    const knots = decodeFloats(where, 'knots', record.knots)
    const controls = decodeFloats(where, 'controls', record.controls)
    if (!(knots instanceof Float64Array) || !(controls instanceof Float64Array)) throw new TypeError(`${where}: knots and controls must be float64`)
    const count = knots.length
    if (count < 2 || controls.length !== (3 * (count - 1) + 1) * dimension) {
      throw new RangeError(`${where}: ${count} knots need at least 2 and ${(3 * Math.max(count - 1, 0) + 1) * dimension} control values in dimension ${dimension}, got ${controls.length}`)
    }
    if (knots[0] !== 0 || knots[count - 1] !== 1 || knots.some((knot, i) => i > 0 && !(knot > knots[i - 1]))) {
      throw new RangeError(`${where}: knots must rise strictly from 0 to 1, got [${Array.from(knots).join(', ')}]`)
    }
    const bad = controls.findIndex((value) => !Number.isFinite(value))
    if (bad >= 0) throw new RangeError(`${where}: control value ${bad} is ${controls[bad]}; the JSON is altered`)
    if (spline.closed && controls.subarray(0, dimension).some((value, k) => value !== controls[3 * (count - 1) * dimension + k])) {
      throw new RangeError(`${where}: a closed path must end at its first point; the JSON is altered`)
    }
    return new Path(spline, dimension, knots, controls)
  }

  toString(): string {
    const how = this.spline.kind === 'catmull-rom' ? `alpha ${this.spline.alpha}` : `${this.spline.parameter} parameter`
    return `Path(${this.spline.kind}, ${how}, ${this.closed ? `closed, ${this.count - 1}` : this.count} points, dimension ${this.dimension})`
  }
}

function checkSpline(where: string, value: unknown): PathSpline {
  const spline = checkOptions(`${where}: spline`, value, ['kind', 'alpha', 'parameter', 'closed'])
  if (spline.closed !== undefined && spline.closed !== true) throw new TypeError(`${where}: spline.closed must be true or absent, got ${JSON.stringify(spline.closed)}`)
  const closed = spline.closed === true ? { closed: true as const } : {}
  if (spline.kind === 'catmull-rom' && typeof spline.alpha === 'number' && spline.alpha >= 0 && spline.alpha <= 1) {
    return { kind: 'catmull-rom', alpha: spline.alpha, ...closed }
  }
  if (spline.kind === 'natural-cubic' && (spline.parameter === 'uniform' || spline.parameter === 'centripetal' || spline.parameter === 'chord')) {
    return { kind: 'natural-cubic', parameter: spline.parameter, ...closed }
  }
  throw new TypeError(`${where}: spline must be { kind: 'catmull-rom', alpha in [0, 1] } or { kind: 'natural-cubic', parameter }, got ${JSON.stringify(value)}`)
}
