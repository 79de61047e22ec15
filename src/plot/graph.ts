// graphSVG(curveOrFunction, options): a 1-D function drawn as (x, f(x)) with axes, ticks and labels, as an SVG string.
// Takes a BSpline or Bezier of dimension 1, a KAN edge, or a plain (x) => number. Curves are recognised by what they can
// do (atMany / evaluateMany), not by class, so curves/ can offer toSVGGraph() without an import cycle.
import { escapeText, Panel, svgDocument, type Axis } from './panel'
import { checkOptions } from '../check/names'

export interface GraphOptions {
  /** The x interval drawn (default: a curve's domain or an edge's grid range; required for a plain function). */
  xRange?: [number, number]
  /** The y interval (default: the sampled values' range with a 5 % margin). */
  yRange?: [number, number]
  /** Pixels (defaults 480 × 320). */
  width?: number
  height?: number
  /** Points sampled along x (default 256, at most 100 000). */
  samples?: number
  title?: string
  xLabel?: string
  yLabel?: string
  color?: string
}

/** What graphSVG draws: a 1-D curve, a KAN edge, or a function. */
export type Graphable =
  | ((x: number) => number)
  | { readonly dimension: number; readonly domain: [number, number]; atMany(xs: ArrayLike<number>): ArrayLike<number> }   // BSpline
  | { readonly dimension: number; readonly degree: number; atMany(ts: ArrayLike<number>): ArrayLike<number>; toSVGPath(): string }   // Bezier
  | { readonly range: [number, number]; evaluateMany(ts: ArrayLike<number>): ArrayLike<number> }   // KanEdge

const optionNames = ['xRange', 'yRange', 'width', 'height', 'samples', 'title', 'xLabel', 'yLabel', 'color']
export const maxGraphSamples = 100_000

/** The sampler and default x range of anything graphSVG takes. */
export function samplerOf(where: string, target: unknown): { sample: (xs: Float64Array) => ArrayLike<number>; range?: [number, number] } {
  if (typeof target === 'function') return { sample: (xs) => Float64Array.from(xs, (x) => Number((target as (x: number) => unknown)(x))) }
  const value = target as Record<string, unknown> | null
  if (value && typeof value.evaluateMany === 'function' && Array.isArray(value.range)) {
    return { sample: (xs) => (value.evaluateMany as (t: Float64Array) => ArrayLike<number>)(xs), range: value.range as [number, number] }
  }
  if (value && typeof value.atMany === 'function' && typeof value.dimension === 'number') {
    if (value.dimension !== 1) throw new RangeError(`${where}: draws curves of dimension 1 as (x, f(x)); this one has dimension ${value.dimension} (draw it with toSVGPath())`)
    const range = Array.isArray(value.domain) ? value.domain as [number, number] : [0, 1] as [number, number]   // a Bezier runs over t ∈ [0, 1]
    return { sample: (xs) => (value.atMany as (t: Float64Array) => ArrayLike<number>)(xs), range }
  }
  throw new TypeError(`${where}: takes a BSpline or Bezier of dimension 1, a KAN edge (layer.edge(o, i)) or a function (x) => number, got ${value === null ? 'null' : typeof value}`)
}

function checkRange(where: string, name: string, range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
    throw new RangeError(`${where}: ${name} must be [low, high] with finite low < high, got ${JSON.stringify(range)}`)
  }
  return [range[0], range[1]]
}

export function checkPixels(where: string, name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 64 || v > 10_000) throw new RangeError(`${where}: ${name} must be an integer number of pixels in [64, 10000], got ${String(v)}`)
  return v
}

/** xs evenly over [low, high], both ends included. */
export function evenly(low: number, high: number, count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, k) => (k === count - 1 ? high : low + ((high - low) * k) / (count - 1)))
}

/** [low, high] around the finite values, 5 % margin; a flat or empty set gets a unit span. */
export function valueRange(values: ArrayLike<number>): [number, number] {
  let low = Infinity, high = -Infinity
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k])) { low = Math.min(low, values[k]); high = Math.max(high, values[k]) }
  if (!(low <= high)) return [-1, 1]
  const margin = high > low ? 0.05 * (high - low) : Math.max(1, Math.abs(low)) * 0.5
  return [low - margin, high + margin]
}

/** Runs of consecutive finite points (a non-finite value breaks the line). */
export function finiteRuns(xs: ArrayLike<number>, ys: ArrayLike<number>): [number, number][][] {
  const runs: [number, number][][] = []
  let run: [number, number][] = []
  for (let k = 0; k < xs.length; k++) {
    if (Number.isFinite(ys[k])) run.push([xs[k], ys[k]])
    else if (run.length > 0) { runs.push(run); run = [] }
  }
  if (run.length > 0) runs.push(run)
  return runs
}

export function graphSVG(target: Graphable, options: GraphOptions = {}): string {
  const where = 'graphSVG'
  checkOptions(where, options, optionNames)
  const { sample, range } = samplerOf(where, target)
  if (options.xRange === undefined && range === undefined) throw new TypeError(`${where}: a function needs options.xRange, the interval to draw`)
  const [low, high] = checkRange(where, 'xRange', options.xRange ?? range)
  const width = checkPixels(where, 'width', options.width, 480), height = checkPixels(where, 'height', options.height, 320)
  const samples = options.samples ?? 256
  if (!Number.isInteger(samples) || samples < 2 || samples > maxGraphSamples) throw new RangeError(`${where}: samples must be an integer in [2, ${maxGraphSamples}], got ${String(samples)}`)
  const xs = evenly(low, high, samples), ys = sample(xs)
  const [yLow, yHigh] = options.yRange === undefined ? valueRange(ys) : checkRange(where, 'yRange', options.yRange)
  const x: Axis = { label: options.xLabel ?? 'x', low, high }, y: Axis = { label: options.yLabel ?? 'f(x)', low: yLow, high: yHigh }
  const panel = new Panel({ left: 72, top: options.title ? 34 : 14, width: width - 90, height: height - (options.title ? 34 : 14) - 52 }, x, y)
  const clipped = finiteRuns(xs, Array.from(ys, (v) => (v < yLow || v > yHigh ? NaN : v)))
  const parts = [panel.axes(), ...clipped.map((run) => panel.polyline(run, { color: options.color ?? '#1f77b4', width: 1.75 }))]
  if (options.title) parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-family="Helvetica, Arial, sans-serif">${escapeText(options.title)}</text>`)
  return svgDocument(width, height, options.title ?? 'graph', parts)
}

