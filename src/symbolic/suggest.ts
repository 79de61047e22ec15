// suggestSymbolic(source, options): which known function a learned curve is, as pykan's suggest_symbolic finds it. For each
// function f of the library, y ≈ c·f(a·x + b) + d: (a, b) by grid search — gridPoints × gridPoints over aRange × bRange,
// scored by the R² of the best affine c, d (the squared correlation of f(a·x + b) with y) — then `refinements` times again
// on the grid cell around the best point (pykan's fit_params), and c, d by least squares. Candidates come back ranked by
// R² (ties: library order, simpler first). Everything in float64 with curvenet's own math: the same numbers everywhere.
import { evaluateInto } from './batch'
import { symbolicFunction, symbolicLibrary, symbolicNames, type SymbolicFunction } from './library'
import { checkOptions } from '../check/names'

export interface SymbolicCandidate {
  name: string
  a: number
  b: number
  c: number
  d: number
  /** Coefficient of determination of c·f(a·x + b) + d against the samples (1: exact). */
  r2: number
}

export interface SuggestOptions {
  /** Names from symbolicNames (default: all of them). */
  library?: readonly string[]
  aRange?: [number, number]
  bRange?: [number, number]
  /** Points per axis of the (a, b) grid (default 101, as pykan). */
  gridPoints?: number
  /** Rounds of refinement around the best grid point (default 3). */
  refinements?: number
  /** Candidates returned (default 5). */
  top?: number
  /** For a function or an edge: where to sample it (default: an edge's grid range; required for a function) … */
  range?: [number, number]
  /** … and how many points (default 64). */
  samples?: number
}

/** Samples, an edge (layer.edge(o, i)), or a function. */
export type SymbolicSource =
  | { x: ArrayLike<number>; y: ArrayLike<number> }
  | { range: [number, number]; evaluateMany(ts: ArrayLike<number>): ArrayLike<number> }
  | ((x: number) => number)

const optionNames = ['library', 'aRange', 'bRange', 'gridPoints', 'refinements', 'top', 'range', 'samples']
const where = 'suggestSymbolic'

function checkRange(name: string, value: unknown, fallback?: [number, number]): [number, number] {
  const range = value ?? fallback
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
    throw new RangeError(`${where}: ${name} must be [low, high] with finite low < high, got ${JSON.stringify(range)}`)
  }
  return [range[0], range[1]]
}

function checkCount(name: string, value: unknown, fallback: number, low: number, high: number): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < low || v > high) throw new RangeError(`${where}: ${name} must be an integer in [${low}, ${high}], got ${String(v)}`)
  return v
}

const evenly = (low: number, high: number, count: number) => Float64Array.from({ length: count }, (_, k) => (k === count - 1 ? high : low + ((high - low) * k) / (count - 1)))

function samplesOf(source: unknown, options: SuggestOptions): { x: Float64Array; y: Float64Array } {
  const count = checkCount('samples', options.samples, 64, 3, 100_000)
  let x: Float64Array, y: Float64Array
  if (typeof source === 'function') {
    x = evenly(...checkRange('range', options.range), count)
    y = Float64Array.from(x, (t) => Number((source as (t: number) => unknown)(t)))
  } else if (source && typeof (source as { evaluateMany?: unknown }).evaluateMany === 'function') {
    const edge = source as { range: [number, number]; evaluateMany(ts: ArrayLike<number>): ArrayLike<number> }
    x = evenly(...checkRange('range', options.range, edge.range), count)
    y = Float64Array.from(edge.evaluateMany(x))
  } else if (source && typeof source === 'object' && 'x' in source && 'y' in source) {
    const given = source as { x: ArrayLike<number>; y: ArrayLike<number> }
    if (typeof given.x?.length !== 'number' || typeof given.y?.length !== 'number' || given.x.length !== given.y.length || given.x.length < 3 || given.x.length > 100_000) {
      throw new RangeError(`${where}: x and y must be arrays of one length in [3, 100000], got ${given.x?.length} and ${given.y?.length}`)
    }
    x = Float64Array.from(given.x)
    y = Float64Array.from(given.y)
  } else {
    throw new TypeError(`${where}: takes { x, y } samples, a KAN edge (layer.edge(o, i)) or a function (x) => number, got ${source === null ? 'null' : typeof source}`)
  }
  const bad = [...x, ...y].findIndex((v) => !Number.isFinite(v))
  if (bad >= 0) throw new RangeError(`${where}: the samples must be finite; ${bad < x.length ? `x[${bad}]` : `y[${bad - x.length}]`} is not`)
  return { x, y }
}

interface Moments { n: number; meanY: number; varianceY: number }

/** R² of the best affine map of the values v = f(a·x + b) (at values[offset …], one per sample) onto y (their squared
 *  correlation with y); −Infinity outside f's domain, or where v hardly varies (relative spread below 10⁻⁶: a saturated
 *  tanh, say — fitting its last digits would need a huge c, a formula that means nothing). Two passes (mean, then centred
 *  sums) keep the variance exact enough. Also the values' mean, variance and covariance with y, for c and d. */
function fitQuality(values: Float64Array, offset: number, y: Float64Array, m: Moments) {
  let sum = 0
  for (let k = 0; k < m.n; k++) {
    const value = values[offset + k]
    if (!Number.isFinite(value)) return { r2: -Infinity, mean: 0, variance: 0, covariance: 0 }
    sum += value
  }
  const mean = sum / m.n
  let variance = 0, covariance = 0, largest = 0
  for (let k = 0; k < m.n; k++) {
    const centred = values[offset + k] - mean
    variance += centred * centred
    covariance += centred * (y[k] - m.meanY)
    largest = Math.max(largest, Math.abs(values[offset + k]))
  }
  variance /= m.n
  covariance /= m.n
  if (!(Math.sqrt(variance) > 1e-6 * largest)) return { r2: -Infinity, mean, variance: 0, covariance }
  return { r2: (covariance * covariance) / (variance * m.varianceY), mean, variance, covariance }
}

/** (a, b) pairs evaluated per batch: about a million arguments (8 MB) at a time. */
const BATCH_ARGUMENTS = 1 << 20

function fitOne(f: SymbolicFunction, x: Float64Array, y: Float64Array, m: Moments, aRange: [number, number], bRange: [number, number],
  gridPoints: number, refinements: number): SymbolicCandidate {
  if (f.name === '0') return { name: f.name, a: 0, b: 0, c: 0, d: m.meanY, r2: 0 }
  const n = x.length, pairsPerBatch = Math.max(1, Math.floor(BATCH_ARGUMENTS / n))
  const batchSize = Math.min(pairsPerBatch, gridPoints * gridPoints) * n
  const argument = new Float64Array(batchSize), values = new Float64Array(batchSize)
  let [aLow, aHigh] = aRange, [bLow, bHigh] = bRange
  let bestA = 0, bestB = 0, bestR2 = -Infinity
  for (let round = 0; round <= refinements; round++) {
    const as = evenly(aLow, aHigh, gridPoints), bs = evenly(bLow, bHigh, gridPoints)
    let bestI = -1, bestJ = -1
    // the pairs in (i, j) order, a batch of them evaluated at once, then scored in the same order
    for (let first = 0; first < gridPoints * gridPoints; first += pairsPerBatch) {
      const count = Math.min(pairsPerBatch, gridPoints * gridPoints - first)
      for (let p = 0; p < count; p++) {
        const a = as[Math.floor((first + p) / gridPoints)], b = bs[(first + p) % gridPoints]
        for (let k = 0; k < n; k++) argument[p * n + k] = a * x[k] + b
      }
      evaluateInto(f, argument, count * n, values)
      for (let p = 0; p < count; p++) {
        const { r2 } = fitQuality(values, p * n, y, m)
        if (r2 > bestR2) {
          bestR2 = r2
          bestI = Math.floor((first + p) / gridPoints); bestJ = (first + p) % gridPoints
          bestA = as[bestI]; bestB = bs[bestJ]
        }
      }
    }
    if (bestI < 0) break   // nothing better on this grid: keep the best so far
    // the next grid spans the cells on either side of the best point (one cell at an edge of the grid)
    aLow = as[Math.max(0, bestI - 1)]; aHigh = as[Math.min(gridPoints - 1, bestI + 1)]
    bLow = bs[Math.max(0, bestJ - 1)]; bHigh = bs[Math.min(gridPoints - 1, bestJ + 1)]
  }
  if (bestR2 === -Infinity) return { name: f.name, a: NaN, b: NaN, c: NaN, d: NaN, r2: -Infinity }
  for (let k = 0; k < n; k++) argument[k] = bestA * x[k] + bestB
  evaluateInto(f, argument, n, values)
  const { mean, variance, covariance } = fitQuality(values, 0, y, m)
  const c = covariance / variance
  return { name: f.name, a: bestA, b: bestB, c, d: m.meanY - c * mean, r2: Math.min(1, bestR2) }
}

export function suggestSymbolic(source: SymbolicSource, options: SuggestOptions = {}): SymbolicCandidate[] {
  checkOptions(where, options, optionNames)
  const names = options.library ?? symbolicNames
  if (!Array.isArray(names) || names.length === 0) throw new TypeError(`${where}: library must be a non-empty array of names from ${symbolicNames.join(', ')}`)
  const functions = names.map((name) => symbolicFunction(where, name))
  const aRange = checkRange('aRange', options.aRange, [-10, 10]), bRange = checkRange('bRange', options.bRange, [-10, 10])
  const gridPoints = checkCount('gridPoints', options.gridPoints, 101, 3, 1001)
  const refinements = checkCount('refinements', options.refinements, 3, 0, 20)
  const top = checkCount('top', options.top, 5, 1, symbolicLibrary.length)
  const { x, y } = samplesOf(source, options)
  const n = x.length
  let meanY = 0
  for (const value of y) meanY += value
  meanY /= n
  let varianceY = 0
  for (const value of y) varianceY += ((value - meanY) * (value - meanY)) / n
  if (!(varianceY > 0)) throw new RangeError(`${where}: all ${n} samples of y are equal (${y[0]}); a constant has no shape to recognise (it is the function 0 plus ${y[0]})`)
  const moments = { n, meanY, varianceY }
  return functions
    .map((f, order) => ({ candidate: fitOne(f, x, y, moments, aRange, bRange, gridPoints, refinements), order }))
    .sort((p, q) => (q.candidate.r2 - p.candidate.r2) || (p.order - q.order))
    .slice(0, top)
    .map(({ candidate }) => candidate)
}
