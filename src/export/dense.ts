// dense and sine as ONNX nodes: x·W + b is one Gemm (a MatMul without a bias), and a sine layer is
// Sin(w0·(x·W + b)) with w0 a separate Mul, as the layer computes it (folding w0 into W and b would
// round differently).
import type { Dense } from '../nn/dense'
import type { Sine } from '../nn/sine'
import type { GraphBuilder } from './graph'
import type { Tensor } from '../tensor/tensor'

function affine(graph: GraphBuilder, x: string, weight: Tensor, bias: Tensor | undefined): string {
  const w = graph.weight(weight, 'weight')
  return bias ? graph.node('Gemm', [x, w, graph.weight(bias, 'bias')]) : graph.node('MatMul', [x, w])
}

export function writeDense(graph: GraphBuilder, layer: Dense, x: string): string {
  return affine(graph, x, layer.weight as Tensor, layer.bias)
}

export function writeSine(graph: GraphBuilder, layer: Sine, x: string): string {
  const scaled = graph.node('Mul', [affine(graph, x, layer.weight as Tensor, layer.bias), graph.scalar(layer.w0, 'w0')])
  return graph.node('Sin', [scaled])
}
