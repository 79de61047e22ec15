// KAN layer forward and backward (efficient formulation): the specification. Layout: x, baseValues, gradX, gradBaseValues [batch × in];
// knots [in × knotCount]; basis cache spans [in × batch], values/derivatives [in × batch × (degree+1)]; coefficients and their gradient
// [in × basisCount × out]; scales and their gradients [in × out]; out, gradOut [batch × out] (per edge [batch × in × out]). Outputs
// overlap nothing. Every operation is rounded to the dtype (src/math/precision.ts); kanForward (assembly/kan.ts) and kanBackward
// (assembly/kan-backward.ts) must equal this bit for bit.
import type { FloatArray, KanLayout, Kernels } from '../kernels'
import { bsplineBasis } from '../../math/bspline'
import { roundingOf, type Round } from '../../math/precision'

/** Samples per basis call (per input); the wasm kernel blocks the same way. */
const BLOCK = 64
/** One block's column of x, gathered for bsplineBasis (kernels never allocate). */
const columns = { float32: new Float32Array(BLOCK), float64: new Float64Array(BLOCK) }

/** Stores every NaN of array[0, length) as the canonical NaN (what canonical() gives), writing only where a NaN is:
 *  storing every element back cost ~0.5 ms of a ~75 ms float64 KAN [4,64,1] step at batch 3000. */
function canonicalize(array: FloatArray, length: number): void {
  for (let k = 0; k < length; k++) if (array[k] !== array[k]) array[k] = NaN
}

/** Σ_r weights[row + r]·c[first + r·stride], r ascending from 0: a spline's value (weights = basis) or its slope (= derivatives). */
function combine(weights: FloatArray, row: number, width: number, c: FloatArray, first: number, stride: number, round: Round): number {
  let total = 0
  for (let r = 0; r < width; r++) total = round(total + round(weights[row + r] * c[first + r * stride]))
  return total
}

export function kanForward(out: FloatArray, spans: Int32Array, values: FloatArray, derivatives: FloatArray | null, x: FloatArray,
  knots: FloatArray, coefficients: FloatArray, splineScale: FloatArray, baseValues: FloatArray | null, baseScale: FloatArray | null,
  layout: KanLayout): void {
  const round = roundingOf(out)
  const column = out instanceof Float32Array ? columns.float32 : columns.float64
  const { batch, inputSize, outputSize, knotCount, degree, uniform, edges } = layout
  const basisCount = knotCount - degree - 1, width = degree + 1
  const outLength = edges ? batch * inputSize * outputSize : batch * outputSize
  if (!edges) out.fill(0, 0, outLength)
  for (let start = 0; start < batch; start += BLOCK) {
    const count = Math.min(BLOCK, batch - start)
    for (let i = 0; i < inputSize; i++) {
      for (let p = 0; p < count; p++) column[p] = x[(start + p) * inputSize + i]
      const rows = (i * batch + start) * width
      bsplineBasis(spans.subarray(i * batch + start), values.subarray(rows), derivatives ? derivatives.subarray(rows) : null, column, count,
        knots.subarray(i * knotCount, (i + 1) * knotCount), knotCount, degree, 'knots', uniform)   // zero beyond the whole knot vector
      for (let b = start; b < start + count; b++) {
        const row = edges ? (b * inputSize + i) * outputSize : b * outputSize
        const first = (i * basisCount + spans[i * batch + b] - degree) * outputSize   // c[i, span − degree, 0]
        const base = baseValues ? baseValues[b * inputSize + i] : 0
        for (let o = 0; o < outputSize; o++) {
          let term = round(splineScale[i * outputSize + o] * combine(values, (i * batch + b) * width, width, coefficients, first + o, outputSize, round))
          if (baseValues && baseScale) term = round(round(baseScale[i * outputSize + o] * base) + term)
          out[row + o] = edges ? term : round(out[row + o] + term)
        }
      }
    }
  }
  canonicalize(out, outLength)
}

export function kanBackward(gradX: FloatArray | null, gradBaseValues: FloatArray | null, gradCoefficients: FloatArray,
  gradSplineScale: FloatArray, gradBaseScale: FloatArray | null, gradOut: FloatArray, spans: Int32Array, values: FloatArray,
  derivatives: FloatArray | null, coefficients: FloatArray, splineScale: FloatArray, baseValues: FloatArray | null,
  baseScale: FloatArray | null, layout: KanLayout): void {
  const round = roundingOf(gradOut)
  const { batch, inputSize, outputSize, knotCount, degree, edges } = layout
  const basisCount = knotCount - degree - 1, width = degree + 1
  gradCoefficients.fill(0, 0, inputSize * basisCount * outputSize)
  gradSplineScale.fill(0, 0, inputSize * outputSize)
  gradBaseScale?.fill(0, 0, inputSize * outputSize)
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < inputSize; i++) {
      const gradRow = edges ? (b * inputSize + i) * outputSize : b * outputSize
      const first = (i * basisCount + spans[i * batch + b] - degree) * outputSize
      const row = (i * batch + b) * width
      const base = baseValues ? baseValues[b * inputSize + i] : 0
      let total = 0, baseTotal = 0
      for (let o = 0; o < outputSize; o++) {
        const g = gradOut[gradRow + o], edge = i * outputSize + o
        gradSplineScale[edge] = round(gradSplineScale[edge] + round(g * combine(values, row, width, coefficients, first + o, outputSize, round)))
        if (gradBaseScale) gradBaseScale[edge] = round(gradBaseScale[edge] + round(g * base))
        const weight = round(g * splineScale[edge])
        for (let r = 0; r < width; r++) {
          const k = first + r * outputSize + o
          gradCoefficients[k] = round(gradCoefficients[k] + round(weight * values[row + r]))
        }
        if (gradBaseValues && baseScale) baseTotal = round(baseTotal + round(g * baseScale[edge]))
        if (gradX && derivatives) {
          total = round(total + round(g * round(splineScale[edge] * combine(derivatives, row, width, coefficients, first + o, outputSize, round))))
        }
      }
      if (gradX) gradX[b * inputSize + i] = total
      if (gradBaseValues) gradBaseValues[b * inputSize + i] = baseTotal
    }
  }
  for (const output of [gradX, gradBaseValues]) if (output) canonicalize(output, batch * inputSize)
  canonicalize(gradCoefficients, inputSize * basisCount * outputSize)
  canonicalize(gradSplineScale, inputSize * outputSize)
  if (gradBaseScale) canonicalize(gradBaseScale, inputSize * outputSize)
}

export const kanKernels: Pick<Kernels, 'kanForward' | 'kanBackward'> = { kanForward, kanBackward }
