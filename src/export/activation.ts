// act(name) as ONNX nodes: each activation written as the formula curvenet's kernel computes
// (src/backend/js/activations.ts), in the model's dtype, with operators onnxruntime's CPU provider
// has in float32 and float64 alike (it has no float64 Softplus: softplus is written out, one rule
// for both dtypes).
import type { ActName } from '../nn/activation-layer'
import { int, type GraphBuilder } from './graph'

// GELU's tanh form as curvenet writes it, x·σ(x·(A + B·x²)); the same constants as the kernel.
const GELU_A = 1.5957691216057308    // 2·√(2/π)
const GELU_B = 0.07135481627260025   // 2·√(2/π)·0.044715

/**
 * log(1 + u) for u ≥ 0 to a few ulps with basic operators (Goldberg's trick): with w = 1 + u rounded,
 * log(w)·u/(w − 1) cancels the rounding of w; where w rounds to 1 the answer is u itself.
 */
function log1p(graph: GraphBuilder, u: string): string {
  const w = graph.node('Add', [graph.scalar(1), u])
  const corrected = graph.node('Mul', [graph.node('Log', [w]), graph.node('Div', [u, graph.node('Sub', [w, graph.scalar(1)])])])
  return graph.node('Where', [graph.node('Equal', [w, graph.scalar(1)]), u, corrected])
}

export function writeActivation(graph: GraphBuilder, name: ActName, x: string, alpha: number): string {
  switch (name) {
    case 'identity': return graph.node('Identity', [x])
    case 'relu': return graph.node('Relu', [x])
    // x < 0 ? α·x : x, the kernel's select (Where keeps NaN and −0 as it does)
    case 'leakyRelu': return graph.node('Where', [graph.node('Less', [x, graph.scalar(0)]), graph.node('Mul', [x, graph.scalar(alpha)]), x])
    case 'sigmoid': return graph.node('Sigmoid', [x])
    case 'tanh': return graph.node('Tanh', [x])
    // x/(1 + e^(−x)), not x·Sigmoid(x): onnxruntime's optimizer rewrites the latter into its QuickGelu, which has no
    // float64 kernel (microsoft/onnxruntime#32421), so a float64 model would not load
    case 'silu': return graph.node('Div', [x, graph.node('Add', [graph.scalar(1), graph.node('Exp', [graph.node('Neg', [x])])])])
    case 'gelu': {
      const slope = graph.node('Add', [graph.scalar(GELU_A), graph.node('Mul', [graph.scalar(GELU_B), graph.node('Mul', [x, x])])])
      return graph.node('Mul', [x, graph.node('Sigmoid', [graph.node('Mul', [x, slope])])])
    }
    // max(x, 0) + log1p(e^(−|x|)): never overflows, and accurate for large negative x
    case 'softplus': {
      const decay = graph.node('Exp', [graph.node('Neg', [graph.node('Abs', [x])])])
      return graph.node('Add', [graph.node('Relu', [x]), log1p(graph, decay)])
    }
    case 'sin': return graph.node('Sin', [x])
    case 'cos': return graph.node('Cos', [x])
    case 'softmax': return graph.node('Softmax', [x], [int('axis', -1)])
  }
}
