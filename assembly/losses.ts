// Row softmax and the MSE, BCE-with-logits and softmax cross-entropy losses with their gradients, f32x4/f64x2.
// Layout: row-major [rows×cols] (or n elements) at raw byte offsets; labels are i32. Aliasing: softmax's out
// may equal x; a loss's grad must not overlap its inputs. Every sum over a reduced axis adds one element at
// a time in index order (vector lanes in lane order). Must equal src/backend/js/losses.ts bit for bit.
import { expVector, sigmoidVector } from './exponential'
import { log1pVector, logVector } from './logarithm'
import {
  absLanes, addLanes, divLanes, fromVector, loadLanes, mulLanes, negLanes, positivePartLanes, storeLanes, subLanes, sumInLaneOrder, toVector,
} from './lanes'

/** max over a row by compare and select in index order, from −∞. A NaN is never selected, but it reaches
 *  the sum of exponentials, so a NaN (or a +∞, as ∞ − ∞ is NaN) makes its whole row NaN. */
// @ts-ignore: decorator
@inline function rowMaximum<T>(row: usize, cols: i32): T {
  let maximum = <T>-Infinity
  for (let c = 0; c < cols; c++) {
    const x = load<T>(row + <usize>c * sizeof<T>())
    maximum = x > maximum ? x : maximum
  }
  return maximum
}

/** e = exp(x − maximum) stored at `out`; returns total + Σ e in index order. */
// @ts-ignore: decorator
@inline function shiftedExponentials<T, V>(out: usize, x: usize, maximum: V, total: T): T {
  const e = fromVector<T, V>(expVector<T>(toVector<T, V>(subLanes<T, V>(loadLanes<T, V>(x), maximum))))
  storeLanes<T, V>(out, e)
  return sumInLaneOrder<T, V>(total, e)
}

/** Writes exp(x[c] − max) for one row into out and returns their sum, c ascending. */
// @ts-ignore: decorator
@inline function rowExponentials<T>(out: usize, x: usize, cols: i32, maximum: T): T {
  const lanes = 16 / sizeof<T>()
  const maximumLanes = v128.splat<T>(maximum)
  let sum: T = 0
  let c = 0
  for (; c + lanes <= cols; c += lanes) {
    const offset = <usize>c * sizeof<T>()
    sum = shiftedExponentials<T, v128>(out + offset, x + offset, maximumLanes, sum)
  }
  for (; c < cols; c++) {
    const offset = <usize>c * sizeof<T>()
    sum = shiftedExponentials<T, T>(out + offset, x + offset, maximum, sum)
  }
  return sum
}

/** out[r, c] = exp(x[r, c] − max_r) / Σ_c exp(x[r, c] − max_r): one division, not a reciprocal product. */
// @ts-ignore: decorator
@inline function softmax<T>(out: usize, x: usize, rows: i32, cols: i32): void {
  const lanes = 16 / sizeof<T>()
  for (let r = 0; r < rows; r++) {
    const rowOffset = <usize>r * <usize>cols * sizeof<T>()
    const sum = rowExponentials<T>(out + rowOffset, x + rowOffset, cols, rowMaximum<T>(x + rowOffset, cols))
    const sumLanes = v128.splat<T>(sum)
    let c = 0
    for (; c + lanes <= cols; c += lanes) {
      const address = out + rowOffset + <usize>c * sizeof<T>()
      v128.store(address, v128.div<T>(v128.load(address), sumLanes))
    }
    for (; c < cols; c++) {
      const address = out + rowOffset + <usize>c * sizeof<T>()
      store<T>(address, load<T>(address) / sum)
    }
  }
}

export function softmaxF32(out: usize, x: usize, rows: i32, cols: i32): void { softmax<f32>(out, x, rows, cols) }
export function softmaxF64(out: usize, x: usize, rows: i32, cols: i32): void { softmax<f64>(out, x, rows, cols) }

/** d = pred − target; returns total + Σ d² in index order and stores grad = (d + d)/n (d + d is 2·d exactly). */
// @ts-ignore: decorator
@inline function squaredErrors<T, V>(offset: usize, grad: usize, prediction: usize, target: usize, n: V, total: T): T {
  const difference = subLanes<T, V>(loadLanes<T, V>(prediction + offset), loadLanes<T, V>(target + offset))
  const twice = addLanes<T, V>(difference, difference)
  storeLanes<T, V>(grad + offset, divLanes<T, V>(twice, n))
  return sumInLaneOrder<T, V>(total, mulLanes<T, V>(difference, difference))
}

/** BCE from logits: returns total + Σ (max(x, 0) − x·t) + log1p(exp(−|x|)) in index order; grad = (σ(x) − t)/n. */
// @ts-ignore: decorator
@inline function binaryCrossEntropies<T, V>(offset: usize, grad: usize, logits: usize, target: usize, n: V, total: T): T {
  const x = loadLanes<T, V>(logits + offset)
  const t = loadLanes<T, V>(target + offset)
  const linear = subLanes<T, V>(positivePartLanes<T, V>(x), mulLanes<T, V>(x, t))
  const softplusOfNegativeMagnitude = fromVector<T, V>(log1pVector<T>(expVector<T>(toVector<T, V>(negLanes<T, V>(absLanes<T, V>(x))))))
  storeLanes<T, V>(grad + offset, divLanes<T, V>(subLanes<T, V>(fromVector<T, V>(sigmoidVector<T>(toVector<T, V>(x))), t), n))
  return sumInLaneOrder<T, V>(total, addLanes<T, V>(linear, softplusOfNegativeMagnitude))
}

const MEAN_SQUARED_ERROR = 0
const BINARY_CROSS_ENTROPY = 1

/** The mean over n of an elementwise loss (summed in index order), with its gradient written to grad. */
// @ts-ignore: decorator
@inline function elementwiseLoss<T>(loss: i32, grad: usize, prediction: usize, target: usize, n: i32): T {
  const lanes = 16 / sizeof<T>()
  const count = <T>n
  const countLanes = v128.splat<T>(count)
  let total: T = 0
  let i = 0
  for (; i + lanes <= n; i += lanes) {
    const offset = <usize>i * sizeof<T>()
    total = loss == MEAN_SQUARED_ERROR
      ? squaredErrors<T, v128>(offset, grad, prediction, target, countLanes, total)
      : binaryCrossEntropies<T, v128>(offset, grad, prediction, target, countLanes, total)
  }
  for (; i < n; i++) {
    const offset = <usize>i * sizeof<T>()
    total = loss == MEAN_SQUARED_ERROR
      ? squaredErrors<T, T>(offset, grad, prediction, target, count, total)
      : binaryCrossEntropies<T, T>(offset, grad, prediction, target, count, total)
  }
  return total / count
}

export function mseLossF32(grad: usize, prediction: usize, target: usize, n: i32): f32 {
  return elementwiseLoss<f32>(MEAN_SQUARED_ERROR, grad, prediction, target, n)
}
export function mseLossF64(grad: usize, prediction: usize, target: usize, n: i32): f64 {
  return elementwiseLoss<f64>(MEAN_SQUARED_ERROR, grad, prediction, target, n)
}
export function bceWithLogitsLossF32(grad: usize, logits: usize, target: usize, n: i32): f32 {
  return elementwiseLoss<f32>(BINARY_CROSS_ENTROPY, grad, logits, target, n)
}
export function bceWithLogitsLossF64(grad: usize, logits: usize, target: usize, n: i32): f64 {
  return elementwiseLoss<f64>(BINARY_CROSS_ENTROPY, grad, logits, target, n)
}

/** With grad holding e = exp(x − max): returns rowLoss + Σ t·(logSum − (x − max)) in index order and
 *  overwrites grad with (e / sum − t) / rows. */
// @ts-ignore: decorator
@inline function crossEntropies<T, V>(
  offset: usize, grad: usize, logits: usize, target: usize, maximum: V, sum: V, logSum: V, rows: V, rowLoss: T,
): T {
  const t = loadLanes<T, V>(target + offset)
  const shifted = subLanes<T, V>(loadLanes<T, V>(logits + offset), maximum)
  const probability = divLanes<T, V>(loadLanes<T, V>(grad + offset), sum)
  storeLanes<T, V>(grad + offset, divLanes<T, V>(subLanes<T, V>(probability, t), rows))
  return sumInLaneOrder<T, V>(rowLoss, mulLanes<T, V>(t, subLanes<T, V>(logSum, shifted)))
}

/** Mean over rows of −Σ_c t·logSoftmax(x), with logSoftmax = (x − max) − log Σ exp(x − max); rows summed in order. */
// @ts-ignore: decorator
@inline function softmaxCrossEntropyLoss<T>(grad: usize, logits: usize, target: usize, rows: i32, cols: i32): T {
  const lanes = 16 / sizeof<T>()
  const count = <T>rows
  let total: T = 0
  for (let r = 0; r < rows; r++) {
    const rowOffset = <usize>r * <usize>cols * sizeof<T>()
    const maximum = rowMaximum<T>(logits + rowOffset, cols)
    const sum = rowExponentials<T>(grad + rowOffset, logits + rowOffset, cols, maximum)
    const logSum = fromVector<T, T>(logVector<T>(v128.splat<T>(sum)))
    const maximumLanes = v128.splat<T>(maximum)
    const sumLanes = v128.splat<T>(sum)
    const logSumLanes = v128.splat<T>(logSum)
    const countLanes = v128.splat<T>(count)
    let rowLoss: T = 0
    let c = 0
    for (; c + lanes <= cols; c += lanes) {
      rowLoss = crossEntropies<T, v128>(rowOffset + <usize>c * sizeof<T>(), grad, logits, target,
        maximumLanes, sumLanes, logSumLanes, countLanes, rowLoss)
    }
    for (; c < cols; c++) {
      rowLoss = crossEntropies<T, T>(rowOffset + <usize>c * sizeof<T>(), grad, logits, target, maximum, sum, logSum, count, rowLoss)
    }
    total += rowLoss
  }
  return total / count
}

export function softmaxCrossEntropyLossF32(grad: usize, logits: usize, target: usize, rows: i32, cols: i32): f32 {
  return softmaxCrossEntropyLoss<f32>(grad, logits, target, rows, cols)
}
export function softmaxCrossEntropyLossF64(grad: usize, logits: usize, target: usize, rows: i32, cols: i32): f64 {
  return softmaxCrossEntropyLoss<f64>(grad, logits, target, rows, cols)
}

/** As the dense loss with one-hot targets, bit for bit: the row's loss is logSum − (x[label] − max) (the other
 *  terms are 0·finite), and grad = (e / sum) / rows except grad[label] = (e / sum − 1) / rows. */
// @ts-ignore: decorator
@inline function softmaxCrossEntropySparseLoss<T>(grad: usize, logits: usize, labels: usize, rows: i32, cols: i32): T {
  const lanes = 16 / sizeof<T>()
  const count = <T>rows
  const countLanes = v128.splat<T>(count)
  let total: T = 0
  for (let r = 0; r < rows; r++) {
    const rowOffset = <usize>r * <usize>cols * sizeof<T>()
    const maximum = rowMaximum<T>(logits + rowOffset, cols)
    const sum = rowExponentials<T>(grad + rowOffset, logits + rowOffset, cols, maximum)
    const labelOffset = rowOffset + <usize>load<i32>(labels + <usize>r * 4) * sizeof<T>()
    const labelExponential = load<T>(grad + labelOffset)
    const sumLanes = v128.splat<T>(sum)
    let c = 0
    for (; c + lanes <= cols; c += lanes) {
      const address = grad + rowOffset + <usize>c * sizeof<T>()
      v128.store(address, v128.div<T>(v128.div<T>(v128.load(address), sumLanes), countLanes))
    }
    for (; c < cols; c++) {
      const address = grad + rowOffset + <usize>c * sizeof<T>()
      store<T>(address, load<T>(address) / sum / count)
    }
    store<T>(grad + labelOffset, (labelExponential / sum - 1) / count)
    total += fromVector<T, T>(logVector<T>(v128.splat<T>(sum))) - (load<T>(logits + labelOffset) - maximum)
  }
  return total / count
}

export function softmaxCrossEntropySparseLossF32(grad: usize, logits: usize, labels: usize, rows: i32, cols: i32): f32 {
  return softmaxCrossEntropySparseLoss<f32>(grad, logits, labels, rows, cols)
}
export function softmaxCrossEntropySparseLossF64(grad: usize, logits: usize, labels: usize, rows: i32, cols: i32): f64 {
  return softmaxCrossEntropySparseLoss<f64>(grad, logits, labels, rows, cols)
}
