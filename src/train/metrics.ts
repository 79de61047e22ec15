// Metrics reported by fit() and evaluate(): plain numbers computed in float64 from the outputs.
import type { Tensor } from '../tensor/tensor'

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

function argMax(values: ArrayLike<number>, offset: number, length: number): number {
  let best = 0
  for (let i = 1; i < length; i++) if (values[offset + i] > values[offset + best]) best = i
  return best
}
