// Metrics check their shapes: element-wise metrics need the same size, accuracy takes one-hot rows or one class label a
// row; fit() checks them on one row before it trains, so a mistake costs no epoch and changes no weight.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { metric } from '../src/train/metrics'
import { sum } from '../src/ops/reduce'
import { sameBits } from './support/oracle'

describe('metrics check shapes', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })
  const prediction = () => tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]])

  it('accuracy takes one-hot rows or one integer label a row, with the same answer', () => {
    expect(metric('accuracy', prediction(), tensor([[0, 1, 0], [0, 0, 1]]), false)).toBe(0.5)
    expect(metric('accuracy', prediction(), tensor([[1], [2]]), false)).toBe(0.5)
  })

  it.each([
    ['rmse against class labels', 'rmse', () => tensor([[1], [2]]), /^metric rmse: the prediction is \[2,3\] and the target \[2,1\]; they must have the same number of elements$/],
    ['mae against fewer columns', 'mae', () => tensor([[1, 0], [0, 1]]), /^metric mae: the prediction is \[2,3\] and the target \[2,2\]; they must have the same number of elements$/],
    ['accuracy against other columns', 'accuracy', () => tensor([[1, 0], [0, 1]]), /^metric accuracy: the prediction is \[2,3\] and the target \[2,2\]; give one-hot rows of the same shape or one class label per row$/],
    ['accuracy against a label out of range', 'accuracy', () => tensor([[1], [3]]), /^metric accuracy: .*row 1 has 3; a label is an integer in \[0, 3\)$/],
    ['accuracy against a fractional label', 'accuracy', () => tensor([[0.5], [1]]), /row 0 has 0.5; a label is an integer in \[0, 3\)$/],
  ] as const)('refuses %s', (_, name, target, message) => {
    expect(() => metric(name, prediction(), target(), false)).toThrow(message)
  })

  it('fit() refuses a metric that does not fit the targets before its first epoch, the weights unchanged', async () => {
    const model = sequential([dense(2, 3)], { seed: 1 })
    const before = model.parameters.map((p) => p.data.slice())
    const x = tensor([[0, 1], [1, 0]]), labels = tensor([[2], [0]])
    let epochs = 0
    await expect(model.fit(x, labels, { loss: (p) => sum(p), metrics: ['rmse'], onEpochEnd: () => { epochs++ } }))
      .rejects.toThrow(/^metric rmse: the prediction is \[1,3\] and the target \[1,1\]/)
    expect(epochs).toBe(0)
    model.parameters.forEach((p, k) => expect(sameBits(p.data, before[k])).toBe(true))
  })
})
