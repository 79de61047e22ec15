// Per-coordinate extrema and the tight bounding box of a Bezier. Each coordinate of B' is a
// polynomial in Bernstein form; its roots in [0, 1] are isolated by subdivision (a piece whose
// coefficients change sign once holds exactly one root, by the variation-diminishing property) and
// then found by the Illinois variant of regula falsi, which keeps a bracket. Both run on the curve
// scaled by a power of two (bezier-scale.ts): the hodograph of 1e308 coordinates would overflow.
import { controlPoints, evaluate, hodograph, split, type ControlPoints } from './bezier-math'
import { normalisingExponent, scaledCurve, timesPowerOfTwo } from './bezier-scale'

export interface BoundingBox {
  min: Float64Array
  max: Float64Array
}

/** Pieces narrower than this are not cut further: a root cluster (a double root) is reported at its middle. */
const smallestWidth = 1e-13
/** Roots closer than this are one root (found twice at a cut through it). */
const sameRoot = 1e-12

function column(curve: ControlPoints, j: number): ControlPoints {
  const values = new Float64Array(curve.degree + 1)
  for (let i = 0; i <= curve.degree; i++) values[i] = curve.points[i * curve.dimension + j]
  return controlPoints(values, 1)
}

function signChanges(values: Float64Array): number {
  let changes = 0, previous = 0
  for (const value of values) {
    if (value === 0) continue
    if (previous !== 0 && (value > 0) !== (previous > 0)) changes++
    previous = value
  }
  return changes
}

/** The root of p in (start, end) where p(start) and p(end) have opposite signs. */
function bracketedRoot(polynomial: ControlPoints, start: number, end: number): number {
  let a = start, b = end
  let fa = evaluate(polynomial, a)[0], fb = evaluate(polynomial, b)[0]
  let side = 0
  for (let iteration = 0; iteration < 200 && b - a > 2 * Number.EPSILON * Math.max(1, Math.abs(a)); iteration++) {
    const t = (a * fb - b * fa) / (fb - fa)
    const c = t > a && t < b ? t : (a + b) / 2
    const fc = evaluate(polynomial, c)[0]
    if (fc === 0) return c
    if ((fc > 0) === (fb > 0)) {
      b = c; fb = fc
      if (side === -1) fa /= 2   // the same end moved twice: halve the other's weight (Illinois)
      side = -1
    } else {
      a = c; fa = fc
      if (side === 1) fb /= 2
      side = 1
    }
  }
  return (a + b) / 2
}

/** Roots in [start, end] of `polynomial`, whose coefficients over that interval are `piece`. */
function collectRoots(polynomial: ControlPoints, piece: Float64Array, start: number, end: number, roots: number[]): void {
  const changes = signChanges(piece)
  const first = piece[0], last = piece[piece.length - 1]
  if (first === 0) roots.push(start)
  if (last === 0) roots.push(end)
  if (changes === 0) return
  if (changes === 1 && first !== 0 && last !== 0) {
    roots.push(bracketedRoot(polynomial, start, end))
    return
  }
  const middle = (start + end) / 2
  if (end - start < smallestWidth) {
    roots.push(middle)
    return
  }
  const [left, right] = split(controlPoints(piece, 1), 0.5)
  collectRoots(polynomial, left, start, middle, roots)
  collectRoots(polynomial, right, middle, end, roots)
}

/** The sorted t in [0, 1] where B'(t)_j = 0 (none where coordinate j is constant). */
export function coordinateExtrema(curve: ControlPoints, j: number): number[] {
  const polynomial = column(controlPoints(hodograph(scaledCurve(curve, normalisingExponent(curve.points))), curve.dimension), j)
  if (polynomial.points.every((value) => value === 0)) return []
  const roots: number[] = []
  collectRoots(polynomial, polynomial.points, 0, 1, roots)
  roots.sort((a, b) => a - b)
  return roots.filter((root, i) => i === 0 || root - roots[i - 1] > sameRoot)
}

/** For each coordinate j, coordinateExtrema(curve, j). */
export function extremaParameters(curve: ControlPoints): number[][] {
  return Array.from({ length: curve.dimension }, (_, j) => coordinateExtrema(curve, j))
}

/** The end points and every coordinate extremum, each evaluated on the scaled curve and scaled back (exact). */
export function boundingBox(original: ControlPoints): BoundingBox {
  const exponent = normalisingExponent(original.points), curve = scaledCurve(original, exponent)
  const { degree, dimension } = curve
  const ends = original.points
  const min = new Float64Array(dimension), max = new Float64Array(dimension)
  extremaParameters(curve).forEach((roots, j) => {
    const coordinate = column(curve, j)
    // the end points in the caller's coordinates, exactly: scaled down, a coordinate far below the largest can fall
    // into the subnormals and lose digits; the interior extrema come back from the normalised frame
    let low = Math.min(ends[j], ends[degree * dimension + j]), high = Math.max(ends[j], ends[degree * dimension + j])
    for (const t of roots) {
      const value = timesPowerOfTwo(evaluate(coordinate, t)[0], exponent)
      if (value < low) low = value
      if (value > high) high = value
    }
    min[j] = low
    max[j] = high
  })
  return { min, max }
}
