// kanTransform: a KAN layer's function y[b,o] = Σ_i φ_oi(x[b,i]) with φ_oi(t) = baseScale[o,i]·base(t) + splineScale[o,i]·spline_oi(t),
// spline_oi(t) = Σ_j coefficients[o,i,j]·B_j(t) over the B-splines of input i's knots (efficient-kan's formulation). Zero beyond
// the whole (extended) knot vector, as efficient-kan; between the grid's ends and the extension's ends the end polynomials
// continue, where efficient-kan's partial sums of B-splines fall off towards 0 — so inputs a little beyond the samples the grid
// was fitted to (a test set) keep the accuracy of the training range. Differentiable in x, the coefficients and both scales;
// the knots are data (updateGrid and refineGrid move them). One fused kernel each way: the forward caches the basis rows (and
// their derivatives when x needs a gradient) that its backward reads.
import type { Tensor } from '../tensor/tensor'
import { bsplineMaxDegree, type KanLayout } from '../backend/kernels'
import { checkBsplineKnots } from '../backend/validate-checks'
import { isGradEnabled, record } from '../autograd/tape'
import { formatShape } from '../tensor/shape'
import { checkPair, checkTensor } from './internal'
import { unzeroed } from '../tensor/allocate'
import { reshape, transpose } from './structure'
import { silu } from './activation'

export const kanBaseNames = ['silu', 'identity', 'none'] as const
/** The base branch beside the spline: SiLU (efficient-kan, pykan), the input itself, or none. */
export type KanBase = (typeof kanBaseNames)[number]

export interface KanWeights {
  /** [in, knotCount]: each input's knot vector (non-decreasing, knotCount = basisCount + degree + 1). */
  knots: Tensor
  /** [out, in, basisCount] */
  coefficients: Tensor
  /** [out, in] */
  splineScale: Tensor
  /** [out, in], or null for base 'none'. */
  baseScale: Tensor | null
}

export interface KanTransformOptions {
  /** The spline degree (3: cubic). */
  degree: number
  base: KanBase
  /** Every input's knots equally spaced (a faster span search; the results are the same either way). */
  uniform?: boolean
  /** Return every edge's φ_oi(x[b,i]) as [batch, in, out] instead of their sums over i. */
  edges?: boolean
}

function checkWeights(x: Tensor, weights: KanWeights, options: KanTransformOptions): KanLayout {
  const where = 'kanTransform'
  if (x.rank !== 2) throw new RangeError(`${where}: x must be [batch, in], got ${formatShape(x.shape)}`)
  const [batch, inputSize] = x.shape
  const { knots, coefficients, splineScale, baseScale } = weights
  for (const [name, t] of [['knots', knots], ['coefficients', coefficients], ['splineScale', splineScale]] as const) checkPair(where, x, checkTensor(where, name, t))
  if (coefficients.rank !== 3 || coefficients.shape[1] !== inputSize) {
    throw new RangeError(`${where}: coefficients must be [out, ${inputSize}, basisCount] for x ${formatShape(x.shape)}, got ${formatShape(coefficients.shape)}`)
  }
  const [outputSize, , basisCount] = coefficients.shape
  const degree = options.degree
  if (!Number.isInteger(degree) || degree < 0 || degree > bsplineMaxDegree) throw new RangeError(`${where}: degree must be an integer in [0, ${bsplineMaxDegree}], got ${degree}`)
  if (!kanBaseNames.includes(options.base)) throw new TypeError(`${where}: base must be one of ${kanBaseNames.join(', ')}, got ${JSON.stringify(options.base)}`)
  if (knots.rank !== 2 || knots.shape[0] !== inputSize || knots.shape[1] !== basisCount + degree + 1) {
    throw new RangeError(`${where}: knots must be [${inputSize}, basisCount + degree + 1 = ${basisCount + degree + 1}], got ${formatShape(knots.shape)}`)
  }
  const scales = baseScale ? [splineScale, checkTensor(where, 'baseScale', baseScale)] : [splineScale]
  for (const scale of scales) {
    checkPair(where, x, scale)
    if (formatShape(scale.shape) !== formatShape([outputSize, inputSize])) {
      throw new RangeError(`${where}: the scales must be [${outputSize}, ${inputSize}] (out, in), got ${formatShape(scale.shape)}`)
    }
  }
  if ((options.base === 'none') !== (baseScale === null)) throw new TypeError(`${where}: baseScale must be null exactly when base is 'none'`)
  const knotCount = knots.shape[1], knotValues = knots.data
  for (let i = 0; i < inputSize; i++) {
    const row = knotValues.subarray(i * knotCount, (i + 1) * knotCount)
    checkBsplineKnots(`${where}: knots of input ${i}`, row, knotCount, degree)
    if (!(row[0] < row[1] && row[knotCount - 2] < row[knotCount - 1])) {
      throw new RangeError(`${where}: knots of input ${i} must increase at both ends (a KAN grid's extension), got ${row[0]}, ${row[1]} … ${row[knotCount - 2]}, ${row[knotCount - 1]}`)
    }
  }
  return { batch, inputSize, outputSize, knotCount, degree, uniform: options.uniform ?? false, edges: options.edges ?? false }
}

/** The Int32Array view of a float32 tensor's bytes (re-derived on each use: a wasm memory grow detaches views). */
function int32View(holder: Tensor): Int32Array {
  const bytes = holder.data
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length)
}

export function kanTransform(x: Tensor, weights: KanWeights, options: KanTransformOptions): Tensor {
  const input = checkTensor('kanTransform', 'x', x)
  const layout = checkWeights(input, weights, options)
  const { batch, inputSize, outputSize, degree, edges } = layout
  const { context, dtype } = input
  const basisCount = weights.coefficients.shape[2]
  const coefficients = transpose(reshape(weights.coefficients, [outputSize, inputSize * basisCount]))   // [in·basis, out]
  const splineScale = transpose(weights.splineScale)
  const baseScale = weights.baseScale ? transpose(weights.baseScale) : null
  const base = options.base === 'none' ? null : options.base === 'silu' ? silu(input) : input
  const withSlopes = input.requiresGrad && isGradEnabled()
  const rows = inputSize * batch * (degree + 1)
  // the kernel writes every element of these (the sum's rows it zeroes itself)
  const out = unzeroed(context, dtype, edges ? [batch, inputSize, outputSize] : [batch, outputSize])
  const spans = unzeroed(context, 'float32', [inputSize * batch])   // int32 spans in 4-byte elements
  const values = unzeroed(context, dtype, [rows])
  const derivatives = withSlopes ? unzeroed(context, dtype, [rows]) : null
  context.kernels.kanForward(out.data, int32View(spans), values.data, derivatives?.data ?? null, input.data, weights.knots.data,
    coefficients.data, splineScale.data, base?.data ?? null, baseScale?.data ?? null, layout)

  const inputs = [input, base, coefficients, splineScale, baseScale]
  return record(out, 'kanTransform', inputs.filter((t): t is Tensor => t !== null), (grad) => {
    // the kernel writes every element of these too (it zeroes the sums it accumulates itself)
    const gradX = derivatives ? unzeroed(context, dtype, input.shape) : null
    const gradBase = base?.requiresGrad ? unzeroed(context, dtype, input.shape) : null
    const gradCoefficients = unzeroed(context, dtype, coefficients.shape)
    const gradSplineScale = unzeroed(context, dtype, splineScale.shape)
    const gradBaseScale = baseScale ? unzeroed(context, dtype, baseScale.shape) : null
    context.kernels.kanBackward(gradX?.data ?? null, gradBase?.data ?? null, gradCoefficients.data, gradSplineScale.data,
      gradBaseScale?.data ?? null, grad.data, int32View(spans), values.data, derivatives?.data ?? null, coefficients.data,
      splineScale.data, base?.data ?? null, baseScale?.data ?? null, layout)
    const grads = [gradX, gradBase, gradCoefficients, gradSplineScale, gradBaseScale]
    return grads.filter((_, k) => inputs[k] !== null)
  })
}
