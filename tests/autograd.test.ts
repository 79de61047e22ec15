// Every differentiable op, gradient-checked by finite differences in float64 on both backends.
import { beforeAll, describe, it } from 'vitest'
import { init } from '../src/init'
import type { Tensor } from '../src/tensor/tensor'
import { add, div, mul, neg, sub } from '../src/ops/arithmetic'
import { matmul } from '../src/ops/matmul'
import { mean, sum } from '../src/ops/reduce'
import { abs, clamp, exp, log, pow, sqrt } from '../src/ops/elementwise'
import { activation, logSoftmax, softmax } from '../src/ops/activation'
import { bceWithLogitsLoss, mseLoss, softmaxCrossEntropy } from '../src/ops/loss'
import { clone, concat, reshape, rows, slice, transpose } from '../src/ops/structure'
import { tensor } from '../src/tensor/create'
import { activationNames } from '../src/backend/kernels'
import { checkGradients, type GradInput } from './support/gradcheck'

const m = (...shape: number[]): GradInput => ({ shape })
const positive = (...shape: number[]): GradInput => ({ shape, low: 0.5, high: 2 })
const awayFromZero = (...shape: number[]): GradInput => ({ shape, low: 0.2, high: 1.5 })

const cases: [string, (...x: Tensor[]) => Tensor, GradInput[]][] = [
  ['add, same shapes', add, [m(3, 4), m(3, 4)]],
  ['add, bias row', add, [m(5, 3), m(3)]],
  ['add, row first', add, [m(1, 3), m(4, 3)]],
  ['add, column', add, [m(4, 3), m(4, 1)]],
  ['add, scalar', add, [m(2, 3), { shape: [] }]],
  ['sub, column', sub, [m(3, 2), m(3, 1)]],
  ['sub, scalar first', sub, [m(1), m(2, 2)]],
  ['mul, row', mul, [m(4, 5), m(5)]],
  ['mul, scalar', mul, [m(3, 3), m(1, 1)]],
  ['mul, 3-D row', mul, [m(2, 3, 4), m(3, 4)]],
  ['div, column', div, [m(3, 4), positive(3, 1)]],
  ['div, same', div, [m(2, 5), positive(2, 5)]],
  ['neg', neg, [m(7)]],
  ['matmul A·B', (a, b) => matmul(a, b), [m(3, 5), m(5, 4)]],
  ['matmul Aᵀ·B', (a, b) => matmul(a, b, { transposeA: true }), [m(5, 3), m(5, 4)]],
  ['matmul A·Bᵀ', (a, b) => matmul(a, b, { transposeB: true }), [m(3, 5), m(4, 5)]],
  ['matmul Aᵀ·Bᵀ', (a, b) => matmul(a, b, { transposeA: true, transposeB: true }), [m(5, 3), m(4, 5)]],
  ['sum of all', (a) => sum(a), [m(3, 4)]],
  ['sum along axis 0', (a) => sum(a, 0), [m(3, 4)]],
  ['sum along axis 1 of 3-D', (a) => sum(a, 1), [m(2, 3, 4)]],
  ['sum along the last axis, kept', (a) => sum(a, -1, { keepDims: true }), [m(3, 5)]],
  ['mean of all', (a) => mean(a), [m(4, 4)]],
  ['mean along axis 1', (a) => mean(a, 1), [m(3, 6)]],
  ['pow 2', (a) => pow(a, 2), [m(6)]],
  ['pow 3', (a) => pow(a, 3), [m(6)]],
  ['pow −1', (a) => pow(a, -1), [positive(6)]],
  ['pow 0.5', (a) => pow(a, 0.5), [positive(6)]],
  ['sqrt', sqrt, [positive(5)]],
  ['exp', exp, [m(5)]],
  ['log', log, [positive(5)]],
  ['abs', abs, [awayFromZero(5)]],
  ['clamp inside and outside', (a) => clamp(a, -0.5, 0.5), [{ shape: [9], low: -0.45, high: 0.45 }]],
  ['softmax', softmax, [m(3, 4)]],
  ['logSoftmax', logSoftmax, [m(3, 4)]],
  ['mseLoss', mseLoss, [m(4, 2), m(4, 2)]],
  ['bceWithLogitsLoss', (x) => bceWithLogitsLoss(x, tensor([[0, 1, 0.3], [1, 0, 0.5]], { dtype: 'float64' })), [m(2, 3)]],
  ['softmaxCrossEntropy, one-hot', (x) => softmaxCrossEntropy(x, tensor([[0, 1, 0], [1, 0, 0]], { dtype: 'float64' })), [m(2, 3)]],
  ['softmaxCrossEntropy, labels', (x) => softmaxCrossEntropy(x, [2, 0, 1]), [m(3, 3)]],
  ['reshape', (a) => reshape(a, [2, -1]), [m(3, 4)]],
  ['transpose', transpose, [m(3, 4)]],
  ['slice', (a) => slice(a, 1, 3), [m(4, 2)]],
  ['rows, with a repeat', (a) => rows(a, [2, 0, 2]), [m(3, 2)]],
  ['concat along axis 0', (a, b) => concat([a, b]), [m(2, 3), m(1, 3)]],
  ['concat along axis 1', (a, b) => concat([a, b], 1), [m(2, 3), m(2, 2)]],
  ['clone', clone, [m(4)]],
  ['a small MLP', (x, w1, w2) => matmul(activation('tanh', matmul(x, w1)), w2), [m(4, 3), m(3, 5), m(5, 2)]],
  ...activationNames.map((name): [string, (...x: Tensor[]) => Tensor, GradInput[]] =>
    [`activation ${name}`, (a) => activation(name, a, 0.1), [name === 'relu' || name === 'leakyRelu' ? { shape: [8], low: -1, high: 1 } : m(8)]]),
]

describe.each(['js', 'wasm'] as const)('gradients on %s (float64, central differences)', (backend) => {
  beforeAll(async () => { await init({ backend }) })
  it.each(cases.map((c, i) => [...c, i] as const))('%s', (_name, f, inputs, index) => {
    checkGradients(f, inputs, 1000 + index * 10)
  })
})
