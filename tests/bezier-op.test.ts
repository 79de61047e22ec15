import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { noGrad } from '../src/autograd/tape'
import { mul, sub } from '../src/ops/arithmetic'
import { mseLoss } from '../src/ops/loss'
import { bezierCurve } from '../src/ops/bezier'
import { Bezier } from '../src/curves/bezier'
import { checkGradients } from './support/gradcheck'
import { randomSource, sameBits } from './support/oracle'

describe.each(['js', 'wasm'] as const)('bezierCurve on %s', (backend) => {
  beforeAll(async () => { await init({ backend, quiet: true }) })

  it.each([[0, 2, 3], [1, 1, 5], [3, 2, 7], [3, 5, 4], [8, 3, 9]] as const)(
    'degree %i, dimension %i, %i parameters: gradients to the control points and to t match central differences',
    (degree, dimension, count) => {
      checkGradients((points, ts) => bezierCurve(points, ts), [
        { shape: [degree + 1, dimension], low: -2, high: 2 },
        { shape: [count], low: 0.05, high: 0.95 },
      ], degree * 10 + dimension)
    })

  it('the forward pass equals Bezier.atMany bit for bit', () => {
    const points = [[0, 1], [2, 3], [-1, 0.5], [4, 4]]
    for (const dtype of ['float32', 'float64'] as const) {
      const ts = [0, 0.2, 0.5, 0.9, 1]
      const out = bezierCurve(tensor(points, { dtype }), tensor(ts, { dtype }))
      expect(out.shape).toEqual([5, 2])
      expect(sameBits(out.data, new Bezier(points, { dtype }).atMany(ts))).toBe(true)
    }
  })

  it('fits control points to noisy samples by 300 plain gradient steps: the loss falls by more than 100×', () => {
    const next = randomSource(7)
    const truth = new Bezier([[0, 0], [1, 2], [3, -1], [4, 1]])
    const count = 200
    const ts = Array.from({ length: count }, (_, i) => i / (count - 1))
    const samples = Array.from(truth.atMany(ts), (x) => x + 0.01 * (2 * next() - 1))
    const target = tensor(samples, { dtype: 'float64', shape: [count, 2] })
    const parameters = tensor(ts, { dtype: 'float64' })
    const points = tensor([[0, 0], [0, 0], [0, 0], [0, 0]], { dtype: 'float64', requiresGrad: true })
    const lossOf = () => scope(() => {
      const loss = mseLoss(bezierCurve(points, parameters), target)
      loss.backward()
      return loss.item()
    })
    const first = lossOf()
    let last = first
    for (let step = 0; step < 300; step++) {
      noGrad(() => scope(() => { points.data.set(sub(points.detach(), mul(points.grad!, 3)).data) }))
      points.zeroGrad()
      last = lossOf()
    }
    expect(first / last).toBeGreaterThan(100)
    // and the fitted control points are the truth's, up to the noise
    const fitted = points.data
    truth.points.forEach((x, i) => expect(Math.abs(fitted[i] - x)).toBeLessThan(0.02))
  })

  it.each([
    ['1-D control points', () => bezierCurve(tensor([1, 2, 3]), tensor([0.5])), /controlPoints must be \[degree\+1, dimension\]/],
    ['2-D parameters', () => bezierCurve(tensor([[1, 2], [3, 4]]), tensor([[0.5]])), /ts must be 1-D \[count\], got shape \[1,1\]/],
    ['mixed dtypes', () => bezierCurve(tensor([[1, 2], [3, 4]]), tensor([0.5], { dtype: 'float64' })), /dtypes differ/],
    ['a plain array', () => bezierCurve([[1, 2]] as never, tensor([0.5])), /controlPoints must be a Tensor, got an Array/],
  ] as const)('refuses %s', (_, call, message) => {
    expect(call).toThrow(message)
  })
})
