// B-splines of degree 0–5 in any dimension: a façade over the basis kernels (src/math/bspline.ts is the specification;
// batched calls go through the runtime's kernels, single points through that same specification, so at(x) and
// atMany([x]) give the same bits on either backend) and the float64 algebra of bspline-math.ts (derivative, knot
// insertion, Bezier spans). Knots and coefficients share the curve's dtype: float64 by default, float32 allowed.
import { graphSVG, type GraphOptions } from '../plot/graph'
import { roundingOfDtype } from '../math/precision'
import { bsplineMaxDegree, bsplineOutsideNames, type BsplineOutside, type DType, type FloatArray } from '../backend/kernels'
import { bsplineBasis, bsplineEvaluate } from '../math/bspline'
import { checkBsplineKnots } from '../backend/validate-checks'
import { Bezier, type SvgPathOptions } from './bezier'
import type { FrenetFrame } from './bezier-frame'
import { bezierPointsOfSpan, derivativeOnce, insertKnotOnce, type SplineData } from './bspline-math'
import { allocateFloats, checkFiniteArray, checkFiniteNumber, checkInteger, decodeFloats, encodeFloats, packPoints, readJsonEnvelope, runKernel, type EncodedFloats, type PointsInput } from './common'
import { describeValue } from '../check/describe'
import { leftSpanOf, splineContinuityAt, valueOnSpan, type ContinuityReport } from './continuity'
import { isNearlyUniform, multiplicity } from './knots'
import { checkOptions } from '../check/names'
import { splineCurvature, splineFrame } from './bspline-geometry'

export interface BSplineOptions {
  /** Coordinates per coefficient: 1 for a flat array unless given; an array of points sets it by itself. */
  dimension?: number
  /** 'float64' (default; 'float32' for a Float32Array of coefficients). */
  dtype?: DType
  /** Outside the domain: 'extrapolate' (default, the end polynomials, as scipy), 'zero', 'knots' (the end polynomials up
   *  to the knot vector's ends, then 0: a KAN edge's rule) or 'periodic' (x wrapped into the domain: a periodic spline,
   *  such as interpolateBSpline's with conditions 'periodic', evaluated anywhere). */
  outside?: BSplineOutside
}

/** The kernels' outside rules, and 'periodic', which wraps x into the domain before any kernel sees it. */
export type BSplineOutside = BsplineOutside | 'periodic'
const outsideNames: readonly string[] = [...bsplineOutsideNames, 'periodic']

export interface BSplineJSON {
  kind: 'BSpline'
  version: 1
  degree: number
  dimension: number
  outside: BSplineOutside
  knots: EncodedFloats
  coefficients: EncodedFloats
}

/** One non-empty span [start, end] of a B-spline as a Bezier curve on t ∈ [0, 1] (x = start + t·(end − start)). */
export interface BezierSpan {
  start: number
  end: number
  bezier: Bezier
}

const optionNames = ['dimension', 'dtype', 'outside']

export class BSpline {
  readonly degree: number
  readonly dimension: number
  readonly dtype: DType
  readonly outside: BSplineOutside
  /** The rule the kernels are given: a periodic spline's inputs are already inside the domain. */
  readonly #kernelOutside: BsplineOutside
  readonly #knots: FloatArray
  readonly #coefficients: FloatArray
  /** Nearly equal spacing of the domain's knots: the kernels then find spans in O(1). */
  readonly #uniform: boolean

  /**
   * `knots`: n + degree + 1 non-decreasing finite values; `coefficients`: n ≥ degree + 1 points (number[][] or a flat
   * array of rows of `dimension`); degree 0–5. The domain [knots[degree], knots[n]] must start and end with a
   * non-empty span. Knots and coefficients are copied (rounded to float32 for that dtype) and checked after rounding.
   */
  constructor(knots: ArrayLike<number>, coefficients: PointsInput, degree: number, options?: BSplineOptions) {
    const where = 'BSpline'
    const given = checkOptions(where, options, optionNames)
    const flat = ArrayBuffer.isView(coefficients) || (Array.isArray(coefficients) && typeof coefficients[0] === 'number')
    const packed = packPoints(where, 'coefficients', coefficients, { dimension: given.dimension ?? (flat ? 1 : undefined), dtype: given.dtype })
    checkInteger(where, 'degree', degree, 0, bsplineMaxDegree)
    if (packed.count < degree + 1) throw new RangeError(`${where}: degree ${degree} needs at least degree + 1 = ${degree + 1} coefficients, got ${packed.count}`)
    checkFiniteArray(where, 'knots', knots)
    if (knots.length !== packed.count + degree + 1) {
      throw new RangeError(`${where}: ${packed.count} coefficients of degree ${degree} need n + degree + 1 = ${packed.count + degree + 1} knots, got ${knots.length}`)
    }
    const outside = given.outside ?? 'extrapolate'
    if (!outsideNames.includes(outside as string)) {
      throw new TypeError(`${where}: outside must be one of ${outsideNames.join(', ')}, got ${describeValue(outside)}`)
    }
    this.dtype = packed.data instanceof Float32Array ? 'float32' : 'float64'
    this.#knots = allocateFloats(this.dtype, knots.length)
    this.#knots.set(knots)
    checkBsplineKnots(where, this.#knots, this.#knots.length, degree)
    this.#coefficients = packed.data
    this.degree = degree
    this.dimension = packed.dimension
    this.outside = outside as BSplineOutside
    this.#kernelOutside = outside === 'periodic' ? 'extrapolate' : outside as BsplineOutside
    this.#uniform = isNearlyUniform(this.#knots, degree)
  }

  /** A curve of this one's dtype and outside rule from float64 data (rounded to float32 for that dtype). */
  #derived({ knots, coefficients, degree, dimension }: SplineData): BSpline {
    return new BSpline(knots, coefficients, degree, { dimension, dtype: this.dtype, outside: this.outside })
  }

  #data(): SplineData {
    return { knots: Float64Array.from(this.#knots), coefficients: Float64Array.from(this.#coefficients), degree: this.degree, dimension: this.dimension }
  }

  get knots(): FloatArray { return this.#knots.slice() }
  /** A copy of the packed coefficients [n × dimension]. */
  get coefficients(): FloatArray { return this.#coefficients.slice() }
  /** n, the number of basis functions (and of coefficients). */
  get size(): number { return this.#knots.length - this.degree - 1 }
  /** [knots[degree], knots[n]]: where the basis sums to 1. */
  get domain(): [number, number] { return [this.#knots[this.degree], this.#knots[this.size]] }

  /** x as the kernels take it: wrapped into [low, high) for a periodic spline (low + ((x − low) mod period); % is exact),
   *  else as given. */
  #wrapped(x: number): number {
    if (this.outside !== 'periodic') return x
    const [low, high] = this.domain, period = high - low
    let offset = (x - low) % period
    if (offset < 0) offset += period
    const inside = low + offset
    return inside >= high ? low : inside
  }

  /** The span s of x and the degree + 1 basis values B_{s−degree…s}(x), in the curve's dtype (the kernel's bits). */
  basis(x: number): { span: number; values: FloatArray } {
    const input = allocateFloats(this.dtype, 1)
    input[0] = this.#wrapped(checkFiniteNumber('BSpline.basis', 'x', x))
    const spans = new Int32Array(1), values = allocateFloats(this.dtype, this.degree + 1)
    bsplineBasis(spans, values, null, input, 1, this.#knots, this.#knots.length, this.degree, this.#kernelOutside, this.#uniform)
    return { span: spans[0], values }
  }

  /**
   * The point at x (dimension values in the curve's dtype). At a knot the curve may break: side 'right' (default) takes
   * the piece starting there, by the kernel's specification (atMany([x]) to the bit); side 'left' the limit from the
   * piece ending there, computed in float64 and rounded to the dtype. Away from inner knots both sides are the kernel's.
   * For a derivative from either side: derivative(m).at(x, { side }).
   */
  at(x: number, options?: { side?: 'left' | 'right' }): FloatArray {
    const where = 'BSpline.at'
    const side = checkOptions(where, options, ['side']).side ?? 'right'
    if (side !== 'left' && side !== 'right') throw new TypeError(`${where}: side must be 'left' or 'right', got ${describeValue(side)}`)
    const input = allocateFloats(this.dtype, 1)
    input[0] = this.#wrapped(checkFiniteNumber(where, 'x', x))
    const [low, high] = this.domain
    const point = allocateFloats(this.dtype, this.dimension)
    if (side === 'left' && input[0] > low && input[0] < high && multiplicity(this.#knots, input[0]) > 0) {
      const data = this.#data()
      point.set(valueOnSpan(data, leftSpanOf(data.knots, this.degree, input[0]), input[0]))
      return point
    }
    bsplineEvaluate(point, input, 1, this.#knots, this.#knots.length, this.#coefficients, this.dimension, this.degree, this.#kernelOutside, this.#uniform)
    return point
  }

  /** The points at every x, packed [count × dimension] in the curve's dtype, by the runtime's batched kernel. */
  atMany(xs: ArrayLike<number>): FloatArray {
    const checked = checkFiniteArray('BSpline.atMany', 'xs', xs)
    const x = this.outside === 'periodic' ? Float64Array.from(checked, (value) => this.#wrapped(value)) : checked
    return runKernel('BSpline.atMany', this.dtype, x.length * this.dimension, [x, this.#knots, this.#coefficients],
      (kernels, out, xView, knots, coefficients) => kernels.bsplineEvaluate(out, xView, x.length, knots, knots.length,
        coefficients, this.dimension, this.degree, this.#kernelOutside, this.#uniform))
  }

  /** The m-th derivative (default 1) as a B-spline of degree − m, as scipy's BSpline.derivative(m). */
  derivative(m = 1): BSpline {
    checkInteger('BSpline.derivative', 'm', m, 0, this.degree)
    let data = this.#data()
    for (let i = 0; i < m; i++) data = derivativeOnce(data)
    return this.#derived(data)
  }

  /**
   * κ at x ≥ 0 (degree ≥ 2): for a 1-D spline the curvature of its graph y = f(x), |f″|/(1 + f′²)^{3/2}; for a curve in
   * 2 or more dimensions √(|c′|²|c″|² − (c′·c″)²)/|c′|³, the same in any dimension. From the derivative splines at x
   * (right-hand limits at a knot), in float64; a RangeError where c′ = 0 (a curve has no direction there).
   */
  curvature(x: number): number {
    return splineCurvature(this, x)
  }

  /** Tangent, principal normal, curvature (and binormal in 3-D) at x: the frame of the Bezier span holding x (a span
   *  starting at x at a knot), as Bezier.frame gives it; a RangeError where the curve is straight there. */
  frame(x: number): FrenetFrame {
    return splineFrame(this, x)
  }


  /**
   * How smooth the curve is at x: the order k of continuity (C^k; −1 where the curve itself jumps, Infinity inside a
   * span or where nothing breaks) and the jump (right − left limit, per coordinate) of every derivative 0 … degree, in
   * float64. A jump within 64 ulps of that derivative's largest coefficient counts as zero (rounding).
   */
  continuityAt(x: number): ContinuityReport {
    return splineContinuityAt(this.#data(), checkFiniteNumber('BSpline.continuityAt', 'x', x))
  }

  /**
   * The Greville abscissae: for each coefficient i the mean of knots i + 1 … i + degree (summed in order), where the
   * coefficient has most influence — the x at which to plot a control polygon. Degree 0: the middle of each span.
   */
  greville(): Float64Array {
    const knots = this.#knots, degree = this.degree
    return Float64Array.from({ length: this.size }, (_, i) => {
      if (degree === 0) return (knots[i] + knots[i + 1]) / 2
      let sum = 0
      for (let j = i + 1; j <= i + degree; j++) sum += knots[j]
      return sum / degree
    })
  }

  /**
   * The same curve with x inserted `times` times (Boehm). x must lie strictly inside the domain (an end knot would
   * open an empty end span) and end with multiplicity ≤ degree + 1.
   */
  insertKnot(x: number, times = 1): BSpline {
    const where = 'BSpline.insertKnot'
    const [low, high] = this.domain
    const value = roundingOfDtype(this.dtype)(checkFiniteNumber(where, 'x', x))
    if (!(low < value && value < high)) throw new RangeError(`${where}: x must lie strictly inside the domain (${low}, ${high}), got ${x}`)
    checkInteger(where, 'times', times, 1)
    const already = multiplicity(this.#knots, value)
    if (already + times > this.degree + 1) {
      throw new RangeError(`${where}: x = ${value} already has multiplicity ${already}; ${times} more would exceed degree + 1 = ${this.degree + 1}`)
    }
    let data = this.#data()
    for (let i = 0; i < times; i++) data = insertKnotOnce(data, value)
    return this.#derived(data)
  }

  /**
   * Every non-empty span as a Bezier of the same degree in the curve's dtype (a degree-0 span as a degree-1 Bezier with
   * two equal points, as a Bezier needs two). Span i covers [start, end] of x.
   */
  toBeziers(): BezierSpan[] {
    const data = this.#data()
    const spans: BezierSpan[] = []
    for (let span = this.degree; span < this.size; span++) {
      const start = data.knots[span], end = data.knots[span + 1]
      if (start === end) continue
      let points = bezierPointsOfSpan(data, span)
      if (this.degree === 0) points = Float64Array.from([...points, ...points])
      spans.push({ start, end, bezier: new Bezier(points, { dimension: this.dimension, dtype: this.dtype }) })
    }
    return spans
  }

  /** A curve of dimension 1 as a graph (x, f(x)) over its domain, with axes: an SVG document (graphSVG's options). */
  toSVGGraph(options?: GraphOptions): string {
    if (this.dimension !== 1) throw new RangeError(`BSpline.toSVGGraph: draws curves of dimension 1 as graphs; this one has dimension ${this.dimension} (draw it with toSVGPath())`)
    return graphSVG(this, options)
  }

  /**
   * SVG path data of a 2-D curve over its domain: each Bezier span's path (Bezier.toSVGPath: L, Q, C by degree, degrees
   * 4–5 flattened to its tolerance), with the M of a span dropped where it starts at the previous span's end point.
   */
  toSVGPath(options?: SvgPathOptions): string {
    if (this.dimension !== 2) throw new RangeError(`BSpline.toSVGPath: SVG paths are 2-D, this curve has dimension ${this.dimension}`)
    const parts: string[] = []
    let previousEnd = ''
    for (const { bezier } of this.toBeziers()) {
      const path = bezier.toSVGPath(options)
      const moveTo = /^M \S+ \S+/.exec(path)![0]
      parts.push(moveTo === previousEnd ? path.slice(moveTo.length + 1) : path)
      previousEnd = `M ${path.split(' ').slice(-2).join(' ')}`   // a path ends with its end point's coordinates
    }
    return parts.join(' ')
  }

  toJSON(): BSplineJSON {
    return {
      kind: 'BSpline', version: 1, degree: this.degree, dimension: this.dimension, outside: this.outside,
      knots: encodeFloats(this.#knots), coefficients: encodeFloats(this.#coefficients),
    }
  }

  /** The inverse of toJSON (the object or its JSON text), bit-exact in either dtype. */
  static fromJSON(json: unknown): BSpline {
    const where = 'BSpline.fromJSON'
    const record = readJsonEnvelope(where, json, 'BSpline', 1)
    const degree = checkInteger(where, 'degree', record.degree, 0)
    const dimension = checkInteger(where, 'dimension', record.dimension, 1)
    const knots = decodeFloats(where, 'knots', record.knots)
    const coefficients = decodeFloats(where, 'coefficients', record.coefficients)
    if (knots.constructor !== coefficients.constructor) throw new TypeError(`${where}: knots and coefficients must share one dtype`)
    return new BSpline(knots, coefficients, degree, { dimension, outside: record.outside as BSplineOutside })
  }

  toString(): string {
    return `BSpline(degree ${this.degree}, ${this.size} coefficients of dimension ${this.dimension}, domain [${this.domain.join(', ')}], ${this.dtype})`
  }
}
