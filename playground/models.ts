// The playground's models, built from its controls. Every model ends in one output: a logit for the
// classification sets (trained with bceWithLogits), the value for regression (mse). All train with Adam.
import { act, adam, bezierAct, dense, kan, sequential, sine, type Layer, type Sequential } from '../src/index'
import type { Dataset } from './datasets'

export const modelNames = ['linear', 'mlp', 'kan', 'bezier', 'siren'] as const
export type ModelName = (typeof modelNames)[number]

export const modelLabels: Record<ModelName, string> = {
  linear: 'linear stack (no activations)', mlp: 'MLP', kan: 'KAN (B-spline edges)', bezier: 'Bezier activations', siren: 'SIREN (sine layers)',
}

export interface ModelSettings {
  /** hidden units per layer */
  width: number
  /** hidden layers */
  depth: number
  /** the MLP's activation */
  activation: 'relu' | 'tanh'
  /** KAN grid intervals */
  grid: number
  /** Bezier degree */
  degree: number
  learningRate: number
  batchSize: number
  /** epochs per press of train */
  epochs: number
}

/** What each model starts with: small enough to train in seconds, big enough for two spirals (measured in Node with
 *  seed 1: the MLP reaches 95 % on the spirals by epoch ~30, the KAN by epoch ~4; tanh needs ~30× longer). */
export const defaultSettings: Record<ModelName, ModelSettings> = {
  linear: { width: 8, depth: 2, activation: 'relu', grid: 5, degree: 4, learningRate: 0.03, batchSize: 16, epochs: 300 },
  mlp: { width: 16, depth: 2, activation: 'relu', grid: 5, degree: 4, learningRate: 0.01, batchSize: 16, epochs: 300 },
  kan: { width: 5, depth: 1, activation: 'relu', grid: 8, degree: 3, learningRate: 0.03, batchSize: 16, epochs: 300 },
  bezier: { width: 8, depth: 2, activation: 'relu', grid: 5, degree: 4, learningRate: 0.03, batchSize: 16, epochs: 300 },
  siren: { width: 32, depth: 2, activation: 'relu', grid: 5, degree: 4, learningRate: 0.001, batchSize: 16, epochs: 300 },
}

export const settingLimits = { width: [1, 64], depth: [1, 4], grid: [1, 50], degree: [1, 12], batchSize: [1, 1000], epochs: [1, 100_000] } as const

export function checkSettings(settings: ModelSettings): void {
  for (const [name, [low, high]] of Object.entries(settingLimits)) {
    const value = settings[name as keyof typeof settingLimits]
    if (!Number.isInteger(value) || value < low || value > high) throw new RangeError(`${name} must be an integer in [${low}, ${high}], got ${value}`)
  }
  if (!(settings.learningRate > 0 && settings.learningRate <= 1)) throw new RangeError(`learning rate must be in (0, 1], got ${settings.learningRate}`)
  if (settings.activation !== 'relu' && settings.activation !== 'tanh') throw new RangeError(`activation must be relu or tanh, got ${settings.activation}`)
}

function hiddenLayers(model: ModelName, settings: ModelSettings, inputSize: number): Layer[] {
  const { width, depth, grid, degree, activation } = settings
  const layers: Layer[] = []
  let size = inputSize
  for (let l = 0; l < depth; l++) {
    if (model === 'kan') layers.push(kan(size, width, { grid, range: [-1, 1] }))
    else if (model === 'siren') layers.push(sine(size, width, { first: l === 0 }))
    else {
      layers.push(dense(size, width))
      if (model === 'mlp') layers.push(act(activation))
      else if (model === 'bezier') layers.push(bezierAct(width, { degree }))
    }
    size = width
  }
  return layers
}

export function buildModel(model: ModelName, settings: ModelSettings, dataset: Dataset, seed: number): Sequential {
  checkSettings(settings)
  const layers = hiddenLayers(model, settings, dataset.inputSize)
  const last = model === 'kan' ? kan(settings.width, 1, { grid: settings.grid, range: [-1, 1] }) : dense(settings.width, 1)
  return sequential([...layers, last], { seed, dtype: 'float32' })
}

export const optimizerFor = (settings: ModelSettings) => adam({ lr: settings.learningRate })
export const lossFor = (dataset: Dataset): 'bceWithLogits' | 'mse' => (dataset.task === 'classification' ? 'bceWithLogits' : 'mse')
export const metricFor = (dataset: Dataset): 'accuracy' | 'rmse' => (dataset.task === 'classification' ? 'accuracy' : 'rmse')
