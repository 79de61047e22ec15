// Arc length of a Bezier: ∫‖B'(t)‖dt by 10-node Gauss–Legendre with adaptive bisection, and its
// inverse (the parameter at a given length) by Newton's method kept inside a shrinking bracket.
// Both run on the curve scaled by a power of two (bezier-scale.ts), so any coordinate size works.
import { checkFiniteNumber, checkPositiveNumber } from './common'
import { controlPoints, distance, evaluateInto, hodograph, type ControlPoints } from './bezier-math'
import { coordinateExtrema } from './bezier-extrema'
import { normalisingExponent, scaledCurve, timesPowerOfTwo } from './bezier-scale'
import { checkOptions } from '../check/names'

export interface LengthOptions {
  /** Absolute error allowed in the length (default 1e-12 × the control polygon's length). */
  tolerance?: number
}

// Gauss–Legendre nodes ±x_k on [−1, 1] and their weights, 10 points (exact for degree ≤ 19).
const nodes = [0.14887433898163122, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717]
const nodeWeights = [0.29552422471475287, 0.26926671930999635, 0.21908636251598204, 0.1494513491505806, 0.06667134430868814]
/** Enough for any tolerance above float64 resolution; bounds the work near a cusp. */
const maxDepth = 40
/** Subintervals one integral may refine (each costs 20 evaluations of the speed): maxDepth alone would allow
 *  2^40 where the tolerance cannot be met (one below float64 noise at a cusp). Past it the estimate stands. */
export const maxIntervals = 1 << 14

class Speed {
  readonly #hodograph: ControlPoints
  readonly #weights: Float64Array
  readonly #velocity: Float64Array
  constructor(curve: ControlPoints) {
    this.#hodograph = controlPoints(hodograph(curve), curve.dimension)
    this.#weights = new Float64Array(curve.degree + 1)
    this.#velocity = new Float64Array(curve.dimension)
  }
  at(t: number): number {
    evaluateInto(this.#velocity, 0, this.#hodograph, t, this.#weights)
    let squared = 0
    for (const component of this.#velocity) squared += component * component
    return Math.sqrt(squared)
  }
}

/** What is integrated: a speed ‖B′(t)‖ (this file's, or path-resample.ts's from the hodograph's Gram matrix). */
export interface SpeedFunction {
  at(t: number): number
}

/** One accepted piece of an adaptive integral: ∫ over [a, b] is `value`. */
export interface Panel { a: number; b: number; value: number }

export function gaussLegendre(speed: SpeedFunction, a: number, b: number): number {
  const middle = (a + b) / 2, half = (b - a) / 2
  let sum = 0
  for (let k = 0; k < nodes.length; k++) sum += nodeWeights[k] * (speed.at(middle - half * nodes[k]) + speed.at(middle + half * nodes[k]))
  return sum * half
}

/**
 * ∫_a^b from the estimate `whole`: both halves are integrated; their sum is kept when it differs from
 * `whole` by at most the tolerance (or by float64 noise), else each half is refined with half of it. The accepted halves
 * are pushed onto `panels` when given, in order along [a, b].
 */
export function adaptive(speed: SpeedFunction, a: number, b: number, whole: number, tolerance: number, depth: number, budget: { intervals: number },
  panels?: Panel[]): number {
  const middle = (a + b) / 2
  const left = gaussLegendre(speed, a, middle), right = gaussLegendre(speed, middle, b)
  const difference = Math.abs(left + right - whole)
  if (depth >= maxDepth || --budget.intervals <= 0 || difference <= tolerance || difference <= 64 * Number.EPSILON * (left + right)) {
    panels?.push({ a, b: middle, value: left }, { a: middle, b, value: right })
    return left + right
  }
  return adaptive(speed, a, middle, left, tolerance / 2, depth + 1, budget, panels) + adaptive(speed, middle, b, right, tolerance / 2, depth + 1, budget, panels)
}

function polygonLength(curve: ControlPoints): number {
  let total = 0
  for (let i = 0; i < curve.degree; i++) total += distance(curve.points, i * curve.dimension, curve.points, (i + 1) * curve.dimension, curve.dimension)
  return total
}

/** The tolerance for the curve scaled by 2^−exponent: the given one scaled alike, or 1e-12 × its control polygon's length. */
function lengthTolerance(where: string, scaled: ControlPoints, exponent: number, options: unknown): number {
  const given = checkOptions(where, options, ['tolerance'])
  return given.tolerance === undefined ? 1e-12 * polygonLength(scaled) : timesPowerOfTwo(checkPositiveNumber(where, 'tolerance', given.tolerance), -exponent)
}

function integrate(speed: Speed, a: number, b: number, tolerance: number): number {
  return a === b ? 0 : adaptive(speed, a, b, gaussLegendre(speed, a, b), tolerance, 0, { intervals: maxIntervals })
}

/**
 * The speed ‖B'‖ has a kink wherever B' = 0 (a turning point in 1-D, a cusp in more), which adaptive
 * Gauss–Legendre can step over when it lies near a cut: every such t is a root of B'_j for the first
 * non-constant coordinate j, so the integral is cut at those roots first.
 */
function breakpoints(curve: ControlPoints): number[] {
  const velocity = hodograph(curve)
  for (let j = 0; j < curve.dimension; j++) {
    for (let i = 0; i < curve.degree; i++) {
      if (velocity[i * curve.dimension + j] !== 0) return [0, ...coordinateExtrema(curve, j).filter((t) => t > 0 && t < 1), 1]
    }
  }
  return [0, 1]
}

/** ∫_a^b ‖B'‖ (a ≤ b), cut at the breakpoints inside, each piece with its share (by its width in t) of the tolerance. */
function lengthBetween(speed: Speed, stops: number[], a: number, b: number, tolerance: number): number {
  let total = 0, start = a
  for (const stop of stops) {
    if (stop <= start) continue
    if (stop >= b) break
    total += integrate(speed, start, stop, tolerance * (stop - start))
    start = stop
  }
  return total + integrate(speed, start, b, tolerance * (b - start))
}

export function arcLength(curve: ControlPoints, options: unknown, where: string): number {
  const exponent = normalisingExponent(curve.points), scaled = scaledCurve(curve, exponent)
  const tolerance = lengthTolerance(where, scaled, exponent, options)
  return timesPowerOfTwo(lengthBetween(new Speed(scaled), breakpoints(scaled), 0, 1, tolerance), exponent)
}

/**
 * t with length(0, t) = s: Newton steps t −= (length(0, t) − s)/‖B'(t)‖, each taken only when it
 * stays inside the bracket [low, high] that the sign of length(0, t) − s keeps shrinking; bisection
 * otherwise (near a cusp, where the speed vanishes). Stops when the length is within the tolerance.
 */
export function parameterAtLength(curve: ControlPoints, s: number, options: unknown): number {
  return parametersAtLengths(curve, [s], options, 'Bezier.tAtLength')[0]
}

/**
 * parameterAtLength for many lengths at once: the total is integrated once, and ascending lengths are
 * solved in a sweep — each solve's bracket starts at the previous answer, whose length is known, so
 * every Newton step integrates only a short piece [low, t].
 */
export function parametersAtLengths(curve: ControlPoints, lengths: ArrayLike<number>, options: unknown, where = 'Bezier.tAtLengths'): number[] {
  const exponent = normalisingExponent(curve.points), scaled = scaledCurve(curve, exponent)
  const tolerance = lengthTolerance(where, scaled, exponent, options)
  const speed = new Speed(scaled)
  const stops = breakpoints(scaled)
  const total = lengthBetween(speed, stops, 0, 1, tolerance / 2)
  const results: number[] = []
  let sweepT = 0, sweepLength = 0, previous = -Infinity
  for (let i = 0; i < lengths.length; i++) {
    const name = lengths.length === 1 && where === 'Bezier.tAtLength' ? 's' : `lengths[${i}]`
    const s = timesPowerOfTwo(checkFiniteNumber(where, name, lengths[i]), -exponent)
    if (s < 0 || s > total + tolerance) {
      throw new RangeError(`${where}: ${name} must be in [0, length()] = [0, ${timesPowerOfTwo(total, exponent)}], got ${lengths[i]}`)
    }
    if (s < previous) { sweepT = 0; sweepLength = 0 }   // not ascending: start this one from 0
    previous = s
    if (s === 0 || s >= total) { results.push(s === 0 ? 0 : 1); continue }
    const [t, lengthAtT] = solve(speed, stops, s, total, tolerance, sweepT, sweepLength)
    sweepT = t; sweepLength = lengthAtT
    results.push(t)
  }
  return results
}

/** [t, length(0, t)] for one target length s, with the bracket starting at lowStart (length known). */
function solve(speed: Speed, stops: number[], s: number, total: number, tolerance: number, lowStart: number, lengthAtLowStart: number): [number, number] {
  let low = lowStart, high = 1, lengthAtLow = lengthAtLowStart
  // first guess: one Newton step from the bracket's low end, or the proportional share where the speed vanishes
  const speedAtLow = speed.at(low)
  const guess = speedAtLow > 0 ? low + (s - lengthAtLow) / speedAtLow : s / total
  let t = guess > low && guess < high ? guess : (low + high) / 2
  let lengthAtT = lengthAtLow
  for (let iteration = 0; iteration < 200 && high - low > 2 * Number.EPSILON; iteration++) {
    lengthAtT = lengthAtLow + lengthBetween(speed, stops, low, t, tolerance / 2)
    const excess = lengthAtT - s
    if (Math.abs(excess) <= tolerance / 2) return [t, lengthAtT]
    if (excess < 0) { low = t; lengthAtLow = lengthAtT }
    else high = t
    const velocity = speed.at(t)
    const newton = velocity > 0 ? t - excess / velocity : NaN
    t = newton > low && newton < high ? newton : (low + high) / 2
  }
  return [t, lengthAtLow + lengthBetween(speed, stops, low, t, tolerance / 2)]
}
