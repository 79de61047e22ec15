// B-spline basis and evaluation: the specification is src/math/bspline.ts, shared with the BSpline curve
// class so that a curve's single points and the batched kernels give the same bits. Its header gives the
// layout; bsplineBasis (assembly/bspline.ts) and bsplineEvaluate (bspline-evaluate.ts) must equal it bit for bit.
import type { Kernels } from '../kernels'
import { bsplineBasis, bsplineEvaluate } from '../../math/bspline'

export const bsplineKernels: Pick<Kernels, 'bsplineBasis' | 'bsplineEvaluate'> = { bsplineBasis, bsplineEvaluate }
