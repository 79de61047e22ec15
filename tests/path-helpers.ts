// Shared by tests/path.test.ts and tests/path-reference.test.ts: small float64 helpers, a seeded
// random walk of points, derivatives of a path in its own parameter u, and the table of path kinds.
import type { PathOptions } from '../src/curves/path-through'
import type { Path } from '../src/curves/path'
import type { Bezier } from '../src/curves/bezier'
import { randomValues } from './support/oracle'

/** Rows of a packed array as separate Float64Arrays. */
export function rows(packed: ArrayLike<number>, dimension: number): Float64Array[] {
  return Array.from({ length: packed.length / dimension }, (_, i) => Float64Array.from({ length: dimension }, (_, k) => packed[i * dimension + k]))
}

export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let squared = 0
  for (let k = 0; k < a.length; k++) squared += (a[k] - b[k]) ** 2
  return Math.sqrt(squared)
}

export function sameBitsOf(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.from(a).every((value, i) => Object.is(value, b[i]))
}

/** A random walk of `count` points in `dimension` dimensions (no two consecutive points equal). */
export function walk(seed: number, count: number, dimension: number): number[][] {
  const steps = randomValues(seed, count * dimension, -1, 1)
  const points = [steps.slice(0, dimension)]
  for (let i = 1; i < count; i++) points.push(points[i - 1].map((value, k) => value + steps[i * dimension + k]))
  return points
}

/** Derivative of order `order` with respect to the path parameter u at t of stretch i (dt/du = 1/Δknot). */
export function derivativeInU(path: Path, i: number, t: number, order: number): Float64Array {
  let curve: Bezier = path.segments[i]
  for (let k = 0; k < order; k++) curve = curve.derivative()
  const knots = path.knots
  const scale = (knots[i + 1] - knots[i]) ** order
  return curve.at(t).map((value) => value / scale)
}

// The five alphas of the brief plus a value that needs curvenet's own exp/log, and all parameterisations.
export const kinds: PathOptions[] = [
  { kind: 'catmull-rom', alpha: 0 }, { kind: 'catmull-rom', alpha: 0.5 }, { kind: 'catmull-rom', alpha: 1 },
  { kind: 'catmull-rom', alpha: 0.3 },
  { kind: 'natural-cubic', parameter: 'chord' }, { kind: 'natural-cubic', parameter: 'centripetal' }, { kind: 'natural-cubic', parameter: 'uniform' },
]
export const label = (options: PathOptions) => `${options.kind} ${options.alpha ?? options.parameter}`
