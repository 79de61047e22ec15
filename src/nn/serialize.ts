// model.toJSON() / fromJSON(): a versioned format whose weights are base64 of the typed arrays'
// bytes, so a round trip is bit-exact. Anything malformed, truncated or foreign is refused with an
// error naming what is wrong; layer kinds are rebuilt through a registry other layer files add to.
import type { Tensor } from '../tensor/tensor'
import { decodeFloats, encodeFloats } from '../curves/common'
import { formatShape } from '../tensor/shape'
import type { Layer } from './layer'
import { Dense, type InitName } from './dense'
import { Activation, type ActName } from './activation-layer'
import { Kan } from './kan'
import { BezierAct } from './bezier-act'
import { Sine } from './sine'
import { Sequential } from './sequential'

export const MODEL_FORMAT = 'curvenet-model'
export const MODEL_FORMAT_VERSION = 1

interface LayerJson { kind: string; config: Record<string, unknown>; parameters: { shape: number[]; values: ReturnType<typeof encodeFloats> }[] }
export interface ModelJson { format: typeof MODEL_FORMAT; version: number; seed: number; dtype: string; layers: LayerJson[] }

const layerFactories = new Map<string, (config: Record<string, unknown>) => Layer>([
  ['dense', (c) => new Dense(c.inputSize as number, c.outputSize as number, { bias: c.bias as boolean, init: c.init as InitName })],
  ['activation', (c) => new Activation(c.name as ActName, { alpha: c.alpha as number })],
  ['kan', (c) => Kan.fromConfig(c)],
  ['bezierAct', (c) => new BezierAct(c.width as number, { degree: c.degree as number, range: c.range as [number, number] })],
  ['sine', (c) => new Sine(c.inputSize as number, c.outputSize as number, { w0: c.w0 as number, first: c.first as boolean })],
])

/** Lets a layer family be rebuilt by fromJSON (each layer file registers its own kind). */
export function registerLayer(kind: string, fromConfig: (config: Record<string, unknown>) => Layer): void {
  layerFactories.set(kind, fromConfig)
}

/** Whether fromJSON can rebuild layers of this kind (built in, or given to registerLayer). */
export function isLayerKindRegistered(kind: string): boolean {
  return layerFactories.has(kind)
}

export function modelToJSON(model: Sequential): ModelJson {
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    seed: model.seed,
    dtype: model.dtype,
    layers: model.layers.map((layer) => ({
      kind: layer.kind,
      config: layer.config(),
      parameters: layer.parameters.map((p: Tensor) => ({ shape: [...p.shape], values: encodeFloats(p.data) })),
    })),
  }
}

function fail(message: string): never {
  throw new TypeError(`fromJSON: ${message}`)
}

export function modelFromJSON(json: unknown): Sequential {
  const value = typeof json === 'string' ? parseText(json) : json
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`expected a model object or its JSON text, got ${Array.isArray(value) ? 'an Array' : typeof value}`)
  const record = value as Record<string, unknown>
  if (record.format !== MODEL_FORMAT) fail(`not a curvenet model: format is ${JSON.stringify(record.format)}, expected "${MODEL_FORMAT}"`)
  if (record.version !== MODEL_FORMAT_VERSION) fail(`format version ${JSON.stringify(record.version)} is not supported (this curvenet reads version ${MODEL_FORMAT_VERSION})`)
  if (!Array.isArray(record.layers) || record.layers.length === 0) fail('layers must be a non-empty array')
  const layersJson = record.layers as unknown[]
  const layers = layersJson.map((entry, i) => {
    const layer = entry as LayerJson
    if (typeof layer !== 'object' || layer === null || typeof layer.kind !== 'string') fail(`layers[${i}] has no kind`)
    const factory = layerFactories.get(layer.kind)
    if (!factory) fail(`layers[${i}] has unknown kind ${JSON.stringify(layer.kind)}; known kinds: ${[...layerFactories.keys()].join(', ')}`)
    if (typeof layer.config !== 'object' || layer.config === null) fail(`layers[${i}].config must be an object`)
    return factory(layer.config)
  })
  const model = new Sequential(layers, { seed: record.seed as number, dtype: record.dtype as 'float32' | 'float64' })
  layers.forEach((layer, i) => {
    const stored = layersJson[i] as LayerJson
    if (!Array.isArray(stored.parameters) || stored.parameters.length !== layer.parameters.length) {
      fail(`layers[${i}] (${layer.kind}) needs ${layer.parameters.length} parameter tensors, the JSON has ${Array.isArray(stored.parameters) ? stored.parameters.length : 'none'}`)
    }
    layer.parameters.forEach((parameter, j) => {
      const where = `layers[${i}].parameters[${j}]`
      const entry = stored.parameters[j]
      if (!Array.isArray(entry?.shape) || formatShape(entry.shape) !== formatShape(parameter.shape)) {
        fail(`${where} has shape ${Array.isArray(entry?.shape) ? formatShape(entry.shape) : 'missing'}, the layer needs ${formatShape(parameter.shape)}`)
      }
      const values = decodeFloats('fromJSON', `${where}.values`, entry.values)
      if (values.length !== parameter.size || (values instanceof Float32Array) !== (parameter.dtype === 'float32')) {
        fail(`${where} holds ${values.length} ${values instanceof Float32Array ? 'float32' : 'float64'} values; the layer needs ${parameter.size} ${parameter.dtype}`)
      }
      parameter.data.set(values)
    })
  })
  return model
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new TypeError(`fromJSON: the text is not valid JSON (${(error as Error).message}); is it truncated?`)
  }
}
