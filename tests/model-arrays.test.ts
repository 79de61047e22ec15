// The habits tfjs and brain.js users bring: plain arrays into predict / fit / evaluate (the result in the form that came
// in), and model.summary() / String(model).
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { kan } from '../src/nn/kan'
import { bezierAct } from '../src/nn/bezier-act'
import { customLayer } from '../src/nn/layer'
import { sgd } from '../src/optim/optimizer'
import { sameBits } from './support/oracle'

const rows = [[0.1, -0.4], [0.7, 0.2], [-0.3, 0.9]]

describe('plain arrays as model data', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })
  const model = () => sequential([dense(2, 4), act('tanh'), dense(4, 3)], { seed: 1, dtype: 'float64' })

  it('predict: rows give rows, one row gives one row, a flat typed array gives a flat array of the model dtype — the same bits as a Tensor', () => {
    const m = model()
    const expected = m.predict(tensor(rows, { dtype: 'float64' })).data.slice()   // a copy: later calls may grow the memory
    const asRows = m.predict(rows)
    expect(asRows.length).toBe(3)
    expect(asRows.every((row) => Array.isArray(row) && row.length === 3)).toBe(true)
    expect(sameBits(Float64Array.from(asRows.flat()), expected)).toBe(true)
    const one = m.predict(rows[1])
    expect(sameBits(Float64Array.from(one), expected.subarray(3, 6))).toBe(true)
    const flat = m.predict(Float64Array.from(rows.flat()))
    expect(flat).toBeInstanceOf(Float64Array)
    expect(sameBits(flat, expected)).toBe(true)
    const float32 = sequential([dense(2, 3)], { seed: 1 }).predict(Float32Array.of(1, 2, 3, 4))
    expect(float32).toBeInstanceOf(Float32Array)
    expect(float32.length).toBe(6)
  })

  it('fit and evaluate on arrays train the same bits as on tensors', async () => {
    const targets = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    const onArrays = model(), onTensors = model()
    const options = { loss: 'mse' as const, optimizer: sgd({ lr: 0.1 }), epochs: 3, batchSize: 3 }
    const a = await onArrays.fit(rows, targets, options)
    const b = await onTensors.fit(tensor(rows, { dtype: 'float64' }), tensor(targets, { dtype: 'float64' }), { ...options, optimizer: sgd({ lr: 0.1 }) })
    expect(a.epochs.map((e) => e.loss)).toEqual(b.epochs.map((e) => e.loss))
    onArrays.parameters.forEach((p, k) => expect(sameBits(p.data, onTensors.parameters[k].data)).toBe(true))
    expect(onArrays.evaluate(rows, Float64Array.from(targets.flat()), { loss: 'mse' }).loss)
      .toBe(onTensors.evaluate(tensor(rows, { dtype: 'float64' }), tensor(targets, { dtype: 'float64' }), { loss: 'mse' }).loss)
  })

  it.each([
    ['a flat array that is not whole rows', () => model().predict(Float64Array.of(1, 2, 3)), RangeError, /^predict: x is a flat Float64Array of 3 values, which is not a whole number ≥ 1 of rows of 2$/],
    ['an empty array', () => model().predict([]), RangeError, /^predict: x is an empty array; give at least one row$/],
    ['a string', () => model().predict('1,2' as never), TypeError, /^predict: x must be a Tensor, number\[\]\[\] \(rows\), number\[\] \(one row\) or a flat Float32Array\/Float64Array, got the string "1,2"$/],
    ['a flat array into a model whose width is unknown', () => sequential([customLayer({ forward: (x) => x })]).predict(Float32Array.of(1, 2)), TypeError,
      /^predict: x is a flat Float32Array, but the model's input width is not known here; pass rows/],
  ])('refuses %s', (_, call, errorClass, message) => {
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
  })
})

describe('empty data', () => {
  it('fit() says x and y have no rows (it blamed validationSplit)', async () => {
    await init({ backend: 'wasm' })
    const model = sequential([dense(2, 1)])
    await expect(model.fit(tensor([], { shape: [0, 2] }), tensor([], { shape: [0, 1] }), { loss: 'mse' }))
      .rejects.toThrow(/^fit: x and y have no rows; give at least one example$/)
  })
})

describe('summary', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it('lists every layer with its output shape and parameter count, and the total, as data and as text', () => {
    const model = sequential([dense(2, 16), act('tanh'), kan(16, 5, { grid: 4 }), bezierAct(5, { degree: 3 }), dense(5, 1, { bias: false })], { seed: 7 })
    const summary = model.summary()
    expect(summary.layers.map((layer) => [layer.kind, layer.outputShape[1], layer.parameters])).toEqual([
      ['dense', 16, 2 * 16 + 16], ['activation', 16, 0], ['kan', 5, 5 * 16 * (4 + 3) + 2 * 5 * 16], ['bezierAct', 5, 5 * 4], ['dense', 1, 5],
    ])
    expect(summary.parameterCount).toBe(model.parameterCount)
    expect(summary.inputWidth).toBe(2)
    expect(String(model)).toBe(summary.text)
    const lines = summary.text.split('\n')
    expect(lines[0]).toBe('Sequential: float32, seed 7, input [batch, 2]')
    expect(lines).toHaveLength(1 + 1 + 5 + 1)
    expect(lines[3]).toMatch(/^1 +act\(tanh\) +\[batch, 16\] +0$/)
    expect(lines[4]).toMatch(/^2 +kan\(16 → 5, grid 4, order 3, base silu\) +\[batch, 5\] +720$/)
    expect(lines.at(-1)).toBe(`total parameters: ${model.parameterCount.toLocaleString('en-US')}`)
  })

  it('shows an unknown width as "?" after a custom layer', () => {
    const model = sequential([dense(2, 3), customLayer({ kind: 'twice', forward: (x) => x }), act('relu')])
    expect(model.summary().layers.map((layer) => layer.outputShape[1])).toEqual([3, undefined, undefined])
    expect(model.summary().text).toMatch(/twice +\[batch, \?\]/)
  })
})
