// surfaceSVG(model, options): what a model with one output computes over the plane (two inputs: a heatmap, the
// decision surface of a classifier or the fitted function of a regression) or along a line (one input: the
// fitted curve), with the data drawn on top. Colours are quantised to `levels` steps; the heatmap is one PNG image of
// resolution² pixels stretched over the plot (one element to parse and paint, so a page can redraw it every frame).
import type { FloatArray } from '../backend/kernels'
import type { Layer } from '../nn/layer'
import { inputWidthOf } from '../nn/model-data'
import { expF64 } from '../math/exponential'
import { escapeText, Panel, svgDocument } from './panel'
import { checkPixels, evenly, finiteRuns, valueRange } from './graph'
import { pngDataUrl } from './png'
import { checkOptions } from '../check/names'

/** What surfaceSVG needs of a model: its dtype, layers (for the input width) and predict() on flat rows (a Sequential). */
export interface Predictor {
  readonly dtype: 'float32' | 'float64'
  readonly layers: readonly Layer[]
  predict(x: Float32Array | Float64Array): FloatArray
}

export interface SurfaceOptions {
  /** The inputs' intervals (default [−1, 1] each); yRange is the second input's, or the value axis of a 1-input model. */
  xRange?: [number, number]
  yRange?: [number, number]
  /** How the output is read: 'logit' (a classifier's logit, shown as σ(v)), 'probability' (in [0, 1]) or 'value' (default). */
  output?: 'logit' | 'probability' | 'value'
  /** Cells per side of the heatmap (default 50, in [2, 400]); samples along x for one input. */
  resolution?: number
  /** Colour steps (default 24, in [2, 256]). */
  levels?: number
  /** Data drawn on top: inputs row-major (one or two per row) and one target per row (a class 0/1 or a value). With
   *  output 'value' and two inputs, the colours span the targets' range (else the surface's). */
  points?: { inputs: ArrayLike<number>; targets: ArrayLike<number> }
  /** Draw one layer of the picture at the same geometry: 'surface' (axes, heatmap or curve) or 'points' (the data only, on a
   *  transparent background), so a page can draw the points once and lay each new surface under them; default 'all'. */
  layer?: 'all' | 'surface' | 'points'
  /** Pixels (default 400 × 400). */
  width?: number
  height?: number
  title?: string
}

const optionNames = ['xRange', 'yRange', 'output', 'resolution', 'levels', 'points', 'layer', 'width', 'height', 'title']
const maxPoints = 100_000

type Rgb = [number, number, number]
// TensorFlow playground's diverging scale (0 → blue, ½ → near white, 1 → orange), and viridis's ends and middle
const diverging: Rgb[] = [[8, 119, 189], [232, 234, 235], [245, 147, 34]]
const sequential: Rgb[] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]]

function colourRgb(stops: Rgb[], fraction: number): Rgb {
  const f = Math.min(1, Math.max(0, fraction)) * (stops.length - 1)
  const k = Math.min(stops.length - 2, Math.floor(f)), t = f - k
  return [0, 1, 2].map((c) => Math.round(stops[k][c] + (stops[k + 1][c] - stops[k][c]) * t)) as Rgb
}

function colourAt(stops: Rgb[], fraction: number): string {
  return `#${colourRgb(stops, fraction).map((channel) => channel.toString(16).padStart(2, '0')).join('')}`
}

function checkRange(where: string, name: string, range: unknown, fallback: [number, number]): [number, number] {
  const value = range ?? fallback
  if (!Array.isArray(value) || value.length !== 2 || !value.every(Number.isFinite) || !(value[0] < value[1])) {
    throw new RangeError(`${where}: ${name} must be [low, high] with finite low < high, got ${JSON.stringify(range)}`)
  }
  return [value[0], value[1]]
}

function checkInteger(where: string, name: string, value: unknown, fallback: number, low: number, high: number): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < low || v > high) throw new RangeError(`${where}: ${name} must be an integer in [${low}, ${high}], got ${String(v)}`)
  return v
}

/** The model's outputs for flat rows, checked to be one per row. */
function predictRows(where: string, model: Predictor, rows: Float64Array, inputs: number): Float64Array {
  const flat = model.dtype === 'float32' ? Float32Array.from(rows) : rows
  const outputs = model.predict(flat)
  if (outputs.length !== rows.length / inputs) {
    throw new RangeError(`${where}: the model must have one output per row; it gave ${outputs.length / (rows.length / inputs)} (draw one output column at a time)`)
  }
  return Float64Array.from(outputs)
}

/** [smallest, largest] of the finite values; valueRange's padded span when they are all equal (or none is finite). */
function extent(values: ArrayLike<number>): [number, number] {
  let low = Infinity, high = -Infinity
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k])) { low = Math.min(low, values[k]); high = Math.max(high, values[k]) }
  return low < high ? [low, high] : valueRange(values)
}

interface HeatmapSpec {
  box: { left: number; top: number; width: number; height: number }
  xRange: [number, number]
  yRange: [number, number]
  resolution: number
  levels: number
  output: 'logit' | 'probability' | 'value'
  /** the values at the scale's ends (undefined: the surface's own range) */
  scale: [number, number] | undefined
  toShown: (v: number) => number
}

/** The model's outputs on a resolution² grid of cell centres as an image: one pixel a cell, row 0 at the top, stretched
 *  over the plot without smoothing, so each cell shows its own colour level. */
function heatmap(where: string, model: Predictor, { box, xRange, yRange, resolution, levels, output, scale, toShown }: HeatmapSpec): string {
  const cellX = (xRange[1] - xRange[0]) / resolution, cellY = (yRange[1] - yRange[0]) / resolution
  const grid = new Float64Array(2 * resolution * resolution)
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      grid[2 * (r * resolution + c)] = xRange[0] + (c + 0.5) * cellX
      grid[2 * (r * resolution + c) + 1] = yRange[1] - (r + 0.5) * cellY
    }
  }
  const shown = Array.from(predictRows(where, model, grid, 2), toShown)
  const [low, high] = scale ?? valueRange(shown)
  const stops = output === 'value' ? sequential : diverging
  const palette = Array.from({ length: levels }, (_, l) => colourRgb(stops, (l + 0.5) / levels))
  const notFinite: Rgb = [255, 0, 255]
  const rgb = new Uint8Array(3 * shown.length)
  shown.forEach((v, cell) => {
    const colour = Number.isFinite(v) ? palette[Math.min(levels - 1, Math.max(0, Math.floor(((v - low) / (high - low)) * levels)))] : notFinite
    rgb.set(colour, 3 * cell)
  })
  return `<image class="surface" x="${box.left}" y="${box.top}" width="${box.width}" height="${box.height}" preserveAspectRatio="none" style="image-rendering:pixelated" href="${pngDataUrl(resolution, resolution, rgb)}"/>`
}

/** An invisible rectangle over the plotting area carrying its data ranges, so a page can turn a pointer position into data
 *  coordinates (the playground draws curves on it). */
function plotArea(box: { left: number; top: number; width: number; height: number }, xRange: [number, number], yRange: [number, number]): string {
  return `<rect class="plot-area" x="${box.left}" y="${box.top}" width="${box.width}" height="${box.height}" fill="none" data-x-range="${xRange.join(' ')}" data-y-range="${yRange.join(' ')}"/>`
}

export function surfaceSVG(model: Predictor, options: SurfaceOptions = {}): string {
  const where = 'surfaceSVG'
  if (typeof model !== 'object' || model === null || typeof model.predict !== 'function') throw new TypeError(`${where}: model must be a model with predict() (a sequential([...])), got ${model === null ? 'null' : typeof model}`)
  checkOptions(where, options, optionNames)
  const output = options.output ?? 'value'
  if (!['logit', 'probability', 'value'].includes(output)) throw new TypeError(`${where}: output must be 'logit', 'probability' or 'value', got ${JSON.stringify(output)}`)
  const width = checkPixels(where, 'width', options.width, 400), height = checkPixels(where, 'height', options.height, 400)
  const resolution = checkInteger(where, 'resolution', options.resolution, 50, 2, 400)
  const levels = checkInteger(where, 'levels', options.levels, 24, 2, 256)
  const inputs = Array.isArray(model.layers) ? inputWidthOf(model.layers) : undefined
  if (inputs !== 1 && inputs !== 2) throw new RangeError(`${where}: draws models with one or two inputs; this one takes ${inputs ?? 'an unknown number of'} inputs`)
  const points = options.points
  if (points !== undefined) {
    const rows = points?.targets?.length
    if (typeof rows !== 'number' || rows > maxPoints || points.inputs?.length !== rows * inputs) {
      throw new RangeError(`${where}: points must be { inputs, targets } with ${inputs} input(s) per target and at most ${maxPoints} targets, got ${points?.inputs?.length} inputs for ${rows} targets`)
    }
  }
  const layer = options.layer ?? 'all'
  if (!['all', 'surface', 'points'].includes(layer)) throw new TypeError(`${where}: layer must be 'all', 'surface' or 'points', got ${JSON.stringify(layer)}`)
  if (layer === 'points' && points === undefined) throw new TypeError(`${where}: layer 'points' draws options.points, which are missing`)
  const drawSurface = layer !== 'points', drawPoints = layer !== 'surface' && points !== undefined
  const xRange = checkRange(where, 'xRange', options.xRange, [-1, 1])
  const top = options.title ? 34 : 14
  const box = { left: 64, top, width: width - 80, height: height - top - 48 }
  const parts: string[] = []
  const toShown = (v: number) => (output === 'logit' ? 1 / (1 + expF64(-v)) : v)

  if (inputs === 1) {
    const xs = evenly(xRange[0], xRange[1], resolution < 16 ? 256 : resolution * 5)
    const targets = points ? Array.from(points.targets) : []
    const ys = drawSurface || options.yRange === undefined ? predictRows(where, model, xs, 1) : new Float64Array(0)
    const yRange = checkRange(where, 'yRange', options.yRange, valueRange([...ys, ...targets]))
    const panel = new Panel(box, { label: 'x', low: xRange[0], high: xRange[1] }, { label: 'f(x)', low: yRange[0], high: yRange[1] })
    if (drawSurface) parts.push(panel.axes())
    if (drawPoints) parts.push(`<g class="points">${panel.dots(targets.map((t, k): [number, number] => [points!.inputs[k], t]), '#999', 2)}</g>`)
    if (drawSurface) for (const run of finiteRuns(xs, ys)) parts.push(panel.polyline(run, { color: '#d62728', width: 2 }))
    parts.push(plotArea(box, xRange, yRange))
  } else {
    const yRange = checkRange(where, 'yRange', options.yRange, [-1, 1])
    const panel = new Panel(box, { label: 'x₁', low: xRange[0], high: xRange[1] }, { label: 'x₂', low: yRange[0], high: yRange[1] })
    // the colour scale: σ or a probability on [0, 1]; values on the targets' range when points are given (the same in
    // every layer, so a points layer drawn once matches every later surface), else on the surface's own range
    const scale: [number, number] | undefined = output !== 'value' ? [0, 1] : points ? extent(points.targets) : undefined
    if (drawSurface) parts.push(panel.axes(), heatmap(where, model, { box, xRange, yRange, resolution, levels, output, scale, toShown }))
    if (drawPoints) {
      const [low, high] = scale!
      const dots: string[] = []
      for (let k = 0; k < points!.targets.length; k++) {
        const t = points!.targets[k]
        const fill = colourAt(output === 'value' ? sequential : diverging, (t - low) / (high - low))
        dots.push(`<circle cx="${panel.px(points!.inputs[2 * k]).toFixed(2)}" cy="${panel.py(points!.inputs[2 * k + 1]).toFixed(2)}" r="3" fill="${fill}" stroke="#222" stroke-width="0.7"/>`)
      }
      parts.push(`<g class="points">${dots.join('')}</g>`)
    }
    if (drawSurface) parts.push(`<rect x="${box.left}" y="${box.top}" width="${box.width}" height="${box.height}" fill="none" stroke="#444" stroke-width="1"/>`)
    parts.push(plotArea(box, xRange, yRange))
  }
  // the points layer is transparent: it goes over a surface layer of the same size
  if (layer === 'points') return [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`, ...parts, '</svg>', ''].join('\n')
  if (options.title) parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-family="Helvetica, Arial, sans-serif">${escapeText(options.title)}</text>`)
  return svgDocument(width, height, options.title ?? 'surface', parts)
}
