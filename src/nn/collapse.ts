// collapseLinear(model): consecutive dense layers with nothing nonlinear between them (identity
// activations count as linear) merged into one — (x·W1 + b1)·W2 + b2 = x·(W1·W2) + (b1·W2 + b2),
// the seed's (BA)x = Cx. The product is formed in float64, then stored in the model's dtype. Other
// layers are shared with the original model, weights and all.
import type { Layer } from './layer'
import { Dense } from './dense'
import { Activation } from './activation-layer'
import { Sequential } from './sequential'

interface Affine { weight: Float64Array; bias: Float64Array; inputs: number; outputs: number }

function affineOf(layer: Dense): Affine {
  return {
    weight: Float64Array.from(layer.weight!.data),
    bias: layer.bias ? Float64Array.from(layer.bias.data) : new Float64Array(layer.outputSize),
    inputs: layer.inputSize, outputs: layer.outputSize,
  }
}

function compose(first: Affine, second: Affine): Affine {
  const { inputs } = first, middle = first.outputs, outputs = second.outputs
  const weight = new Float64Array(inputs * outputs), bias = Float64Array.from(second.bias)
  for (let i = 0; i < inputs; i++) {
    for (let j = 0; j < outputs; j++) {
      let total = 0
      for (let k = 0; k < middle; k++) total += first.weight[i * middle + k] * second.weight[k * outputs + j]
      weight[i * outputs + j] = total
    }
  }
  for (let j = 0; j < outputs; j++) for (let k = 0; k < middle; k++) bias[j] += first.bias[k] * second.weight[k * outputs + j]
  return { weight, bias, inputs, outputs }
}

const isIdentity = (layer: Layer) => layer instanceof Activation && layer.activationName === 'identity'

export function collapseLinear(model: Sequential): Sequential {
  if (!(model instanceof Sequential)) throw new TypeError('collapseLinear: expected a model from sequential([...])')
  const merged: (Layer | Affine)[] = []
  let run: Affine | undefined
  for (const layer of model.layers) {
    if (layer instanceof Dense) run = run ? compose(run, affineOf(layer)) : affineOf(layer)
    else if (isIdentity(layer)) continue
    else {
      if (run) { merged.push(run); run = undefined }
      merged.push(layer)
    }
  }
  if (run) merged.push(run)
  const layers = merged.map((entry) => ('weight' in entry && entry.weight instanceof Float64Array ? new Dense(entry.inputs, entry.outputs) : (entry as Layer)))
  const collapsed = new Sequential(layers, { seed: model.seed, dtype: model.dtype })
  merged.forEach((entry, i) => {
    if (!(layers[i] instanceof Dense) || !('weight' in entry && entry.weight instanceof Float64Array)) return
    const dense = layers[i] as Dense
    dense.weight!.data.set(entry.weight)   // a Float32Array store rounds each float64 once
    dense.bias!.data.set(entry.bias)
  })
  return collapsed
}
