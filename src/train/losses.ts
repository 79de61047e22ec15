// Losses by name for fit(), each a differentiable function of (prediction, target) built from tensor
// ops; a custom loss is any such function. mae, huber and bce are compositions: |d|, a clamp, a log.
import type { Tensor } from '../tensor/tensor'
import { add, mul, neg, sub } from '../ops/arithmetic'
import { mean } from '../ops/reduce'
import { formatShape } from '../tensor/shape'
import { abs, clamp, log } from '../ops/elementwise'
import { didYouMean } from '../check/names'
import { bceWithLogitsLoss, mseLoss, softmaxCrossEntropy } from '../ops/loss'

export type LossFunction = (prediction: Tensor, target: Tensor) => Tensor
export const lossNames = ['mse', 'mae', 'huber', 'bce', 'bceWithLogits', 'crossEntropy', 'sparseCrossEntropy'] as const
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

/** How far bce keeps probabilities from 0 and 1 (Keras's epsilon): log never sees 0, so a saturated
 *  prediction costs at most −log(1e-7) ≈ 16.1 per element instead of an infinite loss. */
export const bceEpsilon = 1e-7

/**
 * Binary cross-entropy on probabilities (Keras's binary_crossentropy, PyTorch's BCELoss): the mean of
 * −[t·log p̂ + (1 − t)·log(1 − p̂)] with p̂ = clamp(p, ε, 1 − ε), ε = bceEpsilon. Outside the clamp the
 * gradient is 0 (as Keras). Predictions outside [0, 1] are logits fed to the wrong loss: a RangeError
 * that names 'bceWithLogits' (a NaN passes through, so fit() reports it as a non-finite loss).
 */
export function bceLoss(prediction: Tensor, target: Tensor): Tensor {
  // clamp and sub first: they check that prediction and target are live tensors of one backend and dtype
  const p = clamp(prediction, bceEpsilon, 1 - bceEpsilon), targetComplement = sub(1, target)
  if (formatShape(prediction.shape) !== formatShape(target.shape)) {
    throw new RangeError(`bce: prediction ${formatShape(prediction.shape)} and target ${formatShape(target.shape)} must have the same shape`)
  }
  const values = prediction.data
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || values[i] > 1) {
      throw new RangeError(`bce: prediction must hold probabilities in [0, 1] (end the model with act('sigmoid')), ` +
        `got ${values[i]} at element ${i}; for logits use the loss 'bceWithLogits'`)
    }
  }
  return neg(mean(add(mul(target, log(p)), mul(targetComplement, log(sub(1, p))))))
}

/** Softmax cross-entropy against class labels stored as a [rows] or [rows, 1] tensor of integers. */
export function sparseCrossEntropyLoss(logits: Tensor, labels: Tensor): Tensor {
  return softmaxCrossEntropy(logits, Array.from(labels.data))
}

const byName: Record<LossName, LossFunction> = {
  mse: mseLoss,
  mae: maeLoss,
  huber: (p, t) => huberLoss(p, t),
  bce: bceLoss,
  bceWithLogits: bceWithLogitsLoss,
  crossEntropy: softmaxCrossEntropy,
  sparseCrossEntropy: sparseCrossEntropyLoss,
}

const registeredLosses = new Map<string, LossFunction>()

/** Names a custom loss: fit() then takes the name as well, and fitInWorker can send it (the worker's setup module registers the same name). */
export function registerLoss(name: string, loss: LossFunction): void {
  if (typeof name !== 'string' || name === '' || Object.hasOwn(byName, name)) throw new TypeError(`registerLoss: name must be a non-empty string other than the built-in ${lossNames.join(', ')}, got ${JSON.stringify(name)}`)
  if (typeof loss !== 'function') throw new TypeError(`registerLoss: loss must be a function (prediction, target) => scalar Tensor, got ${typeof loss}`)
  registeredLosses.set(name, loss)
}

/** The name a loss function travels by: a built-in's or a registered one's; undefined for any other function. */
export function lossNameOf(loss: LossFunction): string | undefined {
  for (const [name, known] of [...Object.entries(byName), ...registeredLosses]) if (known === loss) return name
  return undefined
}

export function resolveLoss(where: string, loss: unknown): LossFunction {
  if (typeof loss === 'function') return loss as LossFunction
  if (typeof loss === 'string' && Object.hasOwn(byName, loss)) return byName[loss as LossName]
  if (typeof loss === 'string' && registeredLosses.has(loss)) return registeredLosses.get(loss)!
  const registered = registeredLosses.size > 0 ? `, a registered name (${[...registeredLosses.keys()].join(', ')})` : ''
  const hint = typeof loss === 'string' ? didYouMean(loss, [...lossNames, ...registeredLosses.keys()]) : ''
  throw new TypeError(`${where}: loss must be one of ${lossNames.join(', ')}${registered} or a function (prediction, target) => scalar Tensor, got ${typeof loss === 'string' ? JSON.stringify(loss) : typeof loss};${hint}`.replace(/;$/, ''))
}
