// Losses as differentiable ops over the fused loss kernels: the kernel returns the mean loss and
// writes dLoss/dInput in one pass; backward scales that by the upstream gradient.
import type { Tensor } from '../tensor/tensor'
import { record } from '../autograd/tape'
import { formatShape } from '../tensor/shape'
import { checkPair, checkTensor } from './internal'
import { empty, emptyLike } from '../tensor/allocate'
import { mul, neg } from './arithmetic'

function checkSameShape(where: string, prediction: Tensor, target: Tensor, names: [string, string]): void {
  checkPair(where, prediction, target)
  if (formatShape(prediction.shape) !== formatShape(target.shape)) {
    throw new RangeError(`${where}: ${names[0]} ${formatShape(prediction.shape)} and ${names[1]} ${formatShape(target.shape)} must have the same shape`)
  }
}

function scalarLoss(like: Tensor, value: number): Tensor {
  const out = empty(like.context, like.dtype, [])
  out.data[0] = value
  return out
}

/** Mean squared error. */
export function mseLoss(prediction: Tensor, target: Tensor): Tensor {
  const p = checkTensor('mseLoss', 'prediction', prediction), t = checkTensor('mseLoss', 'target', target)
  checkSameShape('mseLoss', p, t, ['prediction', 'target'])
  const gradient = emptyLike(p)
  const out = scalarLoss(p, p.context.kernels.mseLoss(gradient.data, p.data, t.data, p.size))
  return record(out, 'mseLoss', [p, t], (grad) => [mul(gradient, grad), t.requiresGrad ? neg(mul(gradient, grad)) : null])
}

/** Mean binary cross-entropy of sigmoid(logits) against targets in [0, 1], stable for any logit. */
export function bceWithLogitsLoss(logits: Tensor, target: Tensor): Tensor {
  const x = checkTensor('bceWithLogitsLoss', 'logits', logits), t = checkTensor('bceWithLogitsLoss', 'target', target)
  checkSameShape('bceWithLogitsLoss', x, t, ['logits', 'target'])
  const gradient = emptyLike(x)
  const out = scalarLoss(x, x.context.kernels.bceWithLogitsLoss(gradient.data, x.data, t.data, x.size))
  return record(out, 'bceWithLogitsLoss', [x], (grad) => [mul(gradient, grad)])
}

/**
 * Mean softmax cross-entropy of logits [rows, classes] against either a probability tensor of the
 * same shape (one-hot or soft labels) or integer class labels (one per row).
 */
export function softmaxCrossEntropy(logits: Tensor, target: Tensor | ArrayLike<number>): Tensor {
  const x = checkTensor('softmaxCrossEntropy', 'logits', logits)
  if (x.rank !== 2) throw new RangeError(`softmaxCrossEntropy: logits must be 2-D [rows, classes], got ${formatShape(x.shape)}`)
  const [rows, cols] = x.shape
  const gradient = emptyLike(x)
  const { kernels, backend } = x.context
  let value: number
  // a tensor of one label a row ([rows] or [rows, 1]) is read as class labels, as Keras's sparse categorical cross-entropy
  const isTensor = typeof target === 'object' && target !== null && 'storage' in target
  const labelRows = isTensor && cols > 1 && (target as Tensor).size === rows && (target as Tensor).rank <= 2 && (target as Tensor).shape[0] === rows
  if (labelRows) target = Array.from(checkTensor('softmaxCrossEntropy', 'target', target as Tensor).data)
  if (isTensor && !labelRows) {
    const t = checkTensor('softmaxCrossEntropy', 'target', target as Tensor)
    checkSameShape('softmaxCrossEntropy', x, t, ['logits', 'target'])
    value = kernels.softmaxCrossEntropyLoss(gradient.data, x.data, t.data, rows, cols)
  } else {
    if (!target || typeof (target as ArrayLike<number>).length !== 'number') {
      throw new TypeError('softmaxCrossEntropy: target must be a Tensor of probabilities, a Tensor of one class label a row, or an array of class labels')
    }
    const labels = target as ArrayLike<number>
    if (labels.length !== rows) throw new RangeError(`softmaxCrossEntropy: ${labels.length} labels for ${rows} rows of logits; give one class label per row`)
    for (let r = 0; r < rows; r++) {
      if (!Number.isInteger(labels[r]) || labels[r] < 0 || labels[r] >= cols) {
        throw new RangeError(`softmaxCrossEntropy: labels[${r}] must be a class index in [0, ${cols}), got ${labels[r]}`)
      }
    }
    const onBackend = backend.allocInt32(rows)
    onBackend.set(labels)
    value = kernels.softmaxCrossEntropySparseLoss(gradient.data, x.data, onBackend, rows, cols)
    backend.free(onBackend)
  }
  return record(scalarLoss(x, value), 'softmaxCrossEntropy', [x], (grad) => [mul(gradient, grad)])
}
