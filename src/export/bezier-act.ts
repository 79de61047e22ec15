// bezierAct as ONNX nodes, the layer's computation step for step (src/nn/bezier-act.ts): t = (x − lo)/(hi − lo);
// the Bernstein weights of clamp(t, 0, 1) by de Casteljau's triangle as the bernsteinBasis kernel runs it; outside
// [0, 1] the end tangent's weights; y[b, u] = Σ_i c[u, i]·w_i. Weights live on a last axis of n + 1 entries.
import type { BezierAct } from '../nn/bezier-act'
import type { Tensor } from '../tensor/tensor'
import { int, type GraphBuilder } from './graph'

/** The unit vector e_k of length `width` in the model's dtype. */
function unit(graph: GraphBuilder, k: number, width: number): string {
  return graph.constant(Array.from({ length: width }, (_, i) => (i === k ? 1 : 0)), [width], graph.dtype, `e${k}`)
}

/** a·e_j + b·e_k for [batch, width, 1] values a and b: the two-entry rows, exact (the other products are 0). */
function twoEntries(graph: GraphBuilder, a: string, j: string, b: string, k: string): string {
  return graph.node('Add', [graph.node('Mul', [a, j]), graph.node('Mul', [b, k])])
}

/**
 * The triangle on the whole row: level k sets w_i = s·w_i + t·w_{i−1} for every i (w_{−1} = 0), which adds only exact
 * zeros to the kernel's w_k = t·w_{k−1}, w_i = s·w_i + t·w_{i−1} (0 < i < k), w_0 = s·w_0 — the same values.
 */
function bernsteinWeights(graph: GraphBuilder, t: string, degree: number, e0: string, e1: string, lastAxis: string): string {
  const s = graph.node('Sub', [graph.scalar(1), t])
  let weights = twoEntries(graph, s, e0, t, e1)
  if (degree === 1) return weights
  const keep = graph.int64s([0]), drop = graph.int64s([degree]), shiftPads = graph.int64s([0, 0, 1, 0, 0, 0])
  for (let level = 2; level <= degree; level++) {
    const shifted = graph.node('Pad', [graph.node('Slice', [weights, keep, drop, lastAxis]), shiftPads])
    weights = graph.node('Add', [graph.node('Mul', [s, weights]), graph.node('Mul', [t, shifted])])
  }
  return weights
}

export function writeBezierAct(graph: GraphBuilder, layer: BezierAct, x: string): string {
  const { degree } = layer
  const [low, high] = layer.range
  const width = degree + 1
  const lastAxis = graph.int64s([2])
  const e0 = unit(graph, 0, width), e1 = unit(graph, 1, width)
  const t = graph.node('Div', [graph.node('Sub', [x, graph.scalar(low, 'low')]), graph.scalar(high - low, 'span')])
  const clamped = graph.node('Clip', [t, graph.scalar(0), graph.scalar(1)])
  const inside = bernsteinWeights(graph, graph.node('Unsqueeze', [clamped, lastAxis]), degree, e0, e1, lastAxis)
  // how far t lies beyond an end (0 inside) and the end tangent's weights there
  const overshoot = graph.node('Unsqueeze', [graph.node('Sub', [t, clamped]), lastAxis])
  const step = graph.node('Mul', [overshoot, graph.scalar(degree)])
  const below = twoEntries(graph, graph.node('Sub', [graph.scalar(1), step]), e0, step, e1)
  const above = twoEntries(graph, graph.node('Neg', [step]), unit(graph, degree - 1, width),
    graph.node('Add', [graph.scalar(1), step]), unit(graph, degree, width))
  const weights = graph.node('Where', [graph.node('Less', [overshoot, graph.scalar(0)]), below,
    graph.node('Where', [graph.node('Greater', [overshoot, graph.scalar(0)]), above, inside])])
  const terms = graph.node('Mul', [weights, graph.weight(layer.coefficients as Tensor, 'coefficients')])
  return graph.node('ReduceSum', [terms, lastAxis], [int('keepdims', 0)])
}
