// Losses by name for fit(), each a differentiable function of (prediction, target) built from tensor
// ops; a custom loss is any such function. mae and huber are compositions: |d| and a clamp.
import type { Tensor } from '../tensor/tensor'
import { mul, sub } from '../ops/arithmetic'
import { mean } from '../ops/reduce'
import { abs, clamp } from '../ops/elementwise'
import { bceWithLogitsLoss, mseLoss, softmaxCrossEntropy } from '../ops/loss'

export type LossFunction = (prediction: Tensor, target: Tensor) => Tensor
export const lossNames = ['mse', 'mae', 'huber', 'bce', 'crossEntropy', 'sparseCrossEntropy'] as const
export type LossName = (typeof lossNames)[number]

/** mean |p − t| */
export function maeLoss(prediction: Tensor, target: Tensor): Tensor {
  return mean(abs(sub(prediction, target)))
}

/** mean of ½d² where |d| ≤ δ and δ(|d| − ½δ) beyond, written as q·(|d| − ½q) with q = min(|d|, δ). */
export function huberLoss(prediction: Tensor, target: Tensor, delta = 1): Tensor {
  const magnitude = abs(sub(prediction, target))
  const quadratic = clamp(magnitude, 0, delta)
  return mean(mul(quadratic, sub(magnitude, mul(quadratic, 0.5))))
}

/** Softmax cross-entropy against class labels stored as a [rows] or [rows, 1] tensor of integers. */
export function sparseCrossEntropyLoss(logits: Tensor, labels: Tensor): Tensor {
  return softmaxCrossEntropy(logits, Array.from(labels.data))
}

const byName: Record<LossName, LossFunction> = {
  mse: mseLoss,
  mae: maeLoss,
  huber: (p, t) => huberLoss(p, t),
  bce: bceWithLogitsLoss,
  crossEntropy: softmaxCrossEntropy,
  sparseCrossEntropy: sparseCrossEntropyLoss,
}

export function resolveLoss(where: string, loss: unknown): LossFunction {
  if (typeof loss === 'function') return loss as LossFunction
  if (typeof loss === 'string' && loss in byName) return byName[loss as LossName]
  throw new TypeError(`${where}: loss must be one of ${lossNames.join(', ')} or a function (prediction, target) => scalar Tensor, got ${typeof loss === 'string' ? JSON.stringify(loss) : typeof loss}`)
}
