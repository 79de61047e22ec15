// symbolicEdges: the symbolic edges of a KAN layer, y[b,o] = Σ over the symbolic edges (o, i) of c·f(a·x[b,i] + b′) + d, with
// f from the symbolic library and (a, b′, c, d) = parameters[o, i, 0..3] trained like any weight (pykan's Symbolic_KANLayer).
// The few edges an autoSymbolic leaves are evaluated here in float64 with curvenet's own math (src/math) and rounded once to
// the dtype at the end: one TypeScript path for both backends, so js and wasm give the same bits by construction.
// Differentiable in x and the parameters; a value outside a function's domain (log of a negative) is NaN, which fit()
// reports as a TrainingError before any update.
import type { Tensor } from '../tensor/tensor'
import { record } from '../autograd/tape'
import { formatShape } from '../tensor/shape'
import { roundingOfDtype } from '../math/precision'
import { empty } from '../tensor/allocate'
import type { SymbolicFunction } from '../symbolic/library'
import { checkPair, checkTensor } from './internal'

export interface SymbolicEdge {
  readonly output: number
  readonly input: number
  readonly fn: SymbolicFunction
}

/** x [batch, in], parameters [out, in, 4]; → [batch, out], or with `edges` every edge's value as [batch, in, out] (0 where
 *  an edge is not symbolic), as kanTransform's per-edge mode. */
export function symbolicEdges(x: Tensor, parameters: Tensor, list: readonly SymbolicEdge[], options: { edges?: boolean } = {}): Tensor {
  const where = 'symbolicEdges'
  checkTensor(where, 'x', x)
  checkTensor(where, 'parameters', parameters)
  checkPair(where, x, parameters)
  if (x.rank !== 2 || parameters.rank !== 3 || parameters.shape[1] !== x.shape[1] || parameters.shape[2] !== 4) {
    throw new RangeError(`${where}: expected x [batch, in] and parameters [out, in, 4], got ${formatShape(x.shape)} and ${formatShape(parameters.shape)}`)
  }
  const [batch, inputSize] = x.shape, outputSize = parameters.shape[0]
  for (const { output, input } of list) {
    if (!(output >= 0 && output < outputSize && input >= 0 && input < inputSize)) throw new RangeError(`${where}: edge (${output}, ${input}) is outside [${outputSize}, ${inputSize}]`)
  }
  const edges = options.edges ?? false
  const round = roundingOfDtype(x.dtype)
  const inputs = Float64Array.from(x.data), weights = Float64Array.from(parameters.data)
  const values = new Float64Array(batch * (edges ? inputSize * outputSize : outputSize))
  for (let b = 0; b < batch; b++) {
    for (const { output: o, input: i, fn } of list) {
      const p = (o * inputSize + i) * 4
      const value = weights[p + 2] * fn.evaluate(weights[p] * inputs[b * inputSize + i] + weights[p + 1]) + weights[p + 3]
      values[edges ? (b * inputSize + i) * outputSize + o : b * outputSize + o] += value
    }
  }
  const out = empty(x.context, x.dtype, edges ? [batch, inputSize, outputSize] : [batch, outputSize])
  out.data.set(values.map(round))

  return record(out, 'symbolicEdges', [x, parameters], (grad) => {
    const upstream = Float64Array.from(grad.data)
    const gradX = new Float64Array(batch * inputSize), gradParameters = new Float64Array(outputSize * inputSize * 4)
    for (let b = 0; b < batch; b++) {
      for (const { output: o, input: i, fn } of list) {
        const p = (o * inputSize + i) * 4, t = inputs[b * inputSize + i]
        const g = upstream[edges ? (b * inputSize + i) * outputSize + o : b * outputSize + o]
        const u = weights[p] * t + weights[p + 1]
        const slope = weights[p + 2] * fn.derivative(u)   // d value / d u
        gradX[b * inputSize + i] += g * slope * weights[p]
        gradParameters[p] += g * slope * t
        gradParameters[p + 1] += g * slope
        gradParameters[p + 2] += g * fn.evaluate(u)
        gradParameters[p + 3] += g
      }
    }
    const dx = empty(x.context, x.dtype, x.shape), dp = empty(x.context, x.dtype, parameters.shape)
    dx.data.set(gradX.map(round))
    dp.data.set(gradParameters.map(round))
    return [dx, dp]
  })
}
