// Plain arrays where a model takes data, as tfjs and brain.js users write them: number[][] (rows), number[] (one row), or
// a flat Float32Array / Float64Array split into rows by the width the data must have. Each becomes a tensor of the
// model's dtype; `shapeLike` gives a result back in the form that came in (rows as number[][], one row as number[],
// a flat typed array of the model's dtype).
import type { DType, FloatArray } from '../backend/kernels'
import { Tensor } from '../tensor/tensor'
import { tensor } from '../tensor/create'
import type { Layer } from './layer'
import { describeValue } from '../check/describe'

/** What a model accepts as data: a tensor, rows, one row, or a flat typed array of rows. */
export type ModelData = Tensor | number[][] | number[] | Float32Array | Float64Array

export type DataForm = 'tensor' | 'rows' | 'row' | 'flat'

/** The input width a layer stack declares: its first layer's inputSize (dense, sine, kan) or width (bezierAct). */
export function inputWidthOf(layers: readonly Layer[]): number | undefined {
  for (const layer of layers) {
    const sized = layer as Partial<{ inputSize: number; width: number }>
    if (typeof sized.inputSize === 'number') return sized.inputSize
    if (typeof sized.width === 'number') return sized.width
    if (layer.parameters.length > 0) return undefined   // a custom layer with weights: its width is its own business
  }
  return undefined
}

/** `data` as a tensor of `dtype`, and the form it came in. `width` splits a flat typed array into rows. */
export function readModelData(where: string, name: string, data: unknown, dtype: DType, width: number | undefined): { tensor: Tensor; form: DataForm } {
  if (data instanceof Tensor) return { tensor: data, form: 'tensor' }
  if (data instanceof Float32Array || data instanceof Float64Array) {
    if (width === undefined) throw new TypeError(`${where}: ${name} is a flat ${data.constructor.name}, but the model's input width is not known here; pass rows (number[][]) or a Tensor`)
    if (data.length === 0 || data.length % width !== 0) {
      throw new RangeError(`${where}: ${name} is a flat ${data.constructor.name} of ${data.length} values, which is not a whole number ≥ 1 of rows of ${width}`)
    }
    return { tensor: tensor(data, { dtype, shape: [data.length / width, width] }), form: 'flat' }
  }
  if (Array.isArray(data)) {
    if (data.length === 0) throw new RangeError(`${where}: ${name} is an empty array; give at least one row`)
    if (Array.isArray(data[0])) return { tensor: tensor(data, { dtype }), form: 'rows' }
    return { tensor: tensor([data], { dtype }), form: 'row' }
  }
  throw new TypeError(`${where}: ${name} must be a Tensor, number[][] (rows), number[] (one row) or a flat Float32Array/Float64Array, got ${describeValue(data)}`)
}

/** The result in the form the input came in; a tensor made here is released once read. */
export function shapeLike(result: Tensor, form: DataForm): Tensor | number[][] | number[] | FloatArray {
  if (form === 'tensor') return result
  try {
    if (form === 'flat') return result.data.slice()
    const rows = result.shape[0], width = result.size / rows, values = result.data
    const table = Array.from({ length: rows }, (_, r) => Array.from(values.subarray(r * width, (r + 1) * width)))
    return form === 'row' ? table[0] : table
  } finally {
    result.dispose()
  }
}

