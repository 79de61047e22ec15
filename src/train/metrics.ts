// Metrics reported by fit() and evaluate(): plain numbers computed in float64 from the outputs.
import type { Tensor } from '../tensor/tensor'
import { formatShape } from '../tensor/shape'

export const metricNames = ['accuracy', 'rmse', 'mae'] as const
export type MetricName = (typeof metricNames)[number]

/**
 * accuracy: for one output column, a prediction counts as 1 when it is > 0.5 (sigmoid outputs) —
 * or > 0 when `logits` is set; for several columns, the arg-max against the target's arg-max (or the
 * label, when the target has one column and the prediction several).
 */
export function metric(name: MetricName, prediction: Tensor, target: Tensor, logits: boolean): number {
  const p = prediction.data, t = target.data
  const columns = prediction.rank > 1 ? prediction.shape[prediction.rank - 1] : 1
  const rows = prediction.size / columns
  checkShapes(name, prediction, target, columns, rows)
  if (name === 'rmse' || name === 'mae') {
    let total = 0
    for (let i = 0; i < p.length; i++) {
      const difference = p[i] - t[i]
      total += name === 'rmse' ? difference * difference : Math.abs(difference)
    }
    return name === 'rmse' ? Math.sqrt(total / p.length) : total / p.length
  }
  let correct = 0
  const targetColumns = target.size / rows
  for (let r = 0; r < rows; r++) {
    if (columns === 1) {
      const predicted = p[r] > (logits ? 0 : 0.5) ? 1 : 0
      if (predicted === (t[r] > 0.5 ? 1 : 0)) correct++
      continue
    }
    const predicted = argMax(p, r * columns, columns)
    const expected = targetColumns === 1 ? t[r] : argMax(t, r * targetColumns, targetColumns)
    if (predicted === expected) correct++
  }
  return correct / rows
}

/** (Exported for fit(), which checks the metrics on one row before it trains.) rmse and mae compare element by element: the same size. accuracy: the same size, or (several prediction columns)
 *  one class label a row, each an integer column index. */
export function checkShapes(name: MetricName, prediction: Tensor, target: Tensor, columns: number, rows: number): void {
  const shapes = `the prediction is ${formatShape(prediction.shape)} and the target ${formatShape(target.shape)}`
  if (target.size === prediction.size) return
  if (name !== 'accuracy' || columns === 1 || target.size !== rows) {
    throw new RangeError(`metric ${name}: ${shapes}; ${name === 'accuracy' && columns > 1 ? 'give one-hot rows of the same shape or one class label per row' : 'they must have the same number of elements'}`)
  }
  const labels = target.data
  for (let r = 0; r < rows; r++) {
    if (!Number.isInteger(labels[r]) || labels[r] < 0 || labels[r] >= columns) {
      throw new RangeError(`metric accuracy: ${shapes}, so the target holds class labels, but row ${r} has ${labels[r]}; a label is an integer in [0, ${columns})`)
    }
  }
}

function argMax(values: ArrayLike<number>, offset: number, length: number): number {
  let best = 0
  for (let i = 1; i < length; i++) if (values[offset + i] > values[offset + best]) best = i
  return best
}
