// Bezier evaluation at many parameters and the Bernstein weights behind it: the specification.
// Control points row-major [(degree+1)×dimension], ts [count], out row-major; out must not overlap the
// inputs. Every operation is rounded to out's dtype (src/math/precision.ts). bezierEvaluate and
// bernsteinBasis of assembly/bezier.ts must equal this bit for bit.
import type { FloatArray, Kernels } from '../kernels'
import { bernsteinWeightsInto } from '../../math/bernstein'
import { canonical, roundingOf } from '../../math/precision'

/** Reused between calls (grown when a larger degree comes) so that evaluation allocates nothing per call. */
let weightsWorkspace = new Float64Array(16)

/**
 * out[p, j] = Σ_i B_{i,degree}(ts[p])·points[i, j], the sum in i order starting from the i = 0 term
 * (w[0]·P[0,j] + w[1]·P[1,j]) + …; weights as in bernsteinWeightsInto. A NaN result is canonical.
 */
export function bezierEvaluate(out: FloatArray, points: FloatArray, ts: FloatArray, degree: number, dimension: number, count: number): void {
  const round = roundingOf(out)
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
  const round = roundingOf(out)
  const width = degree + 1
  for (let p = 0; p < count; p++) {
    bernsteinWeightsInto(out, p * width, ts[p], degree, round)
    for (let i = 0; i < width; i++) out[p * width + i] = canonical(out[p * width + i])
  }
}

export const bezierKernels: Pick<Kernels, 'bezierEvaluate' | 'bernsteinBasis'> = { bezierEvaluate, bernsteinBasis }
