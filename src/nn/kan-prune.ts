// attribute(model, x) and prune(model, x, { threshold }): pykan 0.2.8's importance scores and node pruning for a model of
// kan layers. Scores, as pykan's attribute() defines them (without its multiplication nodes): E[l][o,i] = the standard
// deviation over x of edge φ_oi's output, S[l][o] = that of the layer's output o (both unbiased, as torch.std);
// the output nodes score 1; going down, an edge scores E[o,i]·s[o]/(S[o] + 10⁻⁴) and an input node the sum of its edges'
// scores (pykan propagates one-hot rows per output and sums them at the end; the propagation is linear, so summing first
// gives the same numbers). Everything in float64 on the tensors' values with + − × ÷ and √ only: the same on every backend.
import type { Tensor } from '../tensor/tensor'
import { tensor } from '../tensor/create'
import { scope } from '../tensor/scope'
import { noGrad } from '../autograd/tape'
import { Kan } from './kan'
import { Sequential } from './sequential'
import { checkOptions } from '../check/names'

export interface KanLayerScores {
  /** [out × in], row-major: edge (o, i) at o·in + i. */
  edgeScores: Float64Array
  /** One per input node of the layer. */
  nodeScores: Float64Array
}

export interface Attribution {
  /** One entry per kan layer, first to last. */
  layers: KanLayerScores[]
  /** The output nodes' scores (1 each, as pykan). */
  outputScores: Float64Array
}

/** pykan's subnode_actscale guard: a node whose output does not vary divides by this, not by 0. */
const SCALE_GUARD = 1e-4

function kanLayersOf(where: string, model: Sequential): Kan[] {
  if (!(model instanceof Sequential)) throw new TypeError(`${where}: model must be a sequential([...]) model`)
  const bad = model.layers.findIndex((layer) => !(layer instanceof Kan))
  if (bad >= 0) throw new TypeError(`${where}: works on models of kan layers only; layers[${bad}] is ${JSON.stringify(model.layers[bad].kind)}`)
  return model.layers as Kan[]
}

/** Unbiased standard deviation of values[k·stride + offset], k < count. */
function deviation(values: ArrayLike<number>, count: number, stride: number, offset: number): number {
  if (count < 2) return 0
  let mean = 0
  for (let k = 0; k < count; k++) mean += values[k * stride + offset]
  mean /= count
  let squares = 0
  for (let k = 0; k < count; k++) { const d = values[k * stride + offset] - mean; squares += d * d }
  return Math.sqrt(squares / (count - 1))
}

export function attribute(model: Sequential, x: Tensor): Attribution {
  const where = 'attribute'
  const layers = kanLayersOf(where, model)
  if (x?.rank !== 2 || x.shape[0] < 2) throw new RangeError(`${where}: x must be a batch [rows ≥ 2, ${layers[0].inputSize}] (scores are standard deviations over it)`)
  // per layer: E (std of each edge's output) and S (std of each output node), from one forward pass without gradients
  const spreads = noGrad(() => scope(() => {
    let h = x
    return layers.map((layer) => {
      const { inputSize: n, outputSize: m } = layer
      const batch = h.shape[0]
      const phi = layer.edgeValues(h)   // [batch, in, out], symbolic edges included
      const output = layer.forward(h)
      const edges = new Float64Array(m * n), nodes = new Float64Array(m)
      for (let o = 0; o < m; o++) {
        nodes[o] = deviation(output.data, batch, m, o)
        for (let i = 0; i < n; i++) edges[o * n + i] = deviation(phi.data, batch, n * m, i * m + o)
      }
      h = output
      return { edges, nodes }
    })
  }))
  const scores: KanLayerScores[] = new Array(layers.length)
  const outputScores = new Float64Array(layers[layers.length - 1].outputSize).fill(1)
  let above = outputScores
  for (let l = layers.length - 1; l >= 0; l--) {
    const { inputSize: n, outputSize: m } = layers[l]
    const edgeScores = new Float64Array(m * n), nodeScores = new Float64Array(n)
    for (let o = 0; o < m; o++) {
      const factor = above[o] / (spreads[l].nodes[o] + SCALE_GUARD)
      for (let i = 0; i < n; i++) {
        edgeScores[o * n + i] = spreads[l].edges[o * n + i] * factor
        nodeScores[i] += edgeScores[o * n + i]
      }
    }
    scores[l] = { edgeScores, nodeScores }
    above = nodeScores
  }
  return { layers: scores, outputScores }
}

export interface PruneOptions {
  /** A hidden node stays when its score is at least this (default 1e-2, pykan's node_th). */
  threshold?: number
}

/**
 * A new, smaller model: every hidden node (an output of one kan layer and input of the next) whose attribution score is
 * below `threshold` goes, with all its edges; every kept edge is copied bit for bit (knots, coefficients, scales), so the
 * pruned model computes exactly what the original computes without the removed nodes' contributions. Inputs and outputs
 * are never removed. The model given is not changed.
 */
export function prune(model: Sequential, x: Tensor, options: PruneOptions = {}): Sequential {
  const where = 'prune'
  checkOptions(where, options, ['threshold'])
  const threshold = options.threshold ?? 1e-2
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0) throw new RangeError(`${where}: threshold must be a finite number ≥ 0, got ${String(threshold)}`)
  const layers = kanLayersOf(where, model)
  const { layers: scores } = attribute(model, x)
  // kept[r]: the node indices kept in row r (row 0: the inputs; the last row: the outputs)
  const kept: number[][] = [Array.from({ length: layers[0].inputSize }, (_, i) => i)]
  for (let l = 1; l < layers.length; l++) {
    const rowScores = scores[l].nodeScores
    const row = Array.from(rowScores.keys()).filter((i) => rowScores[i] >= threshold)
    if (row.length === 0) {
      throw new RangeError(`${where}: threshold ${threshold} would remove every node between layers ${l - 1} and ${l} (their scores: ` +
        `${Array.from(rowScores, (s) => s.toExponential(2)).join(', ')}); lower it`)
    }
    kept.push(row)
  }
  kept.push(Array.from({ length: layers[layers.length - 1].outputSize }, (_, o) => o))
  const smaller = layers.map((layer, l) => {
    const { grid, order, range, base, gridEps, noise } = layer
    return new Kan(kept[l].length, kept[l + 1].length, { grid, order, range: [...range], base, gridEps, noise })
  })
  const pruned = new Sequential(smaller, { seed: model.seed, dtype: model.dtype })
  smaller.forEach((layer, l) => copyEdges(layers[l], layer, kept[l], kept[l + 1]))
  return pruned
}

/** The kept inputs' knots and the kept edges' weights (symbolic functions included) of `from` into `to`, bit for bit. */
function copyEdges(from: Kan, to: Kan, inputs: number[], outputs: number[]): void {
  const source = from.weights, target = to.weights
  const knotCount = source.knots.shape[1], basisCount = source.coefficients.shape[2]
  const knots = Float64Array.from({ length: inputs.length * knotCount }, (_, k) => source.knots.data[inputs[Math.floor(k / knotCount)] * knotCount + (k % knotCount)])
  const knotTensor = tensor(knots, { dtype: source.knots.dtype, shape: [inputs.length, knotCount] })
  knotTensor.context.memory.adopt(knotTensor.storage)
  to.setKnots(knotTensor)
  outputs.forEach((o, newO) => inputs.forEach((i, newI) => {
    const edge = o * from.inputSize + i, newEdge = newO * inputs.length + newI
    target.coefficients.data.set(source.coefficients.data.subarray(edge * basisCount, (edge + 1) * basisCount), newEdge * basisCount)
    target.splineScale.data[newEdge] = source.splineScale.data[edge]
    if (source.baseScale && target.baseScale) target.baseScale.data[newEdge] = source.baseScale.data[edge]
    const symbolic = from.symbolicEdge(o, i)
    if (symbolic && from.symbolicParameters) to.setSymbolic(newO, newI, symbolic.fn.name, Array.from(from.symbolicParameters.data.subarray(edge * 4, edge * 4 + 4)))
  }))
}
