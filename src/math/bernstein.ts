// The Bernstein weights of one parameter, shared by the js bezierEvaluate/bernsteinBasis kernels
// (src/backend/js/bezier.ts) and the curve classes (their float64 at(t) equals the kernel bit for bit).
// One lane of bernsteinWeights in assembly/bezier.ts, the same operations in the same order.
import { roundDouble, type Round } from './precision'

/**
 * weights[offset + i] = B_{i,degree}(t) for i = 0…degree, by the triangle of de Casteljau on the unit
 * basis, s = 1 − t (for t in [0, 1] only sums of non-negative terms, so no cancellation):
 *   w[0] = 1;  for k = 1…degree: w[k] = t·w[k−1]; w[i] = s·w[i] + t·w[i−1] for i = k−1 down to 1; w[0] = s·w[0].
 * `weights` is a float64 array or one of `round`'s dtype.
 */
export function bernsteinWeightsInto(weights: Float32Array | Float64Array, offset: number, t: number, degree: number, round: Round = roundDouble): void {
  const s = round(1 - t)
  weights[offset] = 1
  for (let k = 1; k <= degree; k++) {
    weights[offset + k] = round(t * weights[offset + k - 1])
    for (let i = k - 1; i >= 1; i--) weights[offset + i] = round(round(s * weights[offset + i]) + round(t * weights[offset + i - 1]))
    weights[offset] = round(s * weights[offset])
  }
}
