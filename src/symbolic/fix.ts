// fixSymbolic and autoSymbolic: KAN edges replaced by library functions c·f(a·x + b) + d (pykan's fix_symbolic and
// auto_symbolic). The edge is sampled where its layer sees data — `samples` order statistics of that input over x's rows
// (model.intermediates), or evenly over its grid's range when no x is given — its (a, b, c, d) found by suggestSymbolic,
// and the layer's edge switched to the function (Kan.setSymbolic), whose a, b, c, d then train with the other weights.
// autoSymbolic picks each edge's function as pykan does: the lowest weightSimple·complexity + (1 − weightSimple)·log₂(1 +
// 10⁻⁵ − R²), so a simpler function wins unless a more complex one fits clearly better.
import { checkOptions } from '../check/names'
import { Kan } from '../nn/kan'
import { checkEdgeIndex } from '../nn/kan-edge'
import { layerInputColumns } from '../nn/kan-model'
import { Sequential } from '../nn/sequential'
import { readModelData, type ModelData } from '../nn/model-data'
import { formatShape } from '../tensor/shape'
import { suggestSymbolic, type SuggestOptions, type SymbolicCandidate } from './suggest'
import { symbolicFunction, symbolicNames } from './library'

/** suggestSymbolic's search options; `samples` (default 64) are order statistics of the edge's input over x, or evenly
 *  spaced over its grid's range. */
export type SymbolicFitOptions = Pick<SuggestOptions, 'aRange' | 'bRange' | 'gridPoints' | 'refinements' | 'samples'>

export interface FixSymbolicOptions extends SymbolicFitOptions {
  /** Rows of the model's input: the edge is fitted where its layer sees them (default: over the edge's grid range). */
  x?: ModelData
  /** Fit a, b, c, d (default true); false sets a = c = 1, b = d = 0, as pykan's fit_params_bool=False. */
  fit?: boolean
}

export interface AutoSymbolicOptions extends SymbolicFitOptions {
  /** Candidate names (default: the whole library). */
  library?: readonly string[]
  /** Weight of simplicity against fit (default 0.8, as pykan). */
  weightSimple?: number
  /** An edge whose chosen function fits with R² below this stays a spline (default 0: every edge is replaced). */
  r2Threshold?: number
  /** Indices in model.layers to work on (default: every layer) — e.g. the first layer, then retrain, then the next. */
  layers?: readonly number[]
}

export interface SymbolicChoice extends SymbolicCandidate {
  /** Index in model.layers, and the edge. */
  layer: number
  output: number
  input: number
}

const fitOptionNames = ['aRange', 'bRange', 'gridPoints', 'refinements', 'samples']

function kanLayerAt(where: string, model: Sequential, layer: unknown): Kan {
  if (!(model instanceof Sequential)) throw new TypeError(`${where}: model must be a sequential([...]) model`)
  if (typeof layer !== 'number' || !Number.isInteger(layer) || layer < 0 || layer >= model.layers.length) {
    throw new RangeError(`${where}: layer must be an index in [0, ${model.layers.length - 1}] of model.layers, got ${typeof layer === 'number' ? layer : typeof layer}`)
  }
  const found = model.layers[layer]
  if (!(found instanceof Kan)) throw new TypeError(`${where}: model.layers[${layer}] is ${JSON.stringify(found.kind)}, not a kan layer`)
  return found
}

/** What each layer of the model sees over x's rows: per layer, its input columns. */
function layerInputs(where: string, model: Sequential, x: ModelData): Float64Array[][] {
  const width = (model.layers[0] as Kan).inputSize
  const { tensor: input } = readModelData(where, 'x', x, model.dtype, width)
  try {
    if (input.rank !== 2 || input.shape[1] !== width) throw new RangeError(`${where}: x must be rows of ${width} input${width === 1 ? '' : 's'}, got ${formatShape(input.shape)}`)
    return layerInputColumns(model, input)
  } finally {
    if (input !== x) input.dispose()
  }
}

/** Where edge (output, input) of layer l is fitted: `count` order statistics of its input column, evenly spaced in rank
 *  (the smallest and largest included), or evenly over its grid's range. */
function samplePoints(where: string, layer: Kan, input: number, column: Float64Array | undefined, count: number): Float64Array {
  if (!column) {
    const [low, high] = layer.edge(0, input).range
    return Float64Array.from({ length: count }, (_, k) => (k === count - 1 ? high : low + ((high - low) * k) / (count - 1)))
  }
  const sorted = column.slice().sort()
  if (sorted.length < 3) throw new RangeError(`${where}: x must have at least 3 rows to fit a function to, got ${sorted.length}`)
  const taken = Math.min(count, sorted.length)
  return Float64Array.from({ length: taken }, (_, k) => sorted[Math.round((k * (sorted.length - 1)) / (taken - 1))])
}

/** Samples of edge (output, input) and the library fit of `name` to them; throws (naming the edge) where no fit exists. */
function fitEdge(where: string, layer: Kan, output: number, input: number, column: Float64Array | undefined, options: SymbolicFitOptions,
  library: readonly string[]): { candidates: SymbolicCandidate[]; constant: number | null } {
  const x = samplePoints(where, layer, input, column, checkSamples(where, options.samples))
  const y = layer.edge(output, input).evaluateMany(x)
  if (y.every((value) => value === y[0])) return { candidates: [], constant: y[0] }
  const search: SuggestOptions = { library, top: library.length }
  for (const name of ['aRange', 'bRange', 'gridPoints', 'refinements'] as const) if (options[name] !== undefined) (search as Record<string, unknown>)[name] = options[name]
  return { candidates: suggestSymbolic({ x, y }, search), constant: null }
}

function checkSamples(where: string, value: unknown): number {
  const count = value ?? 64
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 3 || count > 100_000) throw new RangeError(`${where}: samples must be an integer in [3, 100000], got ${String(count)}`)
  return count
}

/**
 * Edge (output, input) of model.layers[layer] becomes the library function `name`, c·f(a·x + b) + d, with a, b, c, d fitted
 * to what the edge computes now (or 1, 0, 1, 0 with fit: false). Returns the fit (its R²). The model is unchanged when
 * anything is refused: an unknown name, an index out of range, samples that are all equal (a constant has no shape to fit;
 * name '0' takes it as d), or a function that cannot hold at every sample (log of a negative).
 */
export function fixSymbolic(model: Sequential, layer: number, output: number, input: number, name: string, options?: FixSymbolicOptions): SymbolicCandidate {
  const where = 'fixSymbolic'
  const kanLayer = kanLayerAt(where, model, layer)
  const given = checkOptions(where, options, [...fitOptionNames, 'x', 'fit']) as FixSymbolicOptions
  checkEdgeIndex(where, 'output', output, kanLayer.outputSize)
  checkEdgeIndex(where, 'input', input, kanLayer.inputSize)
  const fn = symbolicFunction(where, name)
  if (given.fit !== undefined && typeof given.fit !== 'boolean') throw new TypeError(`${where}: fit must be true or false, got ${String(given.fit)}`)
  let chosen: SymbolicCandidate
  if (given.fit === false) {
    chosen = { name: fn.name, a: 1, b: 0, c: 1, d: 0, r2: NaN }
  } else {
    const column = given.x === undefined ? undefined : layerInputs(where, model, given.x)[layer][input]
    const { candidates, constant } = fitEdge(where, kanLayer, output, input, column, given, [fn.name])
    if (constant !== null) {
      if (fn.name !== '0') throw new RangeError(`${where}: edge (${output}, ${input}) of layers[${layer}] is constant (${constant}) at every sample; a constant has no shape to fit ${JSON.stringify(fn.name)} to (use '0': it takes the constant as d)`)
      chosen = { name: '0', a: 0, b: 0, c: 0, d: constant, r2: 1 }
    } else {
      chosen = candidates[0]
      if (!(chosen.r2 > -Infinity)) throw new RangeError(`${where}: ${fn.name} cannot fit edge (${output}, ${input}) of layers[${layer}]: at some sample every a·x + b of the search leaves its domain or it does not vary`)
    }
  }
  kanLayer.setSymbolic(output, input, chosen.name, [chosen.a, chosen.b, chosen.c, chosen.d])
  return chosen
}

/**
 * Every spline edge of every kan layer replaced by the library function that scores best (see the header), fitted where
 * the layer sees x's rows. Layers go in order, each fitted at the inputs the symbolic layers before it give. Returns each
 * choice; edges already symbolic are left as they are.
 */
export function autoSymbolic(model: Sequential, x: ModelData, options?: AutoSymbolicOptions): SymbolicChoice[] {
  const where = 'autoSymbolic'
  if (!(model instanceof Sequential)) throw new TypeError(`${where}: model must be a sequential([...]) model`)
  const given = checkOptions(where, options, [...fitOptionNames, 'library', 'weightSimple', 'r2Threshold', 'layers']) as AutoSymbolicOptions
  const library = given.library ?? symbolicNames
  if (!Array.isArray(library) || library.length === 0) throw new TypeError(`${where}: library must be a non-empty array of names from ${symbolicNames.join(', ')}`)
  const functions = library.map((name) => symbolicFunction(where, name))
  const weightSimple = given.weightSimple ?? 0.8, threshold = given.r2Threshold ?? 0
  if (typeof weightSimple !== 'number' || !(weightSimple >= 0 && weightSimple <= 1)) throw new RangeError(`${where}: weightSimple must be in [0, 1], got ${String(weightSimple)}`)
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) throw new RangeError(`${where}: r2Threshold must be in [0, 1], got ${String(threshold)}`)
  checkSamples(where, given.samples)
  model.layers.forEach((_, l) => kanLayerAt(where, model, l))
  const chosenLayers = given.layers ?? model.layers.map((_, l) => l)
  if (!Array.isArray(chosenLayers)) throw new TypeError(`${where}: layers must be an array of indices into model.layers, got ${typeof chosenLayers}`)
  chosenLayers.forEach((l) => kanLayerAt(where, model, l))
  const choices: SymbolicChoice[] = []
  const score = (candidate: SymbolicCandidate) => {
    const complexity = functions.find((f) => f.name === candidate.name)!.complexity
    return weightSimple * complexity + (1 - weightSimple) * Math.log2(Math.max(1e-12, 1 + 1e-5 - candidate.r2))
  }
  model.layers.forEach((_, l) => {
    if (!chosenLayers.includes(l)) return
    const layer = model.layers[l] as Kan
    const inputs = layerInputs(where, model, x)[l]   // again per layer: the layers before are symbolic now
    for (let o = 0; o < layer.outputSize; o++) {
      for (let i = 0; i < layer.inputSize; i++) {
        if (layer.symbolicEdge(o, i)) continue
        const { candidates, constant } = fitEdge(where, layer, o, i, inputs[i], given, functions.map((f) => f.name))
        const fitting = candidates.filter((candidate) => candidate.r2 > -Infinity)
        if (constant === null && fitting.length === 0) continue   // no library function holds at every sample: a spline it stays
        const best = constant !== null ? { name: '0', a: 0, b: 0, c: 0, d: constant, r2: 1 } : fitting.reduce((p, q) => (score(q) < score(p) ? q : p))
        if (best.r2 < threshold) continue
        layer.setSymbolic(o, i, best.name, [best.a, best.b, best.c, best.d])
        choices.push({ layer: l, output: o, input: i, ...best })
      }
    }
  })
  return choices
}
