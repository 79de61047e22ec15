// Bezier curves of any degree in any dimension: a façade over the float64 math of bezier-math.ts
// (at, split, …), the batched kernel of the runtime (atMany) and the measuring helpers (length,
// flatten, project, extrema). Control points are stored packed in a Float64Array (default) or a
// Float32Array; curves derived from a curve (split, derivative, …) keep its dtype.
import { graphSVG, type GraphOptions } from '../plot/graph'
import type { DType, FloatArray } from '../backend/kernels'
import { bernsteinWeightsInto } from '../math/bernstein'
import { checkFiniteArray, checkFiniteNumber, checkInteger, checkPoint, checkPositiveNumber, checkUnitParameter, decodeFloats, encodeFloats, packPoints, readJsonEnvelope, runKernel, svgNumber, type EncodedFloats, type PointsInput } from './common'
import { controlPoints, elevate, evaluate, hodograph, segment, split, type ControlPoints } from './bezier-math'
import { arcLength, parameterAtLength, parametersAtLengths, type LengthOptions } from './bezier-measure'
import { flatten, type Polyline } from './bezier-flatten'
import { nearestPoint, type Projection } from './bezier-project'
import { boundingBox, extremaParameters, type BoundingBox } from './bezier-extrema'
import { offsetBezier } from './bezier-offset'
import { curvatureAt, frenetFrame, signedCurvatureAt, unitTangent, type FrenetFrame } from './bezier-frame'
import { checkOptions } from '../check/names'

export interface BezierOptions {
  /** Coordinates per point; required when `points` is a flat array. */
  dimension?: number
  /** Storage of the control points: 'float64' (default; 'float32' for a Float32Array input). */
  dtype?: DType
}

export interface BezierJSON {
  kind: 'Bezier'
  version: 1
  degree: number
  dimension: number
  points: EncodedFloats
}

export interface SvgPathOptions {
  /** Degree > 3 has no exact SVG command: the curve is flattened to this deviation (default 1e-3 × the bounding box diagonal). */
  tolerance?: number
  /** Significant digits per coordinate (default 7). */
  digits?: number
}

/**
 * The highest degree a Bezier takes. Its measuring algorithms cost about n² per step (de Casteljau
 * splits, root isolation of the hodograph): a random degree-128 curve's length() takes ~0.2 s here,
 * degree 1000 took 10 s. Curves in design stay far below (fonts 2–3, CAD ≤ 9); a Bernstein
 * approximation of higher degree belongs in bezierAct, whose kernel evaluates up to degree 1024.
 */
export const bezierCurveMaxDegree = 128

/** Lets derivative() make the degree-0 curve of a line's hodograph, which the public constructor refuses. */
const constantAllowed = Symbol('constant curve allowed')
const optionNames = ['dimension', 'dtype']

export class Bezier {
  readonly degree: number
  readonly dimension: number
  readonly dtype: DType
  readonly #points: FloatArray
  /** The control points in float64 (exact copies of float32 ones): what the per-call math reads. */
  readonly #curve: ControlPoints

  /** `points`: n+1 ≥ 2 control points, as number[][] or a flat (typed) array with { dimension }. The points are copied. */
  constructor(points: PointsInput, options?: BezierOptions) {
    const given = checkOptions('Bezier', options, optionNames)
    const minimumCount = (given as { [constantAllowed]?: boolean })[constantAllowed] ? 1 : 2
    const packed = packPoints('Bezier', 'points', points, { dimension: given.dimension, dtype: given.dtype, minimumCount })
    if (packed.count - 1 > bezierCurveMaxDegree) {
      throw new RangeError(`Bezier: ${packed.count} control points make degree ${packed.count - 1}, above the maximum ${bezierCurveMaxDegree} (bezierCurveMaxDegree)`)
    }
    this.#points = packed.data
    this.degree = packed.count - 1
    this.dimension = packed.dimension
    this.dtype = packed.data instanceof Float32Array ? 'float32' : 'float64'
    this.#curve = controlPoints(Float64Array.from(packed.data), packed.dimension)
  }

  /** A curve of this one's dtype from float64 control points (rounded to float32 when that is the dtype). */
  #derived(points: Float64Array): Bezier {
    return new Bezier(points, { dimension: this.dimension, dtype: this.dtype, [constantAllowed]: true } as BezierOptions)
  }

  /** A copy of the packed control points [(degree+1)×dimension], in the curve's dtype. */
  get points(): FloatArray {
    return this.#points.slice()
  }

  /** The point at t in [0, 1], computed in float64 (the kernel's operations: equal to atMany([t]) on a float64 curve). */
  at(t: number): Float64Array {
    return evaluate(this.#curve, checkUnitParameter('Bezier.at', 't', t))
  }

  /**
   * The points at every t in [0, 1] (rounded to the curve's dtype first), packed [count×dimension] in
   * the curve's dtype, by the runtime's batched kernel: the same bits on the js and wasm backends.
   */
  atMany(ts: ArrayLike<number>): FloatArray {
    const parameters = checkFiniteArray('Bezier.atMany', 'ts', ts, [0, 1])   // the degree is below the kernel's bezierMaxDegree
    return runKernel('Bezier.atMany', this.dtype, parameters.length * this.dimension, [this.#points, parameters],
      (kernels, out, points, tsOnBackend) => kernels.bezierEvaluate(out, points, tsOnBackend, this.degree, this.dimension, parameters.length))
  }

  /** ∂B/∂t at t: the hodograph's point (float64). */
  derivativeAt(t: number): Float64Array {
    return evaluate(controlPoints(hodograph(this.#curve), this.dimension), checkUnitParameter('Bezier.derivativeAt', 't', t))
  }

  /** The unit tangent B'(t)/‖B'(t)‖ (a RangeError where B'(t) = 0). */
  tangent(t: number): Float64Array {
    return unitTangent('Bezier.tangent', this.#curve, checkUnitParameter('Bezier.tangent', 't', t))
  }

  /** κ(t) ≥ 0 in any dimension (1/radius of the osculating circle); a RangeError where B'(t) = 0. */
  curvature(t: number): number {
    return curvatureAt('Bezier.curvature', this.#curve, checkUnitParameter('Bezier.curvature', 't', t))
  }

  /** 2-D: the curvature with the sign of the turn (positive counter-clockwise). */
  signedCurvature(t: number): number {
    return signedCurvatureAt('Bezier.signedCurvature', this.#curve, checkUnitParameter('Bezier.signedCurvature', 't', t))
  }

  /**
   * 2-D: the curve moved by d along its left normal (d < 0: the right), as cubic Beziers in order, each point within
   * `tolerance` (default 1e-6 × the control polygon's extent) of the exact offset B(t) + d·N(t) — see bezier-offset.ts.
   * A RangeError where the offset would fold back (radius of curvature below |d| on that side) or where B′ = 0.
   */
  offset(d: number, options: { tolerance?: number } = {}): Bezier[] {
    const where = 'Bezier.offset'
    if (this.dimension !== 2) throw new RangeError(`${where}: offsets are defined for planar curves (dimension 2), got dimension ${this.dimension}`)
    const distance = checkFiniteNumber(where, 'd', d)
    const given = checkOptions(where, options, ['tolerance'])
    const points = this.points
    let extent = 0
    for (let i = 0; i < points.length; i++) extent = Math.max(extent, Math.abs(points[i] - points[i % 2]))
    const tolerance = given.tolerance === undefined ? 1e-6 * Math.max(extent, Math.abs(distance), Number.MIN_VALUE) : checkPositiveNumber(where, 'tolerance', given.tolerance)
    if (distance === 0) return [new Bezier(this.points, { dimension: 2 })]
    return offsetBezier(this, distance, tolerance).map((controls) => new Bezier(controls))
  }

  /** Tangent, principal normal, curvature (and binormal in 3-D) at t; a RangeError where the curve is straight there. */
  frame(t: number): FrenetFrame {
    return frenetFrame('Bezier.frame', this.#curve, checkUnitParameter('Bezier.frame', 't', t))
  }

  /** ∂B(t)/∂P_i = B_{i,n}(t)·I for i = 0…degree: the Bernstein weights at t (float64, summing to 1). */
  basisWeights(t: number): Float64Array {
    const weights = new Float64Array(this.degree + 1)
    bernsteinWeightsInto(weights, 0, checkUnitParameter('Bezier.basisWeights', 't', t), this.degree)
    return weights
  }

  /** The hodograph B'(t): a Bezier of degree n − 1 with control points n·(P[i+1] − P[i]) (a line's is a constant). */
  derivative(): Bezier {
    return this.#derived(hodograph(this.#curve))
  }

  secondDerivative(): Bezier {
    return this.derivative().derivative()
  }

  /** The two pieces on [0, t] and [t, 1] (de Casteljau), each again a Bezier of this degree on [0, 1]. */
  split(t: number): [Bezier, Bezier] {
    const [left, right] = split(this.#curve, checkUnitParameter('Bezier.split', 't', t))
    return [this.#derived(left), this.#derived(right)]
  }

  /** The piece on [t0, t1], 0 ≤ t0 < t1 ≤ 1, reparametrised to [0, 1]. */
  segment(t0: number, t1: number): Bezier {
    checkUnitParameter('Bezier.segment', 't0', t0)
    checkUnitParameter('Bezier.segment', 't1', t1)
    if (!(t0 < t1)) throw new RangeError(`Bezier.segment: t0 must be below t1, got t0 = ${t0}, t1 = ${t1}`)
    return this.#derived(segment(this.#curve, t0, t1))
  }

  /** The same curve as degree n + 1. */
  elevate(): Bezier {
    return this.#derived(elevate(this.#curve))
  }

  /** Arc length by Gauss–Legendre (10 nodes) with adaptive subdivision until the estimated error ≤ tolerance. */
  length(options?: LengthOptions): number {
    return arcLength(this.#curve, options, 'Bezier.length')
  }

  /** The parameter t where the arc length from 0 reaches s (0 ≤ s ≤ length()), to within the length tolerance. */
  tAtLength(s: number, options?: LengthOptions): number {
    return parameterAtLength(this.#curve, s, options)
  }

  /** tAtLength for many arc lengths; ascending ones are solved in one sweep (much faster than one by one). */
  tAtLengths(lengths: ArrayLike<number>, options?: LengthOptions): number[] {
    return parametersAtLengths(this.#curve, lengths, options)
  }

  /** A polyline whose distance from the curve is at most `tolerance` everywhere (a proven bound, see bezier-flatten.ts). */
  flatten(tolerance: number): Polyline {
    return flatten(this.#curve, checkPositiveNumber('Bezier.flatten', 'tolerance', tolerance))
  }

  /** The globally nearest curve point to `point` (branch and bound, then Newton), with its t and distance. */
  project(point: ArrayLike<number>): Projection {
    return nearestPoint(this.#curve, checkPoint('Bezier.project', 'point', point, this.dimension))
  }

  /** For each coordinate j, the sorted t in [0, 1] where B'(t)_j = 0 (roots of the hodograph's coordinates). */
  extrema(): number[][] {
    return extremaParameters(this.#curve)
  }

  /** The tight axis-aligned box: the end points and every coordinate extremum. */
  bbox(): BoundingBox {
    return boundingBox(this.#curve)
  }

  toJSON(): BezierJSON {
    return { kind: 'Bezier', version: 1, degree: this.degree, dimension: this.dimension, points: encodeFloats(this.#points) }
  }

  /** The inverse of toJSON (the object or its JSON text), bit-exact in either dtype. */
  static fromJSON(json: unknown): Bezier {
    const where = 'Bezier.fromJSON'
    const record = readJsonEnvelope(where, json, 'Bezier', 1)
    const degree = checkInteger(where, 'degree', record.degree, 0, bezierCurveMaxDegree)
    const dimension = checkInteger(where, 'dimension', record.dimension, 1)
    const points = decodeFloats(where, 'points', record.points)
    if (points.length !== (degree + 1) * dimension) {
      throw new RangeError(`${where}: points holds ${points.length} values, but degree ${degree} and dimension ${dimension} need ${(degree + 1) * dimension}`)
    }
    return new Bezier(points, { dimension, [constantAllowed]: true } as BezierOptions)
  }

  /** A curve of dimension 1 as a graph (t, B(t)) for t in [0, 1], with axes: an SVG document (graphSVG's options). */
  toSVGGraph(options?: GraphOptions): string {
    if (this.dimension !== 1) throw new RangeError(`Bezier.toSVGGraph: draws curves of dimension 1 as graphs; this one has dimension ${this.dimension} (draw it with toSVGPath())`)
    return graphSVG(this, options)
  }

  /**
   * SVG path data of a 2-D curve: M then L, Q or C for degree 1, 2, 3 (exact). A higher degree has no
   * SVG command and no exact cubic form, so it is flattened with flatten(tolerance) into M … L …,
   * which keeps the proven distance bound (a fit by cubics would need its own error analysis).
   */
  toSVGPath(options?: SvgPathOptions): string {
    const given = checkOptions('Bezier.toSVGPath', options, ['digits', 'tolerance'])
    if (this.dimension !== 2) throw new RangeError(`Bezier.toSVGPath: SVG paths are 2-D, this curve has dimension ${this.dimension}`)
    const digits = given.digits === undefined ? 7 : checkInteger('Bezier.toSVGPath', 'digits', given.digits, 1, 17)
    const format = (values: ArrayLike<number>, from: number, to: number) => {
      const parts: string[] = []
      for (let i = from; i < to; i++) parts.push(`${svgNumber(values[2 * i], digits)} ${svgNumber(values[2 * i + 1], digits)}`)
      return parts.join(' ')
    }
    const points = this.#curve.points
    if (this.degree === 0) return `M ${format(points, 0, 1)}`
    if (this.degree <= 3) return `M ${format(points, 0, 1)} ${'LQC'[this.degree - 1]} ${format(points, 1, this.degree + 1)}`
    let tolerance: number
    if (given.tolerance === undefined) {
      const { min, max } = this.bbox()
      const width = max[0] - min[0], height = max[1] - min[1]
      tolerance = 1e-3 * Math.sqrt(width * width + height * height)
      if (tolerance === 0) return `M ${format(points, 0, 1)}`
    } else {
      tolerance = checkPositiveNumber('Bezier.toSVGPath', 'tolerance', given.tolerance)
    }
    const polyline = this.flatten(tolerance)
    return `M ${format(polyline.points, 0, 1)} L ${format(polyline.points, 1, polyline.count)}`
  }

  toString(): string {
    return `Bezier(degree ${this.degree}, dimension ${this.dimension}, ${this.dtype})`
  }
}
