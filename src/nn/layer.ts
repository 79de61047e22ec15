// What a layer is: a differentiable function of its input built from tensor ops, owning the
// parameters it trains. A model builds its layers in order with one seeded Generator, so the same
// seed gives the same initial weights on every backend and engine.
import type { DType } from '../backend/kernels'
import type { Generator } from '../tensor/random'
import type { Tensor } from '../tensor/tensor'

export interface BuildContext {
  readonly generator: Generator
  readonly dtype: DType
}

export interface Layer {
  /** The layer's kind, as written to JSON ('dense', 'activation', 'kan', …). */
  readonly kind: string
  /** Creates the parameters (called once by the model, outside any scope). */
  build(context: BuildContext): void
  /** The trainable tensors, in a fixed order (the order JSON stores them in). */
  readonly parameters: Tensor[]
  forward(x: Tensor): Tensor
  /** The options that rebuild this layer (parameters are stored separately). */
  config(): Record<string, unknown>
  /** The shapes build() will give the parameters, known before it allocates anything: fromJSON checks a file's
   *  parameters against them first, so a file declaring a huge layer without its weights costs nothing. */
  parameterShapes?(): number[][]
}

/** A layer made from a forward function and its parameters: the custom-layer escape hatch. */
export interface CustomLayerOptions {
  /** The kind written to JSON (default 'custom'); fromJSON rebuilds the layer once registerLayer(kind, …) knows the kind. */
  kind?: string
  /** What rebuilds the layer (sizes, settings; JSON values): toJSON stores it, fromJSON hands it to the registered factory. */
  config?: Record<string, unknown>
  build?: (context: BuildContext) => Tensor[]
  forward: (x: Tensor, parameters: Tensor[]) => Tensor
}

export function customLayer(options: CustomLayerOptions): Layer {
  if (typeof options !== 'object' || options === null || typeof options.forward !== 'function') {
    throw new TypeError('customLayer: options.forward must be a function (x, parameters) => Tensor')
  }
  const { kind = 'custom', config = {} } = options
  if (typeof kind !== 'string' || kind === '') throw new TypeError(`customLayer: kind must be a non-empty string, got ${kind === '' ? 'the empty string' : typeof kind}`)
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new TypeError(`customLayer: config must be a plain object of JSON values, got ${config === null ? 'null' : Array.isArray(config) ? 'an Array' : typeof config}`)
  }
  let parameters: Tensor[] = []
  return {
    kind,
    build(context) { parameters = options.build?.(context) ?? []; for (const p of parameters) p.requiresGrad = true },
    get parameters() { return parameters },
    forward: (x) => options.forward(x, parameters),
    config: () => ({ ...config }),
  }
}

export function checkPositiveInteger(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${where}: ${name} must be a positive integer, got ${typeof value === 'number' ? value : typeof value}`)
  }
  return value
}

