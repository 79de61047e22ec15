// How fromJSON rebuilds a layer: a factory per kind, fed its config. The built-in kinds are listed
// here, in one place, rather than each layer file registering itself when imported: the package is
// `sideEffects: false`, so a bundler drops every module whose exports the program does not use, and
// with it any registration at its top level — fromJSON would then fail on a kind the program never
// names. A custom layer's kind joins through registerLayer(kind, fromConfig).
import type { Layer } from './layer'
import { Dense, type InitName } from './dense'
import { Activation, type ActName } from './activation-layer'
import { Kan } from './kan'
import { BezierAct } from './bezier-act'
import { Sine } from './sine'

/** Makes an unbuilt layer from the config() of one of its kind (the model builds it, then the weights are loaded). */
export type LayerFromConfig = (config: Record<string, unknown>) => Layer

const builtInLayers: ReadonlyMap<string, LayerFromConfig> = new Map<string, LayerFromConfig>([
  ['dense', (c) => new Dense(c.inputSize as number, c.outputSize as number, { bias: c.bias as boolean, init: c.init as InitName })],
  ['activation', (c) => new Activation(c.name as ActName, { alpha: c.alpha as number })],
  ['kan', (c) => Kan.fromConfig(c)],
  ['bezierAct', (c) => new BezierAct(c.width as number, { degree: c.degree as number, range: c.range as [number, number] })],
  ['sine', (c) => new Sine(c.inputSize as number, c.outputSize as number, { w0: c.w0 as number, first: c.first as boolean })],
])

const registeredLayers = new Map<string, LayerFromConfig>()

/**
 * Lets fromJSON rebuild layers of `kind` (a customLayer({ kind, config, … }), say): fromConfig gets
 * the layer's config() back. Registering a kind again replaces its factory; built-in kinds are fixed.
 */
export function registerLayer(kind: string, fromConfig: LayerFromConfig): void {
  if (typeof kind !== 'string' || kind === '') throw new TypeError(`registerLayer: kind must be a non-empty string, got ${kind === '' ? 'the empty string' : typeof kind}`)
  if (typeof fromConfig !== 'function') throw new TypeError(`registerLayer: fromConfig must be a function (config) => Layer, got ${typeof fromConfig}`)
  if (builtInLayers.has(kind)) throw new TypeError(`registerLayer: "${kind}" is a built-in layer kind; give the custom layer a kind of its own`)
  registeredLayers.set(kind, fromConfig)
}

/** The factory of `kind`, or undefined when nothing registered it. */
export function layerFactory(kind: string): LayerFromConfig | undefined {
  return builtInLayers.get(kind) ?? registeredLayers.get(kind)
}

export function knownLayerKinds(): string[] {
  return [...builtInLayers.keys(), ...registeredLayers.keys()]
}
