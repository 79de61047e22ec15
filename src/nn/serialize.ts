// The model JSON format behind model.toJSON() and fromJSON(): versioned, with weights as base64 of
// the typed arrays' bytes, so a round trip is bit-exact. Anything malformed, truncated or foreign
// is refused with an error naming what is wrong. Layers are rebuilt through layer-registry.ts; the
// model itself is assembled in sequential.ts (modelFromJSON), which this file does not import.
import type { DType, FloatArray } from '../backend/kernels'
import { decodeFloats, encodeFloats } from '../curves/common'
import { formatShape } from '../tensor/shape'
import type { Layer } from './layer'
import { knownLayerKinds, layerFactory } from './layer-registry'

export const MODEL_FORMAT = 'curvenet-model'
export const MODEL_FORMAT_VERSION = 1

interface LayerJson { kind: string; config: Record<string, unknown>; parameters: { shape: number[]; values: ReturnType<typeof encodeFloats> }[] }
export interface ModelJson { format: typeof MODEL_FORMAT; version: number; seed: number; dtype: string; layers: LayerJson[] }

/** What the format stores of a model. */
interface ModelParts {
  readonly seed: number
  readonly dtype: DType
  readonly layers: readonly Layer[]
}

export function modelToJSON(model: ModelParts): ModelJson {
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    seed: model.seed,
    dtype: model.dtype,
    layers: model.layers.map((layer) => ({
      kind: layer.kind,
      config: layer.config(),
      parameters: layer.parameters.map((p) => ({ shape: [...p.shape], values: encodeFloats(p.data) })),
    })),
  }
}

function fail(message: string): never {
  throw new TypeError(`fromJSON: ${message}`)
}

/** A model's JSON read back: its options and its layers, rebuilt but not yet built (no weights). */
export interface ReadModel {
  seed: number
  dtype: DType
  layers: Layer[]
  /** Sets the built layers' weights from the JSON. */
  loadParameters(): void
}

export function readModelJSON(json: unknown): ReadModel {
  const value = typeof json === 'string' ? parseText(json) : json
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`expected a model object or its JSON text, got ${Array.isArray(value) ? 'an Array' : typeof value}`)
  const record = value as Record<string, unknown>
  if (record.format !== MODEL_FORMAT) fail(`not a curvenet model: format is ${JSON.stringify(record.format)}, expected "${MODEL_FORMAT}"`)
  if (record.version !== MODEL_FORMAT_VERSION) fail(`format version ${JSON.stringify(record.version)} is not supported (this curvenet reads version ${MODEL_FORMAT_VERSION})`)
  if (record.dtype !== 'float32' && record.dtype !== 'float64') fail(`dtype must be "float32" or "float64", got ${JSON.stringify(record.dtype)}`)
  if (!Number.isSafeInteger(record.seed)) fail(`seed must be an integer, got ${JSON.stringify(record.seed)}`)
  if (!Array.isArray(record.layers) || record.layers.length === 0) fail('layers must be a non-empty array')
  const layersJson = record.layers as LayerJson[]
  const layers = layersJson.map((layer, i) => rebuildLayer(layer, i))
  // every weight decoded and checked against the shapes each layer declares before anything is built: the work and
  // memory are bounded by the weights the JSON really holds, never by the sizes it claims
  const stored = layers.map((layer, i) => readLayerParameters(layer, layersJson[i], `layers[${i}]`))
  return {
    seed: record.seed as number,
    dtype: record.dtype as DType,
    layers,
    loadParameters: () => layers.forEach((layer, i) => loadLayerParameters(layer, stored[i], `layers[${i}]`)),
  }
}

function rebuildLayer(layer: LayerJson, i: number): Layer {
  if (typeof layer !== 'object' || layer === null || typeof layer.kind !== 'string') fail(`layers[${i}] has no kind`)
  const factory = layerFactory(layer.kind)
  if (!factory) {
    const kind = JSON.stringify(layer.kind)
    fail(`layers[${i}] has unknown kind ${kind}; known kinds: ${knownLayerKinds().join(', ')}. ` +
      `A custom layer is rebuilt once its kind is registered: registerLayer(${kind}, (config) => customLayer({ kind: ${kind}, config, build, forward }))`)
  }
  if (typeof layer.config !== 'object' || layer.config === null) fail(`layers[${i}].config must be an object`)
  let rebuilt: Layer
  try {
    rebuilt = factory(layer.config)
  } catch (error) {
    // the layer's own check, said where in the file it came from
    if (!(error instanceof TypeError || error instanceof RangeError) || error.message.startsWith('fromJSON:')) throw error
    const Class = error instanceof TypeError ? TypeError : RangeError
    throw new Class(`fromJSON: layers[${i}].config (${layer.kind}): ${error.message}`, { cause: error })
  }
  if (rebuilt?.kind !== layer.kind) {
    fail(`layers[${i}]: the factory registered for kind ${JSON.stringify(layer.kind)} made a layer of kind ${JSON.stringify(rebuilt?.kind)}; give the layer that kind (customLayer({ kind: ${JSON.stringify(layer.kind)}, … }))`)
  }
  return rebuilt
}

interface StoredParameter { shape: number[]; values: FloatArray }

/** The layer's weights from the JSON, each shape agreeing with its values and, where the layer declares its shapes
 *  before building (every built-in layer), with those. A custom layer's shapes are checked after its build. */
function readLayerParameters(layer: Layer, stored: LayerJson, where: string): StoredParameter[] {
  if (!Array.isArray(stored.parameters)) fail(`${where}.parameters must be an array, got ${stored.parameters === undefined ? 'none' : typeof stored.parameters}`)
  const expected = layer.parameterShapes?.()
  if (expected && stored.parameters.length !== expected.length) {
    fail(`${where} (${layer.kind}) needs ${expected.length} parameter tensors, the JSON has ${stored.parameters.length}`)
  }
  return stored.parameters.map((entry, j) => {
    const name = `${where}.parameters[${j}]`
    const shape = entry?.shape
    if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) fail(`${name}.shape must be an array of sizes, got ${JSON.stringify(shape)}`)
    if (expected && formatShape(shape) !== formatShape(expected[j])) fail(`${name} has shape ${formatShape(shape)}, the layer needs ${formatShape(expected[j])}`)
    const values = decodeFloats('fromJSON', `${name}.values`, entry.values)
    const size = shape.reduce((product, n) => product * n, 1)
    if (values.length !== size) fail(`${name} holds ${values.length} values; its shape ${formatShape(shape)} needs ${size}`)
    return { shape, values }
  })
}

function loadLayerParameters(layer: Layer, stored: StoredParameter[], where: string): void {
  if (stored.length !== layer.parameters.length) fail(`${where} (${layer.kind}) needs ${layer.parameters.length} parameter tensors, the JSON has ${stored.length}`)
  layer.parameters.forEach((parameter, j) => {
    const name = `${where}.parameters[${j}]`
    const { shape, values } = stored[j]
    if (formatShape(shape) !== formatShape(parameter.shape)) fail(`${name} has shape ${formatShape(shape)}, the layer needs ${formatShape(parameter.shape)}`)
    if ((values instanceof Float32Array) !== (parameter.dtype === 'float32')) {
      fail(`${name} holds ${values.length} ${values instanceof Float32Array ? 'float32' : 'float64'} values; the layer needs ${parameter.size} ${parameter.dtype}`)
    }
    parameter.data.set(values)
  })
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new TypeError(`fromJSON: the text is not valid JSON (${(error as Error).message}); is it truncated?`)
  }
}
