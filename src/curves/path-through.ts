// pathThrough(points, options): checks the points and options, parameterises the points and builds
// the Catmull-Rom or natural cubic control points (catmull-rom.ts, natural-spline.ts) into a Path.
import { checkFinitePoints, packPoints, type PointsInput } from './common'
import { describeValue } from '../check/describe'
import { catmullRomControlPoints } from './catmull-rom'
import { naturalCubicControlPoints } from './natural-spline'
import { jointFractions, parameterSteps, pointDistance } from './path-parameter'
import { Path, type PathKind, type PathParameter, type PathSpline } from './path'
import { sphericalPathThrough, type SphericalPath } from './sphere'
import { checkOptions } from '../check/names'

export interface PathOptions {
  /** 'catmull-rom' (default) or 'natural-cubic'. */
  kind?: PathKind
  /** Catmull-Rom only: the knot exponent in [0, 1]; 0 uniform, 0.5 centripetal (default), 1 chordal. */
  alpha?: number
  /** Natural cubic only: how the spline's parameter advances between points (default 'chord'). */
  parameter?: PathParameter
  /** Coordinates per point; required when `points` is a flat array. */
  dimension?: number
  /** 'euclidean' (default), or 'sphere': a spherical Catmull-Rom on the unit sphere through the normalised points
   *  (sphere.ts; it takes no kind, alpha or parameter). */
  manifold?: 'euclidean' | 'sphere'
  /** A closed loop through N ≥ 3 points: a last stretch from the last point back to the first, smooth there too (C¹
   *  Catmull-Rom, C² periodic natural cubic). Give each point once (the first is not repeated at the end). */
  closed?: boolean
}

const optionNames = ['kind', 'alpha', 'parameter', 'dimension', 'manifold', 'closed']
const parameterExponents: Record<PathParameter, number> = { uniform: 0, centripetal: 0.5, chord: 1 }

function checkSpline(options: Record<string, unknown>): PathSpline {
  const where = 'pathThrough'
  const kind = options.kind ?? 'catmull-rom'
  if (kind === 'catmull-rom') {
    if (options.parameter !== undefined) throw new TypeError(`${where}: parameter applies to kind 'natural-cubic'; Catmull-Rom takes alpha (0 uniform, 0.5 centripetal, 1 chordal)`)
    const alpha = options.alpha ?? 0.5
    if (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1)) {
      throw new RangeError(`${where}: alpha must be a number in [0, 1] (0 uniform, 0.5 centripetal, 1 chordal), got ${describeValue(alpha)}`)
    }
    return { kind, alpha }
  }
  if (kind === 'natural-cubic') {
    if (options.alpha !== undefined) throw new TypeError(`${where}: alpha applies to kind 'catmull-rom'; the natural cubic spline takes parameter: 'uniform' | 'centripetal' | 'chord'`)
    const parameter = options.parameter ?? 'chord'
    if (typeof parameter !== 'string' || !(parameter in parameterExponents)) {
      throw new TypeError(`${where}: parameter must be 'uniform', 'centripetal' or 'chord', got ${describeValue(parameter)}`)
    }
    return { kind, parameter: parameter as PathParameter }
  }
  throw new TypeError(`${where}: kind must be 'catmull-rom' or 'natural-cubic', got ${describeValue(kind)}`)
}

/**
 * A smooth path through N ≥ 2 points of any dimension, visiting them in order: a Catmull-Rom spline
 * (C¹) or the natural cubic spline (C²), as N − 1 cubic Bezier stretches. Consecutive points must
 * differ. The points are copied (in float64).
 */
export function pathThrough(points: PointsInput, options: PathOptions & { manifold: 'sphere' }): SphericalPath
export function pathThrough(points: PointsInput, options?: PathOptions): Path
export function pathThrough(points: PointsInput, options?: PathOptions): Path | SphericalPath {
  const given = checkOptions('pathThrough', options, optionNames)
  const manifold = given.manifold ?? 'euclidean'
  if (manifold === 'sphere') {
    const extra = ['kind', 'alpha', 'parameter'].find((key) => given[key] !== undefined)
    if (extra) throw new TypeError(`pathThrough: ${extra} does not apply to manifold 'sphere' (its path is a centripetal spherical Catmull-Rom)`)
    const closed = given.closed ?? false
    if (typeof closed !== 'boolean') throw new TypeError(`pathThrough: closed must be true or false, got ${describeValue(closed)}`)
    return sphericalPathThrough('pathThrough', points, given.dimension as number | undefined, closed)
  }
  if (manifold !== 'euclidean') throw new TypeError(`pathThrough: manifold must be 'euclidean' or 'sphere', got ${describeValue(manifold)}`)
  const spline = checkSpline(given)
  const closed = given.closed ?? false
  if (typeof closed !== 'boolean') throw new TypeError(`pathThrough: closed must be true or false, got ${describeValue(closed)}`)
  const packed = packPoints('pathThrough', 'points', points, { dimension: given.dimension, dtype: 'float64', minimumCount: closed ? 3 : 2 })
  const { dimension } = packed
  // a closed path runs through its points and then the first one again
  const data = closed ? Float64Array.from([...packed.data, ...packed.data.subarray(0, dimension)]) : packed.data as Float64Array
  const count = closed ? packed.count + 1 : packed.count
  for (let i = 0; i + 1 < count; i++) {
    if (pointDistance(data, dimension, i, i + 1) === 0) {
      if (closed && i === count - 2) throw new RangeError(`pathThrough: the last point is the first point again; with closed: true give each point once (the path returns to the first by itself)`)
      throw new RangeError(`pathThrough: points ${i} and ${i + 1} are the same point; consecutive points must differ ` +
        '(a repeated point gives a stretch of zero length, which the centripetal and chordal parameters cannot divide by); remove the repeat')
    }
  }
  const exponent = spline.kind === 'catmull-rom' ? spline.alpha : parameterExponents[spline.parameter]
  const steps = parameterSteps(data, dimension, exponent)
  const controls = spline.kind === 'catmull-rom'
    ? catmullRomControlPoints(data, dimension, steps, closed)
    : naturalCubicControlPoints(data, dimension, steps, closed)
  // finite points can still overflow: coordinates near ±1.8e308 have differences beyond float64
  checkFinitePoints('pathThrough', 'the control points made from points (overflow: scale the points down)', controls, dimension)
  return new Path(closed ? { ...spline, closed: true } : spline, dimension, jointFractions(steps), controls)
}
