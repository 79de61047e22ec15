// SGD (momentum, Nesterov, L2) and Adam/AdamW steps in place with PyTorch semantics, f32x4 and f64x2.
// Layout: params, grads and each state buffer hold n contiguous elements at raw byte offsets; no two
// of them may overlap. Each element follows the one fixed sequence of rounded operations written
// below, lanes and scalar tail alike, so the result equals src/backend/js/optim.ts bit for bit.
import { addLanes, divLanes, loadLanes, mulLanes, sqrtLanes, storeLanes, subLanes } from './lanes'

/**
 * One SGD element (V = v128: a vector of them), every operation rounded to T:
 *   g = grad + weightDecay·p                                  only when weightDecay ≠ 0
 *   v = momentum·v + g;  g = nesterov ? g + momentum·v : v    only when momentum ≠ 0 (else v is untouched)
 *   p = p − lr·g
 */
// @ts-ignore: decorator
@inline function sgdElements<T, V>(
  offset: usize, params: usize, grads: usize, velocity: usize,
  lr: V, momentum: V, weightDecay: V, useMomentum: bool, useWeightDecay: bool, nesterov: bool,
): void {
  const p = loadLanes<T, V>(params + offset)
  let g = loadLanes<T, V>(grads + offset)
  if (useWeightDecay) g = addLanes<T, V>(g, mulLanes<T, V>(weightDecay, p))
  if (useMomentum) {
    const v = addLanes<T, V>(mulLanes<T, V>(momentum, loadLanes<T, V>(velocity + offset)), g)
    storeLanes<T, V>(velocity + offset, v)
    g = nesterov ? addLanes<T, V>(g, mulLanes<T, V>(momentum, v)) : v
  }
  storeLanes<T, V>(params + offset, subLanes<T, V>(p, mulLanes<T, V>(lr, g)))
}

// sgdStep and adamStep write out the vector body + scalar tail of lanes.ts's template (the element function
// with V = v128, then with V = T): AssemblyScript has no closures to hand the element function and its
// splatted constants to one shared loop, so the two loops look alike on purpose.
// @ts-ignore: decorator
@inline function sgdStep<T>(params: usize, grads: usize, velocity: usize, n: i32, lr: T, momentum: T, weightDecay: T, nesterov: bool): void {
  const useMomentum = momentum != 0
  const useWeightDecay = weightDecay != 0
  const lrLanes = v128.splat<T>(lr)
  const momentumLanes = v128.splat<T>(momentum)
  const weightDecayLanes = v128.splat<T>(weightDecay)
  const lanes = 16 / sizeof<T>()
  let i = 0
  for (; i + lanes <= n; i += lanes) {
    sgdElements<T, v128>(<usize>i * sizeof<T>(), params, grads, velocity,
      lrLanes, momentumLanes, weightDecayLanes, useMomentum, useWeightDecay, nesterov)
  }
  for (; i < n; i++) {
    sgdElements<T, T>(<usize>i * sizeof<T>(), params, grads, velocity,
      lr, momentum, weightDecay, useMomentum, useWeightDecay, nesterov)
  }
}

export function sgdStepF32(params: usize, grads: usize, velocity: usize, n: i32, lr: f32, momentum: f32, weightDecay: f32, nesterov: i32): void {
  sgdStep<f32>(params, grads, velocity, n, lr, momentum, weightDecay, nesterov != 0)
}
export function sgdStepF64(params: usize, grads: usize, velocity: usize, n: i32, lr: f64, momentum: f64, weightDecay: f64, nesterov: i32): void {
  sgdStep<f64>(params, grads, velocity, n, lr, momentum, weightDecay, nesterov != 0)
}

/**
 * One Adam element (V = v128: a vector of them), every operation rounded to T. The per-call scalars,
 * each rounded to T once, are PyTorch's: stepSize = lr / biasCorrection1, biasCorrection2Sqrt =
 * sqrt(biasCorrection2), decayFactor = 1 − lr·weightDecay, oneMinusBeta1 = 1 − beta1, oneMinusBeta2 = 1 − beta2.
 *   p = p·decayFactor                AdamW: only when decoupled and weightDecay ≠ 0
 *   g = grad + weightDecay·p         Adam with L2: only when not decoupled and weightDecay ≠ 0
 *   m = beta1·m + oneMinusBeta1·g
 *   v = beta2·v + oneMinusBeta2·(g·g)
 *   p = p − stepSize·(m / (sqrt(v) / biasCorrection2Sqrt + eps))
 */
// @ts-ignore: decorator
@inline function adamElements<T, V>(
  offset: usize, params: usize, grads: usize, firstMoment: usize, secondMoment: usize,
  stepSize: V, beta1: V, beta2: V, oneMinusBeta1: V, oneMinusBeta2: V, eps: V, weightDecay: V,
  decayFactor: V, biasCorrection2Sqrt: V, useWeightDecay: bool, decoupled: bool,
): void {
  let p = loadLanes<T, V>(params + offset)
  let g = loadLanes<T, V>(grads + offset)
  if (useWeightDecay) {
    if (decoupled) p = mulLanes<T, V>(p, decayFactor)
    else g = addLanes<T, V>(g, mulLanes<T, V>(weightDecay, p))
  }
  const m = addLanes<T, V>(mulLanes<T, V>(beta1, loadLanes<T, V>(firstMoment + offset)), mulLanes<T, V>(oneMinusBeta1, g))
  const v = addLanes<T, V>(mulLanes<T, V>(beta2, loadLanes<T, V>(secondMoment + offset)), mulLanes<T, V>(oneMinusBeta2, mulLanes<T, V>(g, g)))
  storeLanes<T, V>(firstMoment + offset, m)
  storeLanes<T, V>(secondMoment + offset, v)
  const denominator = addLanes<T, V>(divLanes<T, V>(sqrtLanes<T, V>(v), biasCorrection2Sqrt), eps)
  storeLanes<T, V>(params + offset, subLanes<T, V>(p, mulLanes<T, V>(stepSize, divLanes<T, V>(m, denominator))))
}

// @ts-ignore: decorator
@inline function adamStep<T>(
  params: usize, grads: usize, firstMoment: usize, secondMoment: usize, n: i32,
  lr: T, beta1: T, beta2: T, eps: T, weightDecay: T, decoupled: bool, biasCorrection1: T, biasCorrection2: T,
): void {
  const stepSize: T = lr / biasCorrection1
  const biasCorrection2Sqrt: T = sqrt<T>(biasCorrection2)
  const decayFactor: T = 1 - lr * weightDecay
  const oneMinusBeta1: T = 1 - beta1
  const oneMinusBeta2: T = 1 - beta2
  const useWeightDecay = weightDecay != 0
  const stepSizeLanes = v128.splat<T>(stepSize)
  const beta1Lanes = v128.splat<T>(beta1)
  const beta2Lanes = v128.splat<T>(beta2)
  const oneMinusBeta1Lanes = v128.splat<T>(oneMinusBeta1)
  const oneMinusBeta2Lanes = v128.splat<T>(oneMinusBeta2)
  const epsLanes = v128.splat<T>(eps)
  const weightDecayLanes = v128.splat<T>(weightDecay)
  const decayFactorLanes = v128.splat<T>(decayFactor)
  const biasCorrection2SqrtLanes = v128.splat<T>(biasCorrection2Sqrt)
  const lanes = 16 / sizeof<T>()
  let i = 0
  for (; i + lanes <= n; i += lanes) {
    adamElements<T, v128>(<usize>i * sizeof<T>(), params, grads, firstMoment, secondMoment,
      stepSizeLanes, beta1Lanes, beta2Lanes, oneMinusBeta1Lanes, oneMinusBeta2Lanes, epsLanes, weightDecayLanes,
      decayFactorLanes, biasCorrection2SqrtLanes, useWeightDecay, decoupled)
  }
  for (; i < n; i++) {
    adamElements<T, T>(<usize>i * sizeof<T>(), params, grads, firstMoment, secondMoment,
      stepSize, beta1, beta2, oneMinusBeta1, oneMinusBeta2, eps, weightDecay,
      decayFactor, biasCorrection2Sqrt, useWeightDecay, decoupled)
  }
}
export function adamStepF32(
  params: usize, grads: usize, firstMoment: usize, secondMoment: usize, n: i32,
  lr: f32, beta1: f32, beta2: f32, eps: f32, weightDecay: f32, decoupled: i32, biasCorrection1: f32, biasCorrection2: f32,
): void {
  adamStep<f32>(params, grads, firstMoment, secondMoment, n, lr, beta1, beta2, eps, weightDecay, decoupled != 0, biasCorrection1, biasCorrection2)
}
export function adamStepF64(
  params: usize, grads: usize, firstMoment: usize, secondMoment: usize, n: i32,
  lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, decoupled: i32, biasCorrection1: f64, biasCorrection2: f64,
): void {
  adamStep<f64>(params, grads, firstMoment, secondMoment, n, lr, beta1, beta2, eps, weightDecay, decoupled != 0, biasCorrection1, biasCorrection2)
}
