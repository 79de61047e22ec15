// bezierCurve: points of one Bezier at many parameters, differentiable in the control points and in
// the parameters, so curves can be fitted by gradient descent. With W[p, i] = B_{i,n}(t_p) and
// G = dL/d(out):   dL/dP = Wᵀ·G        dL/dt_p = Σ_j B'(t_p)_j·G[p, j]   (B' the hodograph).
import type { Tensor } from '../tensor/tensor'
import { bezierMaxDegree } from '../backend/kernels'
import { formatShape } from '../tensor/shape'
import { record } from '../autograd/tape'
import { checkPair, checkTensor } from './internal'
import { empty } from '../tensor/allocate'
import { matmul } from './matmul'

/**
 * out[count×d] = the Bezier with controlPoints [(n+1)×d] at ts [count]. Any t is taken (outside
 * [0, 1] the polynomial extends the curve), so a descent step that overshoots does not fail.
 */
export function bezierCurve(controlPoints: Tensor, ts: Tensor): Tensor {
  const points = checkTensor('bezierCurve', 'controlPoints', controlPoints)
  const parameters = checkTensor('bezierCurve', 'ts', ts)
  checkPair('bezierCurve', points, parameters)
  if (points.rank !== 2 || points.shape[0] < 1 || points.shape[1] < 1) {
    throw new RangeError(`bezierCurve: controlPoints must be [degree+1, dimension] with both ≥ 1, got shape ${formatShape(points.shape)}`)
  }
  if (parameters.rank !== 1) throw new RangeError(`bezierCurve: ts must be 1-D [count], got shape ${formatShape(parameters.shape)}`)
  const [rows, dimension] = points.shape
  const degree = rows - 1, count = parameters.shape[0]
  if (degree > bezierMaxDegree) throw new RangeError(`bezierCurve: degree ${degree} (${rows} control points) exceeds the maximum ${bezierMaxDegree}`)
  const { context, dtype } = points
  const out = empty(context, dtype, [count, dimension])
  context.kernels.bezierEvaluate(out.data, points.data, parameters.data, degree, dimension, count)
  return record(out, 'bezierCurve', [points, parameters], (grad) => {
    let gradPoints: Tensor | null = null, gradParameters: Tensor | null = null
    if (points.requiresGrad) {
      if (count === 0) {
        gradPoints = empty(context, dtype, points.shape)
      } else {
        const weights = empty(context, dtype, [count, rows])
        context.kernels.bernsteinBasis(weights.data, parameters.data, degree, count)
        gradPoints = matmul(weights, grad, { transposeA: true })
      }
    }
    if (parameters.requiresGrad) {
      gradParameters = empty(context, dtype, [count])
      if (degree > 0 && count > 0) {
        // the hodograph's control points n·(P[i+1] − P[i]), evaluated at ts, dotted with G row by row
        const velocityPoints = empty(context, dtype, [degree, dimension])
        const velocities = empty(context, dtype, [count, dimension])
        const source = points.data, hodograph = velocityPoints.data
        for (let k = 0; k < degree * dimension; k++) hodograph[k] = degree * (source[k + dimension] - source[k])
        context.kernels.bezierEvaluate(velocities.data, hodograph, parameters.data, degree - 1, dimension, count)
        context.kernels.mul(velocities.data, velocities.data, grad.data, count * dimension)
        context.kernels.sumRows(gradParameters.data, velocities.data, count, dimension)
      }
    }
    return [gradPoints, gradParameters]
  })
}
