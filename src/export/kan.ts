// kan as ONNX nodes (src/ops/kan.ts, src/backend/js/kan.ts and bspline.ts): every input's B-spline basis by the
// Cox–de Boor recursion over its whole knot vector, then y[b, o] = Σ_i baseScale[o, i]·base(x[b, i]) +
// splineScale[o, i]·Σ_j coefficients[o, i, j]·B_j(x[b, i]). Values carry the axes [batch, in, basis index].
//
// The degree-0 functions are the kernel's span rule, not plain indicators: span s ∈ [degree, last] is on for
// the largest s with !(x < t_s) (the first span also below the grid, the last span also above it), so the
// recursion yields the end polynomials continued beyond the grid as the kernel's local triangle does. The
// recursion's terms are the triangle's, in its order — (x − t_j)·(B/(t_{j+k} − t_j)) + (t_{j+k+1} − x)·(B′/…) —
// with exact zeros where the triangle has no term. Beyond the whole knot vector the basis is 0.
import type { Kan } from '../nn/kan'
import type { Tensor } from '../tensor/tensor'
import { int, ints, type GraphBuilder } from './graph'
import { writeActivation } from './activation'
import { onnxDataTypes } from './onnx-proto'

/** Values per input for j = 0…count−1 as an [in, count] constant. */
function perInput(graph: GraphBuilder, inputSize: number, count: number, value: (i: number, j: number) => number, label: string): string {
  const values = Array.from({ length: inputSize * count }, (_, k) => value(Math.floor(k / count), k % count))
  return graph.constant(values, [inputSize, count], graph.dtype, label)
}

/** The basis [batch, in, basisCount] of x [batch, in, 1] on knots [in × knotCount] (the model's dtype). */
function bsplineBasis(graph: GraphBuilder, x: string, knots: ArrayLike<number>, inputSize: number, knotCount: number, degree: number): string {
  const knot = (i: number, j: number) => knots[i * knotCount + j]
  const last = knotCount - degree - 2
  const spans = knotCount - 1
  const lower = perInput(graph, inputSize, spans, (i, j) => (j < degree || j > last ? Infinity : j === degree ? -Infinity : knot(i, j)), 'spanLow')
  const upper = perInput(graph, inputSize, spans, (i, j) => (j < degree || j > last ? -Infinity : j === last ? Infinity : knot(i, j + 1)), 'spanHigh')
  const onSpan = graph.node('And', [graph.node('GreaterOrEqual', [x, lower]), graph.node('Less', [x, upper])])
  let basis = graph.node('Cast', [onSpan], [int('to', onnxDataTypes[graph.dtype])])
  const lastAxis = graph.int64s([2])
  for (let k = 1; k <= degree; k++) {
    const count = knotCount - 1 - k
    // knot differences in float64, stored rounded to the model's dtype: the kernel's round(right − left) exactly.
    // A zero-width support's function is 0 everywhere: any nonzero divisor keeps its terms 0
    const width = (i: number, j: number, span: number) => knot(i, j + span) - knot(i, j) || 1
    const leftKnot = perInput(graph, inputSize, count, (i, j) => knot(i, j), 'leftKnot')
    const rightKnot = perInput(graph, inputSize, count, (i, j) => knot(i, j + k + 1), 'rightKnot')
    const leftWidth = perInput(graph, inputSize, count, (i, j) => width(i, j, k), 'leftWidth')
    const rightWidth = perInput(graph, inputSize, count, (i, j) => width(i, j + 1, k), 'rightWidth')
    const previous = graph.node('Slice', [basis, graph.int64s([0]), graph.int64s([count]), lastAxis])
    const next = graph.node('Slice', [basis, graph.int64s([1]), graph.int64s([count + 1]), lastAxis])
    const leftTerm = graph.node('Mul', [graph.node('Sub', [x, leftKnot]), graph.node('Div', [previous, leftWidth])])
    const rightTerm = graph.node('Mul', [graph.node('Sub', [rightKnot, x]), graph.node('Div', [next, rightWidth])])
    basis = graph.node('Add', [leftTerm, rightTerm])
  }
  const first = perInput(graph, inputSize, 1, (i) => knot(i, 0), 'firstKnot')
  const end = perInput(graph, inputSize, 1, (i) => knot(i, knotCount - 1), 'lastKnot')
  const outside = graph.node('Or', [graph.node('Less', [x, first]), graph.node('Greater', [x, end])])
  return graph.node('Where', [outside, graph.scalar(0), basis])
}

/** [out, in, …] parameter values as an [in, 1, out] constant (the per-input batched layout below). */
function scalesByInput(graph: GraphBuilder, scale: Tensor, label: string): string {
  const [outputSize, inputSize] = scale.shape
  const values = Array.from({ length: inputSize * outputSize }, (_, k) => scale.data[(k % outputSize) * inputSize + Math.floor(k / outputSize)])
  return graph.constant(values, [inputSize, 1, outputSize], graph.dtype, label)
}

export function writeKan(graph: GraphBuilder, layer: Kan, x: string): string {
  const { knots, coefficients, splineScale, baseScale } = layer.weights
  const { inputSize, outputSize, order } = layer
  const knotCount = knots.shape[1], basisCount = coefficients.shape[2]
  const basis = bsplineBasis(graph, graph.node('Unsqueeze', [x, graph.int64s([2])]), knots.data, inputSize, knotCount, order)
  // per input i: [batch, basisCount]·[basisCount, out], batched over i
  const c = coefficients.data
  const byInput = Array.from({ length: inputSize * basisCount * outputSize }, (_, k) => {
    const o = k % outputSize, j = Math.floor(k / outputSize) % basisCount, i = Math.floor(k / (outputSize * basisCount))
    return c[(o * inputSize + i) * basisCount + j]
  })
  const splines = graph.node('MatMul', [graph.node('Transpose', [basis], [ints('perm', [1, 0, 2])]),
    graph.constant(byInput, [inputSize, basisCount, outputSize], graph.dtype, 'coefficients')])
  let edges = graph.node('Mul', [scalesByInput(graph, splineScale, 'splineScale'), splines])   // [in, batch, out]
  if (baseScale) {
    const base = layer.base === 'silu' ? writeActivation(graph, 'silu', x, 0) : x
    const baseByInput = graph.node('Unsqueeze', [graph.node('Transpose', [base], [ints('perm', [1, 0])]), graph.int64s([2])])
    edges = graph.node('Add', [graph.node('Mul', [scalesByInput(graph, baseScale, 'baseScale'), baseByInput]), edges])
  }
  return graph.node('ReduceSum', [edges, graph.int64s([0])], [int('keepdims', 0)])
}
