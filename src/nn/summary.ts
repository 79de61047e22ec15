// model.summary(): the layers, their output shapes, parameter counts and the dtype, as a table (Keras's summary) and as
// data. Output widths come from what each layer declares (outputSize, width; an activation keeps its input's), so
// nothing runs forward; a custom layer's width is not known and shows as "?".
import type { DType } from '../backend/kernels'
import type { Layer } from './layer'
import { inputWidthOf } from './model-data'

export interface LayerSummary {
  index: number
  kind: string
  /** The layer in words: `dense(2 → 16)`, `act(tanh)`, `kan(2 → 5, grid 5, order 3)`, … */
  description: string
  /** [batch, width]: `null` for the batch, `undefined` for a width that is not known without running the layer. */
  outputShape: [null, number | undefined]
  parameters: number
}

export interface ModelSummary {
  dtype: DType
  seed: number
  inputWidth: number | undefined
  layers: LayerSummary[]
  parameterCount: number
  /** The table, one layer a line. */
  text: string
}

function describeLayer(layer: Layer): string {
  const config = layer.config()
  const sizes = `${String(config.inputSize)} → ${String(config.outputSize)}`
  switch (layer.kind) {
    case 'dense': return `dense(${sizes}${config.bias === false ? ', no bias' : ''})`
    case 'sine': return `sine(${sizes}, w0 ${String(config.w0)}${config.first ? ', first' : ''})`
    case 'kan': return `kan(${sizes}, grid ${String(config.grid)}, order ${String(config.order)}, base ${String(config.base)})`
    case 'bezierAct': return `bezierAct(${String(config.width)}, degree ${String(config.degree)})`
    case 'activation': return `act(${String(config.name)})`
    default: return layer.kind
  }
}

function outputWidth(layer: Layer, input: number | undefined): number | undefined {
  const sized = layer as Partial<{ outputSize: number; width: number }>
  if (typeof sized.outputSize === 'number') return sized.outputSize
  if (typeof sized.width === 'number') return sized.width
  return layer.kind === 'activation' ? input : undefined
}

export function summarize(model: { dtype: DType; seed: number; layers: readonly Layer[] }): ModelSummary {
  const inputWidth = inputWidthOf(model.layers)
  let width = inputWidth
  const layers = model.layers.map((layer, index): LayerSummary => {
    width = outputWidth(layer, width)
    const parameters = layer.parameters.reduce((count, p) => count + p.size, 0)
    return { index, kind: layer.kind, description: describeLayer(layer), outputShape: [null, width], parameters }
  })
  const parameterCount = layers.reduce((count, layer) => count + layer.parameters, 0)
  const rows = [['#', 'layer', 'output shape', 'parameters'],
    ...layers.map((layer) => [String(layer.index), layer.description, `[batch, ${layer.outputShape[1] ?? '?'}]`, grouped(layer.parameters)])]
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  const line = (row: string[]) => row.map((cell, column) => (column === 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd()
  const text = [`Sequential: ${model.dtype}, seed ${model.seed}, input [batch, ${inputWidth ?? '?'}]`, ...rows.map(line),
    `total parameters: ${grouped(parameterCount)}`].join('\n')
  return { dtype: model.dtype, seed: model.seed, inputWidth, layers, parameterCount, text }
}

/** 1234567 → "1,234,567": the same text in every locale (toLocaleString is not). The playground's speed line uses it too. */
export function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
