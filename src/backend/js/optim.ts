// SGD and Adam/AdamW steps in place with PyTorch semantics: the specification.
// params, grads and each state buffer hold n elements; no two of them may overlap. Every operation is
// rounded to the dtype (src/math/precision.ts), in the order written below; sgdStep and adamStep of
// assembly/optim.ts must equal this bit for bit.
import type { AdamOptions, FloatArray, Kernels, SgdOptions } from '../kernels'
import { roundingOf } from '../../math/precision'

/**
 * Per element, each operation rounded to the dtype (scalars rounded to the dtype once):
 *   g = grad + weightDecay·p                                  only when weightDecay ≠ 0
 *   v = momentum·v + g;  g = nesterov ? g + momentum·v : v    only when momentum ≠ 0 (else velocity is neither read nor written)
 *   p = p − lr·g
 * Velocity starts at zero, so the first step stores momentum·0 + g = g, as PyTorch's copy of g does.
 */
export function sgdStep(params: FloatArray, grads: FloatArray, velocity: FloatArray, n: number, options: SgdOptions): void {
  const round = roundingOf(params)
  const lr = round(options.lr)
  const momentum = round(options.momentum)
  const weightDecay = round(options.weightDecay)
  for (let i = 0; i < n; i++) {
    const p = params[i]
    let g = grads[i]
    if (weightDecay !== 0) g = round(g + round(weightDecay * p))
    if (momentum !== 0) {
      const v = round(round(momentum * velocity[i]) + g)
      velocity[i] = v
      g = options.nesterov ? round(g + round(momentum * v)) : v
    }
    params[i] = round(p - round(lr * g))
  }
}

/**
 * Per element, each operation rounded to the dtype. The per-call scalars, computed once from the
 * dtype-rounded options and rounded to the dtype, are PyTorch's: stepSize = lr / biasCorrection1,
 * biasCorrection2Sqrt = sqrt(biasCorrection2), decayFactor = 1 − lr·weightDecay, 1 − beta1, 1 − beta2.
 *   p = p·decayFactor                AdamW: only when decoupled and weightDecay ≠ 0
 *   g = grad + weightDecay·p         Adam with L2: only when not decoupled and weightDecay ≠ 0
 *   m = beta1·m + (1 − beta1)·g
 *   v = beta2·v + (1 − beta2)·(g·g)
 *   p = p − stepSize·(m / (sqrt(v) / biasCorrection2Sqrt + eps))
 */
export function adamStep(params: FloatArray, grads: FloatArray, m: FloatArray, v: FloatArray, n: number, options: AdamOptions): void {
  const round = roundingOf(params)
  const lr = round(options.lr)
  const beta1 = round(options.beta1)
  const beta2 = round(options.beta2)
  const eps = round(options.eps)
  const weightDecay = round(options.weightDecay)
  const stepSize = round(lr / round(options.biasCorrection1))
  const biasCorrection2Sqrt = round(Math.sqrt(round(options.biasCorrection2)))
  const decayFactor = round(1 - round(lr * weightDecay))
  const oneMinusBeta1 = round(1 - beta1)
  const oneMinusBeta2 = round(1 - beta2)
  for (let i = 0; i < n; i++) {
    let p = params[i]
    let g = grads[i]
    if (weightDecay !== 0) {
      if (options.decoupled) p = round(p * decayFactor)
      else g = round(g + round(weightDecay * p))
    }
    const firstMoment = round(round(beta1 * m[i]) + round(oneMinusBeta1 * g))
    const secondMoment = round(round(beta2 * v[i]) + round(oneMinusBeta2 * round(g * g)))
    m[i] = firstMoment
    v[i] = secondMoment
    const denominator = round(round(round(Math.sqrt(secondMoment)) / biasCorrection2Sqrt) + eps)
    params[i] = round(p - round(stepSize * round(firstMoment / denominator)))
  }
}

export const optimKernels: Pick<Kernels, 'sgdStep' | 'adamStep'> = { sgdStep, adamStep }
