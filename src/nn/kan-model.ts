// Model-level KAN helpers: the grid operations over every kan layer of a model, each layer fed the inputs it sees (x run
// through the layers before it, without gradients), and the KAN paper's regularisation of the activations.
import type { Tensor } from '../tensor/tensor'
import { scope } from '../tensor/scope'
import { noGrad } from '../autograd/tape'
import { add, div, mul, neg } from '../ops/arithmetic'
import { mean, sum } from '../ops/reduce'
import { abs, clamp, log } from '../ops/elementwise'
import type { Layer } from './layer'
import { Kan } from './kan'

interface LayerStack {
  readonly layers: readonly Layer[]
}

/** Calls visit(layer, its inputs) for each kan layer in order; later layers see the earlier layers as they are after their visit. */
function eachKanLayer(where: string, model: LayerStack, x: Tensor, visit: (layer: Kan, input: Tensor) => void): void {
  const layers = model?.layers
  if (!Array.isArray(layers)) throw new TypeError(`${where}: model must be a sequential([...]) model`)
  const last = layers.reduce((found, layer, index) => (layer instanceof Kan ? index : found), -1)
  if (last < 0) throw new TypeError(`${where}: the model has no kan layer`)
  let input = x
  for (let index = 0; index <= last; index++) {
    const layer = layers[index]
    if (layer instanceof Kan) visit(layer, input)
    if (index === last) break
    const next = noGrad(() => scope(() => layer.forward(input)))
    if (input !== x) input.dispose()
    input = next
  }
  if (input !== x) input.dispose()
}

/** What each layer sees of x's rows (the layers before it applied, without gradients): per layer, its input columns as
 *  float64 arrays. */
export function layerInputColumns(model: LayerStack, x: Tensor): Float64Array[][] {
  return noGrad(() => scope(() => {
    const columns: Float64Array[][] = []
    let h = x
    for (const layer of model.layers) {
      const [batch, width] = h.shape
      const values = h.data
      columns.push(Array.from({ length: width }, (_, i) => Float64Array.from({ length: batch }, (_, b) => values[b * width + i])))
      h = layer.forward(h)
    }
    return columns
  }))
}

/** Every kan layer's knots to the percentiles of its inputs (blended with a uniform grid by gridEps), its functions kept. */
export function updateGrid(model: LayerStack, x: Tensor): void {
  eachKanLayer('updateGrid', model, x, (layer, input) => layer.updateGrid(input))
}

/** Grid extension: every kan layer to `grid` intervals, its coefficients fitted to its current splines at its inputs. */
export function refineGrid(model: LayerStack, grid: number, x: Tensor): void {
  eachKanLayer('refineGrid', model, x, (layer, input) => layer.refineGrid(grid, input))
}

export interface KanRegularizationOptions {
  /** The overall weight λ (default 1). */
  lambda?: number
  /** μ1, the weight of the L1 norms (default 1). */
  l1?: number
  /** μ2, the weight of the entropies (default 2, as pykan). */
  entropy?: number
}

/** p·log p needs p > 0: shares below this count as this (their p·log p is then ≈ 0, as the limit says). */
const SMALLEST_SHARE = 1e-12

/**
 * The KAN paper's sparsity regularisation over the activations of each kan layer's latest forward pass (call it right after
 * the forward whose loss it joins, e.g. inside a custom loss): λ·Σ_layers (μ1·|Φ|₁ + μ2·S(Φ)), where |φ|₁ is the mean of
 * |φ(x)| over the batch, |Φ|₁ = Σ_edges |φ|₁ and S(Φ) = −Σ_edges p·log p with p = |φ|₁/|Φ|₁. Returns a scalar tensor.
 */
export function kanRegularization(model: LayerStack, options: KanRegularizationOptions = {}): Tensor {
  const where = 'kanRegularization'
  const weights = { lambda: options.lambda ?? 1, l1: options.l1 ?? 1, entropy: options.entropy ?? 2 }
  for (const [name, value] of Object.entries(weights)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${String(value)}`)
  }
  const layers = (model?.layers ?? []).filter((layer): layer is Kan => layer instanceof Kan)
  if (layers.length === 0) throw new TypeError(`${where}: the model has no kan layer`)
  const terms = layers.map((layer) => {
    if (!layer.lastInput) throw new Error(`${where}: run the model forward first; it regularises the activations of the latest forward pass`)
    const edges = layer.edgeValues(layer.lastInput)
    const norms = mean(abs(edges), 0)
    const total = sum(norms)
    const shares = div(norms, total)
    const entropy = neg(sum(mul(shares, log(clamp(shares, SMALLEST_SHARE, Infinity)))))
    return add(mul(total, weights.l1), mul(entropy, weights.entropy))
  })
  return mul(terms.reduce((a, b) => add(a, b)), weights.lambda)
}
