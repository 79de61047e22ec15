// Row softmax and the MSE, BCE-with-logits and softmax cross-entropy losses with their gradients: the
// specification. Row-major arrays; softmax's out may be x, a loss's grad must not overlap its inputs.
// Every operation is rounded to the dtype with curvenet's own transcendentals of that dtype (src/math/)
// and every sum runs in index order, one element at a time; the kernels of the same names in
// assembly/losses.ts must equal this bit for bit. Losses return the mean (NaN for zero elements).
import type { FloatArray, Kernels } from '../kernels'
import { functionsOf, type ScalarFunctions } from '../../math/functions'

/** max over x[start, start + cols) by compare and select in index order, from −∞. A NaN is never selected,
 *  but it reaches the sum of exponentials, so a NaN (or a +∞, as ∞ − ∞ is NaN) makes its whole row NaN. */
function rowMaximum(x: FloatArray, start: number, cols: number): number {
  let maximum = -Infinity
  for (let c = start; c < start + cols; c++) maximum = x[c] > maximum ? x[c] : maximum
  return maximum
}

/** Writes exp(x[c] − maximum) into out for one row and returns their sum, c ascending. */
function rowExponentials(out: FloatArray, x: FloatArray, start: number, cols: number, maximum: number, { round, exp }: ScalarFunctions): number {
  let sum = 0
  for (let c = start; c < start + cols; c++) {
    const e = exp(round(x[c] - maximum))
    out[c] = e
    sum = round(sum + e)
  }
  return sum
}

/** out[r, c] = exp(x[r, c] − max_r) / Σ_c exp(x[r, c] − max_r): one division, not a reciprocal product. */
export function softmax(out: FloatArray, x: FloatArray, rows: number, cols: number): void {
  const functions = functionsOf(out)
  const { round } = functions
  for (let r = 0; r < rows; r++) {
    const start = r * cols
    const sum = rowExponentials(out, x, start, cols, rowMaximum(x, start, cols), functions)
    for (let c = start; c < start + cols; c++) out[c] = round(out[c] / sum)
  }
}

/** Mean of d² with d = pred − target; grad = (d + d) / n. */
export function mseLoss(grad: FloatArray, pred: FloatArray, target: FloatArray, n: number): number {
  const { round } = functionsOf(grad)
  const count = round(n)
  let total = 0
  for (let i = 0; i < n; i++) {
    const difference = round(pred[i] - target[i])
    grad[i] = round(round(difference + difference) / count)
    total = round(total + round(difference * difference))
  }
  return round(total / count)
}

/** Mean of (max(x, 0) − x·t) + log1p(exp(−|x|)), max as compare and select; grad = (σ(x) − t) / n. */
export function bceWithLogitsLoss(grad: FloatArray, logits: FloatArray, target: FloatArray, n: number): number {
  const { round, exp, log1p, sigmoid } = functionsOf(grad)
  const count = round(n)
  let total = 0
  for (let i = 0; i < n; i++) {
    const x = logits[i]
    const t = target[i]
    const linear = round((x > 0 ? x : 0) - round(x * t))
    const softplusOfNegativeMagnitude = log1p(exp(-Math.abs(x)))
    grad[i] = round(round(sigmoid(x) - t) / count)
    total = round(total + round(linear + softplusOfNegativeMagnitude))
  }
  return round(total / count)
}

/** The skeleton of both cross-entropy losses: for each row r in order, grad's row gets e = exp(x − max) and
 *  `rowLoss(r, start, maximum, sum, count)` finishes that row's grad and returns its loss; the result is the
 *  row losses summed in r order, divided by count = rows. */
function meanCrossEntropy(grad: FloatArray, logits: FloatArray, rows: number, cols: number, functions: ScalarFunctions,
  rowLoss: (r: number, start: number, maximum: number, sum: number, count: number) => number): number {
  const { round } = functions
  const count = round(rows)
  let total = 0
  for (let r = 0; r < rows; r++) {
    const start = r * cols
    const maximum = rowMaximum(logits, start, cols)
    const sum = rowExponentials(grad, logits, start, cols, maximum, functions)
    total = round(total + rowLoss(r, start, maximum, sum, count))
  }
  return round(total / count)
}

/** Mean over rows of Σ_c t·(logSum − (x − max)) = −Σ_c t·logSoftmax(x), logSum = log Σ_c exp(x − max), each
 *  row's sum in c order; grad = (e / sum − t) / rows with e = exp(x − max). */
export function softmaxCrossEntropyLoss(grad: FloatArray, logits: FloatArray, target: FloatArray, rows: number, cols: number): number {
  const functions = functionsOf(grad)
  const { round, log } = functions
  return meanCrossEntropy(grad, logits, rows, cols, functions, (_r, start, maximum, sum, count) => {
    const logSum = log(sum)
    let rowLoss = 0
    for (let c = start; c < start + cols; c++) {
      const t = target[c]
      const shifted = round(logits[c] - maximum)
      grad[c] = round(round(round(grad[c] / sum) - t) / count)
      rowLoss = round(rowLoss + round(t * round(logSum - shifted)))
    }
    return rowLoss
  })
}

/** The dense loss with one-hot targets, bit for bit (its other terms are 0·finite): the row's loss is
 *  logSum − (x[label] − max), grad = (e / sum) / rows except grad[label] = (e / sum − 1) / rows. */
export function softmaxCrossEntropySparseLoss(grad: FloatArray, logits: FloatArray, labels: Int32Array, rows: number, cols: number): number {
  const functions = functionsOf(grad)
  const { round, log } = functions
  return meanCrossEntropy(grad, logits, rows, cols, functions, (r, start, maximum, sum, count) => {
    const label = start + labels[r]
    const labelExponential = grad[label]
    for (let c = start; c < start + cols; c++) grad[c] = round(round(grad[c] / sum) / count)
    grad[label] = round(round(round(labelExponential / sum) - 1) / count)
    return round(log(sum) - round(logits[label] - maximum))
  })
}

export const lossKernels: Pick<Kernels, 'softmax' | 'mseLoss' | 'bceWithLogitsLoss' | 'softmaxCrossEntropyLoss' | 'softmaxCrossEntropySparseLoss'> =
  { softmax, mseLoss, bceWithLogitsLoss, softmaxCrossEntropyLoss, softmaxCrossEntropySparseLoss }
