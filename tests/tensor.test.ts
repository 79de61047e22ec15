import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { arange, eye, full, linspace, ones, randn, randu, tensor, zeros } from '../src/tensor/create'
import { Generator } from '../src/tensor/random'
import { concat, reshape, rows, slice, transpose } from '../src/ops/structure'
import { add, mul, sub, div } from '../src/ops/arithmetic'
import { matmul } from '../src/ops/matmul'
import { mean, sum } from '../src/ops/reduce'
import { exp, log, pow, sqrt } from '../src/ops/elementwise'
import { activation, logSoftmax, softmax } from '../src/ops/activation'
import { mseLoss, softmaxCrossEntropy } from '../src/ops/loss'
import { activationNames } from '../src/backend/kernels'
import type { Tensor } from '../src/tensor/tensor'
import randomReference from './fixtures/random-reference.json'
import { sameBits, firstDifference } from './support/oracle'

describe('Generator (xoshiro128** seeded by splitmix32)', () => {
  it.each(randomReference)('seed $seed matches the independent Python reference', ({ seed, uint32, uniform }) => {
    const integers = new Generator(seed)
    expect(uint32.map(() => integers.nextUint32())).toEqual(uint32)
    const uniforms = new Generator(seed)
    expect(uniform.map(() => uniforms.uniform())).toEqual(uniform)
  })

  it('draws normals with mean 0 and deviation 1 (within 4 standard errors over 20 000 samples)', () => {
    const generator = new Generator(5)
    const samples = Array.from({ length: 20000 }, () => generator.normal())
    const average = samples.reduce((a, b) => a + b, 0) / samples.length
    const variance = samples.reduce((a, b) => a + (b - average) ** 2, 0) / samples.length
    expect(Math.abs(average)).toBeLessThan(4 / Math.sqrt(samples.length))
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / samples.length))
  })

  it('shuffles reproducibly and keeps every item', () => {
    const first = new Generator(3).shuffle([...Array(20).keys()])
    expect(new Generator(3).shuffle([...Array(20).keys()])).toEqual(first)
    expect([...first].sort((a, b) => a - b)).toEqual([...Array(20).keys()])
    expect(first).not.toEqual([...Array(20).keys()])
  })
})

describe.each(['js', 'wasm'] as const)('tensors on %s', (backend) => {
  beforeAll(async () => { await init({ backend }) })

  it('builds from nested arrays (float32 by default), typed arrays and numbers', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6.1]])
    expect(t.shape).toEqual([2, 3])
    expect(t.dtype).toBe('float32')
    expect(t.size).toBe(6)
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, Math.fround(6.1)]])
    const fromTyped = tensor(new Float64Array([1, 2, 3, 4]), { shape: [2, 2] })
    expect(fromTyped.dtype).toBe('float64')
    expect(fromTyped.toArray()).toEqual([[1, 2], [3, 4]])
    const scalar = tensor(2.5, { dtype: 'float64' })
    expect(scalar.shape).toEqual([])
    expect(scalar.item()).toBe(2.5)
    expect(scalar.toArray()).toBe(2.5)
  })

  it('toArray<number[][]>() gives rows strict TypeScript uses without a cast (tsc checks this file)', () => {
    const rows: number[][] = tensor([[1, 2], [3, 4]]).toArray<number[][]>()
    expect(rows.map((row) => row[0] + row[1])).toEqual([3, 7])
    const value: number = tensor(1.5).toArray<number>()
    expect(value + 1).toBe(2.5)
  })

  it('exposes .data as a live view, not a copy', () => {
    const t = tensor([1, 2, 3])
    t.data[1] = 7
    expect(t.toArray()).toEqual([1, 7, 3])
    const copy = t.toArray() as number[]
    copy[0] = 9
    expect(t.data[0]).toBe(1)
  })

  it('makes zeros, ones, full, arange, linspace and eye', () => {
    expect(zeros([2, 2]).toArray()).toEqual([[0, 0], [0, 0]])
    expect(ones([3], { dtype: 'float64' }).toArray()).toEqual([1, 1, 1])
    expect(full([1, 2], -3).toArray()).toEqual([[-3, -3]])
    expect(arange(0, 1, 0.25, { dtype: 'float64' }).toArray()).toEqual([0, 0.25, 0.5, 0.75])
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1])
    expect(linspace(-1, 1, 5, { dtype: 'float64' }).toArray()).toEqual([-1, -0.5, 0, 0.5, 1])
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]])
  })

  it('draws the same random tensors from the same seed, and different ones from another', () => {
    const a = randn([3, 4], { seed: 11, dtype: 'float64' }), b = randn([3, 4], { seed: 11, dtype: 'float64' })
    expect(a.toArray()).toEqual(b.toArray())
    expect(randn([3, 4], { seed: 12, dtype: 'float64' }).toArray()).not.toEqual(a.toArray())
    const generator = new Generator(4)
    const u = randu([1000], { generator, low: -2, high: 3 })
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(-2)
    expect(Math.max(...u.data)).toBeLessThan(3)
    const next = randu([1000], { generator, low: -2, high: 3 })
    expect(next.toArray()).not.toEqual(u.toArray())
  })

  it('rows() picks short rows (copied element by element) and long rows (one copy each) alike: row i of the result is row indices[i]', () => {
    for (const width of [1, 2, 31, 32, 40]) {
      const values = Array.from({ length: 5 }, (_, r) => Array.from({ length: width }, (_, c) => 100 * r + c))
      const picks = [4, 0, 4, 2]
      expect(rows(tensor(values), picks).toArray()).toEqual(picks.map((r) => values[r]))
    }
  })

  it('reshapes as a view, transposes, slices, picks rows and concatenates', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]])
    const r = reshape(t, [3, -1])
    expect(r.toArray()).toEqual([[1, 2], [3, 4], [5, 6]])
    r.data[0] = 10
    expect(t.data[0]).toBe(10)   // shared storage
    expect(transpose(t).toArray()).toEqual([[10, 4], [2, 5], [3, 6]])
    expect(slice(t, 1).toArray()).toEqual([[4, 5, 6]])
    expect(rows(t, [1, 1, 0]).toArray()).toEqual([[4, 5, 6], [4, 5, 6], [10, 2, 3]])
    expect(concat([t, tensor([[7, 8, 9]])]).toArray()).toEqual([[10, 2, 3], [4, 5, 6], [7, 8, 9]])
    expect(concat([t, tensor([[0], [1]])], 1).toArray()).toEqual([[10, 2, 3, 0], [4, 5, 6, 1]])
    const c = t.clone()
    c.data[0] = -1
    expect(t.data[0]).toBe(10)
  })

  it.each([
    [[[1, 2], [3, 4]], 'float32', 'tensor([[1., 2.],\n        [3., 4.]], dtype=float32)'],
    [[0.5, -1.25, 3], 'float64', 'tensor([ 0.5 , -1.25,  3.  ], dtype=float64)'],
    [[1e-6, 2], 'float64', 'tensor([1.e-06, 2.e+00], dtype=float64)'],
    [[NaN, Infinity, 1], 'float32', 'tensor([nan, inf,  1.], dtype=float32)'],
    [[6.1, 1 / 3], 'float32', 'tensor([6.1       , 0.33333334], dtype=float32)'],
    [[-1e9, 0.5], 'float64', 'tensor([-1.e+09,  5.e-01], dtype=float64)'],
  ] as const)('prints %j like numpy', (values, dtype, expected) => {
    expect(tensor(values as unknown as number[], { dtype }).toString()).toBe(expected)
  })

  it('elides the middle of long tensors', () => {
    expect(arange(0, 2000).toString()).toBe('tensor([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03, 1.999e+03], dtype=float32)')
  })
})

/** A fixed float32 program over most ops; returns every intermediate's bytes. */
function program(): Tensor[] {
  const x = randn([17, 5], { seed: 1 }), w = randn([5, 4], { seed: 2 }), bias = randn([4], { seed: 3 })
  const hidden = add(matmul(x, w), bias)
  const outputs: Tensor[] = [hidden, sub(hidden, 0.5), mul(hidden, hidden), div(hidden, add(exp(hidden), 1)),
    sum(hidden, 0), mean(hidden, 1), pow(hidden, 3), sqrt(exp(hidden)), log(add(exp(hidden), 1)),
    softmax(hidden), logSoftmax(hidden), matmul(x, w, { transposeB: false }), matmul(hidden, w, { transposeB: true }),
    mseLoss(hidden, tensor(new Float32Array(68), { shape: [17, 4] })), softmaxCrossEntropy(hidden, Array.from({ length: 17 }, (_, i) => i % 4))]
  for (const name of activationNames) outputs.push(activation(name, hidden))
  return outputs
}

describe('float32 forward results: js and wasm give the same bits', () => {
  it('over a program touching every op', async () => {
    await init({ backend: 'js' })
    const fromJs = program().map((t) => t.data.slice())
    await init({ backend: 'wasm' })
    const fromWasm = program().map((t) => t.data.slice())
    fromJs.forEach((values, i) => expect(sameBits(values, fromWasm[i]), `output ${i}: ${firstDifference(values, fromWasm[i])}`).toBe(true))
  })
})
