// attribute(): pykan 0.2.8's scores, checked against their definition computed another way (through the edge readout);
// prune(): kept edges bit for bit, the original untouched, JSON round trip, bad input.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { Generator } from '../src/tensor/random'
import { sequential, modelFromJSON } from '../src/nn/sequential'
import { kan, type Kan } from '../src/nn/kan'
import { dense } from '../src/nn/dense'
import { attribute, prune } from '../src/nn/kan-prune'
import { sameBits } from './support/oracle'

const data = (seed: number, rows: number) => { const g = new Generator(seed); return tensor(Float64Array.from({ length: 2 * rows }, () => 2 * g.uniform() - 1), { dtype: 'float64', shape: [rows, 2] }) }
const std = (values: ArrayLike<number>) => {
  const n = values.length, mean = Array.from(values).reduce((a, b) => a + b, 0) / n
  return Math.sqrt(Array.from(values).reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1))
}

describe('attribute and prune', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it('scores edges E·s/(S + 1e-4) and nodes by their edges\' sums, from the output down (the definition, via the edge readout)', () => {
    const model = sequential([kan(2, 3, { grid: 4 }), kan(3, 2, { grid: 4 })], { seed: 5, dtype: 'float64' })
    const x = data(1, 300)
    const { layers, outputScores } = attribute(model, x)
    expect(Array.from(outputScores)).toEqual([1, 1])
    const inputs = [x, ...model.intermediates(x)]
    let above = [1, 1]
    for (let l = 1; l >= 0; l--) {
      const layer = model.layers[l] as Kan, h = inputs[l], out = inputs[l + 1]
      const column = (t: typeof h, i: number) => Float64Array.from({ length: t.shape[0] }, (_, b) => t.data[b * t.shape[1] + i])
      const nodeScores = new Array(layer.inputSize).fill(0)
      for (let o = 0; o < layer.outputSize; o++) {
        for (let i = 0; i < layer.inputSize; i++) {
          const expected = (std(layer.edge(o, i).evaluateMany(column(h, i))) * above[o]) / (std(column(out, o)) + 1e-4)
          expect(layers[l].edgeScores[o * layer.inputSize + i]).toBeCloseTo(expected, 12)
          nodeScores[i] += expected
        }
      }
      nodeScores.forEach((score, i) => expect(layers[l].nodeScores[i]).toBeCloseTo(score, 12))
      above = nodeScores
    }
  })

  it('removes a hidden node that contributes nothing, keeping every other edge bit for bit: the same predictions, the original untouched', () => {
    const model = sequential([kan(2, 3, { grid: 4 }), kan(3, 1, { grid: 4 })], { seed: 6, dtype: 'float64' })
    const [first, second] = model.layers as Kan[]
    for (let i = 0; i < 2; i++) { first.splineScale!.data[1 * 2 + i] = 0; first.baseScale!.data[1 * 2 + i] = 0 }   // node 1 gets nothing
    second.splineScale!.data[1] = 0; second.baseScale!.data[1] = 0
    const before = model.parameters.map((p) => p.data.slice())
    const x = data(2, 200)
    const pruned = prune(model, x)
    expect(pruned.layers.map((layer) => [(layer as Kan).inputSize, (layer as Kan).outputSize])).toEqual([[2, 2], [2, 1]])
    expect(sameBits(pruned.predict(x).data.slice(), model.predict(x).data.slice())).toBe(true)   // copies: a later allocation may grow the memory
    model.parameters.forEach((p, k) => expect(sameBits(p.data, before[k])).toBe(true))
    const kept = (pruned.layers[1] as Kan).edge(0, 1), original = second.edge(0, 2)
    expect(sameBits(kept.coefficients, original.coefficients) && sameBits(kept.knots, original.knots)).toBe(true)
    const restored = modelFromJSON(JSON.stringify(pruned.toJSON()))
    expect(sameBits(restored.predict(x).data.slice(), pruned.predict(x).data.slice())).toBe(true)
  })

  it.each([
    ['a NaN threshold', (m: ReturnType<typeof sequential>, x: ReturnType<typeof data>) => prune(m, x, { threshold: NaN }), RangeError, /^prune: threshold must be a finite number ≥ 0, got NaN$/],
    ['a negative threshold', (m: ReturnType<typeof sequential>, x: ReturnType<typeof data>) => prune(m, x, { threshold: -1 }), RangeError, /^prune: threshold must be a finite number ≥ 0, got -1$/],
    ['a threshold that removes every hidden node', (m: ReturnType<typeof sequential>, x: ReturnType<typeof data>) => prune(m, x, { threshold: 1e9 }), RangeError, /^prune: threshold 1000000000 would remove every node between layers 0 and 1/],
    ['an unknown option', (m: ReturnType<typeof sequential>, x: ReturnType<typeof data>) => prune(m, x, { treshold: 1 } as never), TypeError, /^prune: unknown option "treshold"; did you mean "threshold"\?/],
    ['a model with a dense layer', (_: unknown, x: ReturnType<typeof data>) => prune(sequential([dense(2, 1)], { dtype: 'float64' }), x), TypeError, /^prune: works on models of kan layers only; layers\[0\] is "dense"$/],
    ['a single row', (m: ReturnType<typeof sequential>) => attribute(m, tensor([[0.1, 0.2]], { dtype: 'float64' })), RangeError, /^attribute: x must be a batch \[rows ≥ 2, 2\]/],
  ])('refuses %s, the model unchanged', (_, call, errorClass, message) => {
    const model = sequential([kan(2, 3, { grid: 3 }), kan(3, 1, { grid: 3 })], { seed: 7, dtype: 'float64' })
    const before = model.parameters.map((p) => p.data.slice())
    const x = data(3, 50)
    expect(() => call(model, x)).toThrow(errorClass)
    expect(() => call(model, x)).toThrow(message)
    model.parameters.forEach((p, k) => expect(sameBits(p.data, before[k])).toBe(true))
  })
})
