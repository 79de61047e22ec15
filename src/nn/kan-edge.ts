// layer.edge(output, input): one learned activation φ_oi of a KAN layer, readable on its own. evaluate runs the layer's own
// kernel on that edge alone (kanTransform's per-edge mode over a one-input slice of the weights), so it equals the layer's
// φ_oi bit for bit at any x, inside or beyond the grid, on either backend; the parts — the spline as a BSpline with the
// layer's outside rule ('knots'), the base function and both scales — say what that function is made of. A symbolic edge
// evaluates its c·f(a·t + b) + d by the layer's symbolic op, again the layer's bits.
import { tensor } from '../tensor/create'
import { scope } from '../tensor/scope'
import { noGrad } from '../autograd/tape'
import type { DType } from '../backend/kernels'
import { kanTransform, type KanBase } from '../ops/kan'
import { symbolicEdges } from '../ops/kan-symbolic'
import { BSpline } from '../curves/bspline'
import { silu } from '../ops/activation'
import type { Kan } from './kan'

export interface KanEdge {
  readonly output: number
  readonly input: number
  /** The spline degree (the layer's order). */
  readonly order: number
  readonly base: KanBase
  readonly dtype: DType
  /** φ(t) = baseScale·base(t) + splineScale·spline(t). baseScale is 0 for base 'none'. */
  readonly baseScale: number
  readonly splineScale: number
  /** This input's knots and this edge's coefficients (copies, in the layer's dtype's values). */
  readonly knots: Float64Array
  readonly coefficients: Float64Array
  /** The grid's span [knots[order], knots[n]]; the end polynomials continue to the first and last knot, then 0. */
  readonly range: [number, number]
  /** Σ_j c_j·B_j(t) as a 1-D curve, outside rule 'knots' (the layer's). */
  readonly spline: BSpline
  /** Set when the edge is symbolic (fixSymbolic / autoSymbolic): φ(t) = c·f(a·t + b) + d, f the library function `name`;
   *  the spline and base parts above are then masked out of the layer (kept for removeSymbolic). */
  readonly symbolic: { name: string; a: number; b: number; c: number; d: number } | null
  /** base(t) alone, by the layer's own activation kernel (silu, identity, or 0 for 'none'). */
  baseFunction(t: number): number
  /** φ(t), the layer's bits. */
  evaluate(t: number): number
  /** φ at every t, the layer's bits, as a Float64Array holding the dtype's values. */
  evaluateMany(ts: ArrayLike<number>): Float64Array
}

export function checkEdgeIndex(where: string, name: string, value: unknown, size: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= size) {
    throw new RangeError(`${where}: ${name} must be an integer in [0, ${size - 1}], got ${typeof value === 'number' ? value : typeof value}`)
  }
  return value
}

export function kanEdge(layer: Kan, output: number, input: number): KanEdge {
  const where = `kan(${layer.inputSize}, ${layer.outputSize}).edge`
  const { knots, coefficients, splineScale, baseScale } = layer.weights
  const o = checkEdgeIndex(where, 'output', output, layer.outputSize), i = checkEdgeIndex(where, 'input', input, layer.inputSize)
  const dtype = knots.dtype, order = layer.order, base = layer.base
  const knotCount = knots.shape[1], basisCount = coefficients.shape[2]
  const edgeKnots = Float64Array.from(knots.data.subarray(i * knotCount, (i + 1) * knotCount))
  const edgeCoefficients = Float64Array.from(coefficients.data.subarray((o * layer.inputSize + i) * basisCount, (o * layer.inputSize + i + 1) * basisCount))
  const scale = splineScale.data[o * layer.inputSize + i], baseWeight = baseScale ? baseScale.data[o * layer.inputSize + i] : 0
  const symbolicEdge = layer.symbolicEdge(o, i)
  const symbolicValues = symbolicEdge && layer.symbolicParameters
    ? Float64Array.from(layer.symbolicParameters.data.subarray((o * layer.inputSize + i) * 4, (o * layer.inputSize + i + 1) * 4)) : null

  const evaluateMany = (ts: ArrayLike<number>): Float64Array => {
    if (ts === null || typeof ts !== 'object' || typeof ts.length !== 'number') throw new TypeError(`${where}: evaluateMany takes an array of numbers`)
    const values = Float64Array.from(ts)   // any numbers: NaN and ±Infinity give what the layer gives
    if (values.length === 0) return values
    return noGrad(() => scope(() => {
      const column = tensor(values, { dtype, shape: [values.length, 1] })
      if (symbolicEdge && symbolicValues) {
        const parameters = tensor(symbolicValues, { dtype, shape: [1, 1, 4] })
        return Float64Array.from(symbolicEdges(column, parameters, [{ output: 0, input: 0, fn: symbolicEdge.fn }]).data)
      }
      const weights = {
        knots: tensor(edgeKnots, { dtype, shape: [1, knotCount] }),
        coefficients: tensor(edgeCoefficients, { dtype, shape: [1, 1, basisCount] }),
        splineScale: tensor([[scale]], { dtype }),
        baseScale: baseScale ? tensor([[baseWeight]], { dtype }) : null,
      }
      const phi = kanTransform(column, weights, { degree: order, base, edges: true })
      return Float64Array.from(phi.data)
    }))
  }

  return {
    output: o, input: i, order, base, dtype, baseScale: baseWeight, splineScale: scale,
    knots: edgeKnots, coefficients: edgeCoefficients,
    symbolic: symbolicEdge && symbolicValues
      ? { name: symbolicEdge.fn.name, a: symbolicValues[0], b: symbolicValues[1], c: symbolicValues[2], d: symbolicValues[3] } : null,
    range: [edgeKnots[order], edgeKnots[knotCount - order - 1]],
    spline: new BSpline(edgeKnots, edgeCoefficients, order, { dtype, outside: 'knots' }),
    baseFunction: (t) => {
      if (base === 'none') return 0
      if (base === 'identity') return dtype === 'float32' ? Math.fround(t) : t
      return noGrad(() => scope(() => silu(tensor([t], { dtype })).data[0]))
    },
    evaluate: (t) => {
      if (typeof t !== 'number') throw new TypeError(`${where}: evaluate takes a number, got ${typeof t}`)
      return evaluateMany([t])[0]
    },
    evaluateMany,
  }
}
