// Bezier evaluation at many parameters and the Bernstein weights behind it: the specification.
// Control points row-major [(degree+1)×dimension], ts [count], out row-major; out must not overlap the
// inputs. Every float32 operation is rounded with Math.fround. assembly/bezier.ts must equal this.
import type { FloatArray, Kernels } from '../kernels'

type Round = (x: number) => number
const exact: Round = (x) => x

/** Reused between calls (grown when a larger degree comes) so that evaluation allocates nothing per call. */
let weightsWorkspace = new Float64Array(16)

/**
 * weights[offset + i] = B_{i,degree}(t) for i = 0…degree, by the triangle of de Casteljau on the unit
 * basis, s = 1 − t (for t in [0, 1] only sums of non-negative terms, so no cancellation):
 *   w[0] = 1;  for k = 1…degree: w[k] = t·w[k−1]; w[i] = s·w[i] + t·w[i−1] for i = k−1 down to 1; w[0] = s·w[0].
 * Exported for the curve classes, whose float64 at(t) equals the kernel bit for bit.
 */
export function bernsteinWeightsInto(weights: FloatArray, offset: number, t: number, degree: number, round: Round = exact): void {
  const s = round(1 - t)
  weights[offset] = 1
  for (let k = 1; k <= degree; k++) {
    weights[offset + k] = round(t * weights[offset + k - 1])
    for (let i = k - 1; i >= 1; i--) weights[offset + i] = round(round(s * weights[offset + i]) + round(t * weights[offset + i - 1]))
    weights[offset] = round(s * weights[offset])
  }
}

/** NaN → the canonical quiet NaN, as the wasm kernels store it. */
function canonical(x: number): number {
  return x !== x ? NaN : x
}

/**
 * out[p, j] = Σ_i B_{i,degree}(ts[p])·points[i, j], the sum in i order starting from the i = 0 term
 * (w[0]·P[0,j] + w[1]·P[1,j]) + …; weights as in bernsteinWeightsInto. A NaN result is canonical.
 */
export function bezierEvaluate(out: FloatArray, points: FloatArray, ts: FloatArray, degree: number, dimension: number, count: number): void {
  const round = out instanceof Float32Array ? Math.fround : exact
  if (weightsWorkspace.length < degree + 1) weightsWorkspace = new Float64Array(2 * (degree + 1))
  const weights = weightsWorkspace
  for (let p = 0; p < count; p++) {
    bernsteinWeightsInto(weights, 0, ts[p], degree, round)
    for (let j = 0; j < dimension; j++) {
      let sum = round(weights[0] * points[j])
      for (let i = 1; i <= degree; i++) sum = round(sum + round(weights[i] * points[i * dimension + j]))
      out[p * dimension + j] = canonical(sum)
    }
  }
}

/** out[p, i] = B_{i,degree}(ts[p]) for i = 0…degree (rows of degree+1), computed as in bernsteinWeightsInto; a NaN is canonical. */
export function bernsteinBasis(out: FloatArray, ts: FloatArray, degree: number, count: number): void {
  const round = out instanceof Float32Array ? Math.fround : exact
  const width = degree + 1
  for (let p = 0; p < count; p++) {
    bernsteinWeightsInto(out, p * width, ts[p], degree, round)
    for (let i = 0; i < width; i++) out[p * width + i] = canonical(out[p * width + i])
  }
}

export const bezierKernels: Pick<Kernels, 'bezierEvaluate' | 'bernsteinBasis'> = { bezierEvaluate, bernsteinBasis }
