// kanSVG(model, x): a KAN drawn as pykan draws it — nodes in rows (inputs at the bottom, outputs at the top), and every
// edge a small box on the line between its two nodes holding its learned curve φ over the values its input takes in x,
// the box and line as opaque as the edge is important. Importance by default: the edge's mean |φ| over x divided by the
// largest in its layer (pykan 0.0's score); `importance` (one array [out × in] per layer, e.g. from attribution) overrides.
import type { Tensor } from '../tensor/tensor'
import { tensor } from '../tensor/create'
import { scope } from '../tensor/scope'
import { noGrad } from '../autograd/tape'
import { Kan } from '../nn/kan'
import { layerInputColumns } from '../nn/kan-model'
import type { Sequential } from '../nn/sequential'
import { evenly, finiteRuns, valueRange } from './graph'
import { escapeText, svgDocument } from './panel'
import { svgNumber } from '../curves/common'
import { checkOptions } from '../check/names'

export interface KanSvgOptions {
  /** Pixels (default: from the widest layer and the depth). */
  width?: number
  height?: number
  /** Per kan layer, one score ≥ 0 per edge, [out × in] row-major (default: mean |φ| over x, scaled to the layer's largest). */
  importance?: ArrayLike<number>[]
  /** Points along each edge's curve (default 48). */
  samples?: number
  title?: string
}

const optionNames = ['width', 'height', 'importance', 'samples', 'title']
const BOX = 44, GAP_X = 70, GAP_Y = 150, MARGIN = 40, NODE = 5
const px = (value: number) => svgNumber(Math.round(value * 100) / 100)

interface EdgeDrawing { o: number; i: number; curve: [number, number][][]; score: number; symbolic: string | null }

/** Every edge's values at the rows [count × in] (column i feeds input i), as the layer computes them: [count, in, out]. */
function edgeValuesAt(layer: Kan, columns: Float64Array[], count: number): Float64Array {
  const n = layer.inputSize
  const rows = Float64Array.from({ length: count * n }, (_, k) => columns[k % n][Math.floor(k / n)])
  const dtype = layer.weights.knots.dtype
  return noGrad(() => scope(() => Float64Array.from(layer.edgeValues(tensor(rows, { dtype, shape: [count, n] })).data)))
}

/** Each edge's curve over the values its input takes, and its mean |φ| there. Two layer calls (per-edge mode: the layer's
 *  own bits, what edge(o, i).evaluateMany gives) rather than two per edge: a page redraws this while a model trains. */
function edgesOf(layer: Kan, inputs: Float64Array[], samples: number, given: ArrayLike<number> | undefined, where: string): EdgeDrawing[] {
  const { inputSize: n, outputSize: m } = layer
  const grids = inputs.map((column) => evenly(...valueRange(column), samples))
  const curves = edgeValuesAt(layer, grids, samples)
  const count = inputs[0].length, atData = edgeValuesAt(layer, inputs, count)
  const drawings: EdgeDrawing[] = []
  for (let o = 0; o < m; o++) {
    for (let i = 0; i < n; i++) {
      const phi = Float64Array.from({ length: samples }, (_, k) => curves[(k * n + i) * m + o])
      let meanAbs = 0
      for (let b = 0; b < count; b++) meanAbs += Math.abs(atData[(b * n + i) * m + o]) / count
      drawings.push({ o, i, curve: finiteRuns(grids[i], phi), score: meanAbs, symbolic: layer.symbolicEdge(o, i)?.fn.name ?? null })
    }
  }
  if (given !== undefined) {
    if (given.length !== drawings.length) throw new RangeError(`${where}: importance for this layer must hold ${drawings.length} scores (out × in), got ${given.length}`)
    drawings.forEach((drawing, k) => {
      if (!(given[k] >= 0) || !Number.isFinite(given[k])) throw new RangeError(`${where}: importance scores must be finite and ≥ 0, got ${given[k]}`)
      drawing.score = given[k]
    })
  }
  const largest = Math.max(...drawings.map((drawing) => drawing.score))
  for (const drawing of drawings) drawing.score = largest > 0 ? drawing.score / largest : 0
  return drawings
}

/** The curve's polylines fitted into a box with its top-left corner at (left, top). */
function boxedCurve(runs: [number, number][][], left: number, top: number, color: string): string {
  const all = runs.flat()
  if (all.length === 0) return ''
  const [xLow, xHigh] = valueRange(all.map(([x]) => x)), [yLow, yHigh] = valueRange(all.map(([, y]) => y))
  const map = ([x, y]: [number, number]) => `${px(left + 3 + ((x - xLow) / (xHigh - xLow)) * (BOX - 6))},${px(top + BOX - 3 - ((y - yLow) / (yHigh - yLow)) * (BOX - 6))}`
  return runs.map((run) => `<polyline points="${run.map(map).join(' ')}" fill="none" stroke="${color}" stroke-width="1.5"/>`).join('')
}

export function kanSVG(model: Sequential, x: Tensor, options: KanSvgOptions = {}): string {
  const where = 'kanSVG'
  checkOptions(where, options, optionNames)
  const layers = model?.layers
  if (!Array.isArray(layers) || layers.length === 0) throw new TypeError(`${where}: model must be a sequential([...]) model`)
  const bad = layers.findIndex((layer) => !(layer instanceof Kan))
  if (bad >= 0) throw new TypeError(`${where}: draws models of kan layers only; layers[${bad}] is ${JSON.stringify(layers[bad].kind)}`)
  const kans = layers as Kan[]
  const samples = options.samples ?? 48
  if (!Number.isInteger(samples) || samples < 2 || samples > 1000) throw new RangeError(`${where}: samples must be an integer in [2, 1000], got ${String(samples)}`)
  if (options.importance !== undefined && (!Array.isArray(options.importance) || options.importance.length !== kans.length)) {
    throw new RangeError(`${where}: importance must hold one array per kan layer (${kans.length}), got ${Array.isArray(options.importance) ? options.importance.length : typeof options.importance}`)
  }
  const inputs = layerInputColumns(model, x)
  const widths = [kans[0].inputSize, ...kans.map((layer) => layer.outputSize)]
  const widest = Math.max(...kans.map((layer) => layer.inputSize * layer.outputSize), ...widths)
  const width = options.width ?? Math.max(320, 2 * MARGIN + widest * (BOX + 12))
  const height = options.height ?? 2 * MARGIN + kans.length * GAP_Y + (options.title ? 24 : 0)
  // node k of row r (row 0: the inputs, at the bottom)
  const nodeX = (row: number, k: number) => width / 2 + (k - (widths[row] - 1) / 2) * Math.max(GAP_X, (width - 2 * MARGIN) / Math.max(1, widths[row]))
  const nodeY = (row: number) => height - MARGIN - row * GAP_Y
  const parts: string[] = []
  if (options.title) parts.push(`<text x="${px(width / 2)}" y="20" text-anchor="middle" font-size="14" font-family="Helvetica, Arial, sans-serif">${escapeText(options.title)}</text>`)
  kans.forEach((layer, l) => {
    for (const edge of edgesOf(layer, inputs[l], samples, options.importance?.[l], where)) {
      const x0 = nodeX(l, edge.i), y0 = nodeY(l), x1 = nodeX(l + 1, edge.o), y1 = nodeY(l + 1)
      // the box sits on the line, staggered by input so boxes of one output do not cover each other
      const along = 0.5 + 0.25 * ((edge.i + 0.5) / layer.inputSize - 0.5)
      const cx = x0 + (x1 - x0) * along, cy = y0 + (y1 - y0) * along
      const opacity = px(Math.max(0.06, edge.score))
      // a symbolic edge in red with its function's name under the box (pykan's colours)
      const symbolic = edge.symbolic === null ? '' : ` data-symbolic="${escapeText(edge.symbolic)}"`
      const label = edge.symbolic === null ? '' : `<text x="${px(cx)}" y="${px(cy + BOX / 2 + 10)}" text-anchor="middle" font-size="9" font-family="Helvetica, Arial, sans-serif" fill="#c62828">${escapeText(edge.symbolic)}</text>`
      parts.push(`<g class="edge" data-layer="${l}" data-output="${edge.o}" data-input="${edge.i}"${symbolic} opacity="${opacity}">` +
        `<line x1="${px(x0)}" y1="${px(y0)}" x2="${px(x1)}" y2="${px(y1)}" stroke="#444" stroke-width="1"/>` +
        `<rect x="${px(cx - BOX / 2)}" y="${px(cy - BOX / 2)}" width="${BOX}" height="${BOX}" fill="white" stroke="#444" stroke-width="1"/>` +
        boxedCurve(edge.curve, cx - BOX / 2, cy - BOX / 2, edge.symbolic === null ? '#7a1fa2' : '#c62828') + label + '</g>')
    }
  })
  widths.forEach((count, row) => {
    for (let k = 0; k < count; k++) parts.push(`<circle class="node" data-row="${row}" cx="${px(nodeX(row, k))}" cy="${px(nodeY(row))}" r="${NODE}" fill="black"/>`)
  })
  return svgDocument(width, height, options.title ?? `KAN [${widths.join(', ')}]`, parts)
}
