// The kan layer and kanTransform: options, initialisation, gradients by finite differences (the op, a whole KAN model and the
// regularisation), the grid moved to the data with the function kept, grid extension, JSON, and a KAN [2,5,1] learning XOR.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { noGrad } from '../src/autograd/tape'
import type { Tensor } from '../src/tensor/tensor'
import { kanTransform, type KanBase } from '../src/ops/kan'
import { modelFromJSON, sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { kan, type KanOptions } from '../src/nn/kan'
import { kanRegularization, refineGrid, updateGrid } from '../src/nn/kan-model'
import { adam } from '../src/optim/optimizer'
import { lbfgs } from '../src/optim/lbfgs'
import { mseLoss } from '../src/ops/loss'
import { checkGradients } from './support/gradcheck'
import { randomValues, sameBits } from './support/oracle'
import type { WasmBackend } from '../src/backend/wasm/index'

/** Knots per input: open uniform on [−1, 1] (grid 4, cubic) for input 0, a stretched non-uniform vector for input 1. */
const knotRows = [
  [-2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5],
  [-2, -1.6, -1.3, -1, -0.4, 0.1, 0.3, 1, 1.2, 1.5, 2.1],
]

/** The largest |a − b| over the largest |b|: relative difference of two outputs. */
function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let difference = 0, size = 0
  for (let i = 0; i < b.length; i++) { difference = Math.max(difference, Math.abs(a[i] - b[i])); size = Math.max(size, Math.abs(b[i])) }
  return difference / size
}

/** ∂loss/∂p of every model parameter by central differences against backward(), as tests/support/gradcheck.ts does for inputs. */
function checkModelGradients(parameters: Tensor[], loss: () => Tensor, tolerance = 1e-6): void {
  for (const p of parameters) p.zeroGrad()
  loss().backward()
  const h = 1e-6
  for (const [which, p] of parameters.entries()) {
    // p.data taken again for every write: a loss() that grows the wasm memory empties the views made before it
    for (let i = 0; i < p.size; i++) {
      const original = p.data[i]
      p.data[i] = original + h
      const plus = noGrad(() => loss().item())
      p.data[i] = original - h
      const minus = noGrad(() => loss().item())
      p.data[i] = original
      const numeric = (plus - minus) / (2 * h)
      const analytic = p.grad!.data[i]
      expect(Math.abs(analytic - numeric) / Math.max(1, Math.abs(numeric)), `parameter ${which}[${i}]: ${analytic} vs ${numeric}`).toBeLessThan(tolerance)
    }
  }
}

describe.each(['js', 'wasm'] as const)('kan on %s', (backend) => {
  beforeAll(async () => { await init({ backend }) })

  describe.each(['silu', 'identity', 'none'] as KanBase[])('kanTransform with base %s: gradients by finite differences', (base) => {
    it.each([false, true])('per edge %s, inputs inside, between the grid and the extension ends, and beyond', (edges) => {
      const knots = tensor(knotRows.flat(), { dtype: 'float64', shape: [2, 11] })
      const inputs = [{ shape: [7, 2], low: -2.4, high: 2.7 }, { shape: [3, 2, 7] }, { shape: [3, 2], low: 0.5, high: 1.5 }]
      if (base !== 'none') inputs.push({ shape: [3, 2] })
      checkGradients((x, coefficients, splineScale, baseScale) =>
        kanTransform(x, { knots, coefficients, splineScale, baseScale: baseScale ?? null }, { degree: 3, base, edges }), inputs, 17)
    })
  })

  it('a whole KAN model [2, 3, 1] (float64): every parameter\'s gradient by finite differences', () => {
    const model = sequential([kan(2, 3, { grid: 4 }), kan(3, 1, { grid: 3, base: 'identity' })], { seed: 4, dtype: 'float64' })
    const x = tensor(randomValues(1, 16, -1, 1), { dtype: 'float64', shape: [8, 2] }), y = tensor(randomValues(2, 8), { dtype: 'float64', shape: [8, 1] })
    for (const p of model.parameters) p.data.set(randomValues(p.size, p.size, 0.2, 1))   // scales and coefficients of size ~1
    checkModelGradients(model.parameters, () => mseLoss(model.forward(x), y))
  })

  it('initialises as documented: uniform knots over the range, small coefficients, spline scales 1, base scales (1 ± noise)/√in', () => {
    const layer = kan(4, 3, { grid: 6, order: 2, range: [-2, 3], noise: 0.3 })
    sequential([layer], { seed: 7, dtype: 'float64' })
    expect(layer.knots!.shape).toEqual([4, 6 + 2 * 2 + 1])
    // grid point j = i − order of 6 equal intervals on [−2, 3], as a weighted mean of the ends
    expect(Array.from(layer.knots!.data.subarray(0, 11))).toEqual(Array.from({ length: 11 }, (_, i) => ((6 - (i - 2)) * -2 + (i - 2) * 3) / 6))
    expect(layer.uniform).toBe(true)
    expect(layer.coefficients!.shape).toEqual([3, 4, 8])
    for (const c of layer.coefficients!.data) expect(Math.abs(c)).toBeLessThanOrEqual(0.3 / 2 / 6)
    expect(Array.from(layer.splineScale!.data)).toEqual(new Array(12).fill(1))
    for (const s of layer.baseScale!.data) expect(Math.abs(s * 2 - 1)).toBeLessThanOrEqual(0.3)
    expect(layer.parameters).toEqual([layer.coefficients, layer.splineScale, layer.baseScale])
    expect(kan(2, 2, { base: 'none' }).baseScale).toBeNull()
  })

  it.each([
    [{ grid: 0 }, /kan: grid must be a positive integer, got 0/],
    [{ order: 6 }, /kan: order \(the spline degree\) must be an integer in \[0, 5\], got 6/],
    [{ range: [1, -1] }, /kan: range must be \[low, high\] with finite low < high/],
    [{ base: 'relu' }, /kan: unknown base "relu"; did you mean "silu"\? known: silu, identity, none/],
    [{ gridEps: 1.5 }, /kan: gridEps must be in \[0, 1\], got 1.5/],
    [{ noise: -1 }, /kan: noise must be a finite number ≥ 0/],
    [{ grids: 5 }, /kan: unknown option "grids"/],
  ])('refuses the options %o', (options, message) => {
    expect(() => kan(2, 3, options as KanOptions)).toThrow(message)
  })

  it('updateGrid moves the knots to the samples and keeps each edge\'s function; the regrid refuses bad samples', () => {
    const model = sequential([kan(2, 3, { gridEps: 0 }), kan(3, 1)], { seed: 3, dtype: 'float64' })
    const x = tensor(randomValues(8, 400, 0.1, 0.9).map((v, i) => (i % 2 ? v * v : v)), { dtype: 'float64', shape: [200, 2] })
    for (const p of model.parameters) p.data.set(randomValues(p.size, p.size, -1, 1))
    const before = model.predict(x).data.slice()
    updateGrid(model, x)
    const first = model.layers[0] as ReturnType<typeof kan>
    const sorted = Array.from({ length: 200 }, (_, b) => x.data[2 * b]).sort((a, b) => a - b)
    expect(first.knots!.data[3]).toBe(sorted[0])   // gridEps 0: the percentiles exactly, from the smallest sample
    expect(first.knots!.data[8]).toBe(sorted[199])
    expect(first.uniform).toBe(false)
    expect(relativeDifference(model.predict(x).data, before)).toBeLessThan(1e-2)
    expect(() => updateGrid(model, tensor([[NaN, 0]], { dtype: 'float64' }))).toThrow(/updateGrid: x\[0, 0\] is NaN/)
    expect(() => updateGrid(sequential([dense(2, 1)]), x)).toThrow(/updateGrid: the model has no kan layer/)
  })

  it('an input whose samples do not vary (a node sparsity switched off) keeps its grid range: updateGrid and refineGrid refit its splines there', () => {
    const model = sequential([kan(2, 3)], { seed: 4, dtype: 'float64' })
    for (const p of model.parameters) p.data.set(randomValues(p.size + 7, p.size, -1, 1))
    const first = model.layers[0] as ReturnType<typeof kan>
    const knotsBefore = first.knots!.data.slice()
    const constant = tensor(Array.from({ length: 50 }, () => [0.5, -0.25]), { dtype: 'float64' })
    // both inputs are constant; the edges over their whole grid range are what must stay (up to the least-squares fit's
    // ridge, 1e-10 of its diagonal)
    const probe = tensor(randomValues(31, 400, -1, 1), { dtype: 'float64', shape: [200, 2] })
    const before = model.predict(probe).data.slice()
    updateGrid(model, constant)
    expect(Array.from(first.knots!.data)).toEqual(Array.from(knotsBefore))   // uniform over [−1, 1] before and after
    expect(relativeDifference(model.predict(probe).data, before)).toBeLessThan(1e-6)
    refineGrid(model, 10, constant)
    expect(first.knots!.data[3]).toBe(-1)
    expect(first.knots!.data[13]).toBe(1)
    expect(relativeDifference(model.predict(probe).data, before)).toBeLessThan(1e-6)
  })

  it('refineGrid 5 → 10 → 20 after training: the output changes by < 1e-3 relative at each extension (here < 1e-6)', async () => {
    const x = tensor(randomValues(21, 600, -1, 1), { dtype: 'float64', shape: [300, 2] })
    const y = tensor(Array.from({ length: 300 }, (_, b) => [Math.exp(Math.sin(Math.PI * x.data[2 * b]) + x.data[2 * b + 1] ** 2)]), { dtype: 'float64' })
    const model = sequential([kan(2, 1), kan(1, 1)], { seed: 2, dtype: 'float64' })
    // the grids follow the hidden values while they move (beyond its knots a spline is 0, which no finer spline can copy)
    const optimizer = lbfgs()
    updateGrid(model, x)
    await model.fit(x, y, { loss: 'mse', optimizer, epochs: 6, onEpochEnd: () => { updateGrid(model, x); optimizer.reset() } })
    for (const grid of [10, 20]) {
      const before = model.predict(x).data.slice()
      refineGrid(model, grid, x)
      expect(model.layers.map((layer) => (layer as ReturnType<typeof kan>).coefficients!.shape[2])).toEqual([grid + 3, grid + 3])
      expect(relativeDifference(model.predict(x).data, before)).toBeLessThan(1e-6)
    }
  })

  it('round-trips through JSON bit for bit, knots included, and refuses knots of the wrong size', () => {
    const model = sequential([kan(2, 3, { grid: 4, base: 'identity' }), kan(3, 1, { order: 2, gridEps: 0.5 })], { seed: 6, dtype: 'float32' })
    const x = tensor(randomValues(3, 40, -1, 1), { shape: [20, 2] })
    updateGrid(model, x)
    const json = JSON.parse(JSON.stringify(model.toJSON()))
    const restored = modelFromJSON(json)
    restored.layers.forEach((layer, i) => {
      const [a, b] = [layer, model.layers[i]] as ReturnType<typeof kan>[]
      expect(sameBits(a.knots!.data, b.knots!.data)).toBe(true)
      expect(a.config()).toEqual(b.config())
    })
    expect(sameBits(restored.predict(x).data, model.predict(x).data)).toBe(true)
    json.layers[0].config.knots.length = 3
    expect(() => modelFromJSON(json)).toThrow(/fromJSON: kan config.knots/)
  })

  it('a KAN [2, 5, 1] learns XOR', async () => {
    const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = tensor([[0], [1], [1], [0]])
    const model = sequential([kan(2, 5), kan(5, 1)], { seed: 1 })
    await model.fit(x, y, { loss: 'bceWithLogits', optimizer: adam({ lr: 0.05 }), epochs: 200, batchSize: 4 })
    expect(model.evaluate(x, y, { loss: 'bceWithLogits', metrics: ['accuracy'], logits: true }).accuracy).toBe(1)
  })

  it('kanRegularization: the KAN paper\'s λ(μ1·|Φ|₁ + μ2·S(Φ)) over the latest forward, with gradients by finite differences', () => {
    const model = sequential([kan(2, 3, { grid: 3 }), kan(3, 1, { grid: 3 })], { seed: 8, dtype: 'float64' })
    for (const p of model.parameters) p.data.set(randomValues(p.size + 1, p.size, 0.2, 1))
    const x = tensor(randomValues(4, 12, -1, 1), { dtype: 'float64', shape: [6, 2] })
    const options = { lambda: 0.3, l1: 1.5, entropy: 2 }
    model.forward(x)
    const value = kanRegularization(model, options).item()
    // the oracle: per layer, the edges' mean |φ| over the batch from per-edge outputs, in plain float64
    let expected = 0
    let input = x
    for (const layer of model.layers as ReturnType<typeof kan>[]) {
      const edges = kanTransform(input, layer.weights, { degree: 3, base: 'silu', edges: true }).data
      const [, inputs, outputs] = [6, layer.inputSize, layer.outputSize]
      const norms = Array.from({ length: inputs * outputs }, (_, k) => Array.from({ length: 6 }, (_, b) => Math.abs(edges[b * inputs * outputs + k])).reduce((a, b) => a + b) / 6)
      const total = norms.reduce((a, b) => a + b)
      const entropy = -norms.reduce((a, n) => a + (n / total) * Math.log(n / total), 0)
      expected += options.l1 * total + options.entropy * entropy
      input = layer.forward(input)
    }
    expect(value).toBeCloseTo(options.lambda * expected, 12)
    checkModelGradients(model.parameters, () => { model.forward(x); return kanRegularization(model, options) })
    expect(() => kanRegularization(sequential([kan(2, 1)]))).toThrow(/run the model forward first/)
  })
})

describe('kan keeps wasm memory flat', () => {
  it('over 2000 Adam steps, 40 L-BFGS steps and 20 grid updates after the first round of each', async () => {
    const runtime = await init({ backend: 'wasm' })
    const memory = (runtime.backend as WasmBackend).memory
    const xs = randomValues(41, 128, -1, 1)
    const x = tensor(xs, { dtype: 'float64', shape: [64, 2] }), y = tensor(Array.from({ length: 64 }, (_, b) => [xs[2 * b] - xs[2 * b + 1] ** 2]), { dtype: 'float64' })
    const model = sequential([kan(2, 5), kan(5, 1)], { seed: 3, dtype: 'float64' })
    const first = adam({ lr: 0.01 }), second = lbfgs({ maxIterations: 4 })
    const round = async (epochs: number) => {
      await model.fit(x, y, { loss: 'mse', optimizer: first, epochs, batchSize: 16 })
      updateGrid(model, x)
      second.reset()
      await model.fit(x, y, { loss: 'mse', optimizer: second, epochs: 2 })
    }
    await round(1)
    const size = memory.buffer.byteLength
    for (let k = 0; k < 20; k++) await round(25)
    expect(memory.buffer.byteLength).toBe(size)
  })
})

describe('kan is deterministic across backends', () => {
  it.each(['float32', 'float64'] as const)('%s: initialisation, Adam and L-BFGS training give the same bits on js and wasm', async (dtype) => {
    const run = async (backend: 'js' | 'wasm') => {
      await init({ backend })
      const xs = randomValues(31, 120, -1, 1)
      const x = tensor(xs, { dtype, shape: [60, 2] }), y = tensor(Array.from({ length: 60 }, (_, b) => [xs[2 * b] * xs[2 * b + 1]]), { dtype })
      const model = sequential([kan(2, 4, { grid: 5 }), kan(4, 1, { grid: 5 })], { seed: 12, dtype })
      const initial = model.parameters.map((p) => p.data.slice())
      const adamHistory = await model.fit(x, y, { loss: 'mse', optimizer: adam({ lr: 0.01 }), epochs: 3, batchSize: 16 })
      updateGrid(model, x)
      const lbfgsHistory = await model.fit(x, y, { loss: 'mse', optimizer: lbfgs({ maxIterations: 5 }), epochs: 3 })
      return { initial, losses: Float64Array.from([...adamHistory.epochs, ...lbfgsHistory.epochs].map((logs) => logs.loss)), weights: model.parameters.map((p) => p.data.slice()) }
    }
    const js = await run('js'), wasm = await run('wasm')
    js.initial.forEach((w, i) => expect(sameBits(w, wasm.initial[i])).toBe(true))
    expect(sameBits(js.losses, wasm.losses)).toBe(true)
    js.weights.forEach((w, i) => expect(sameBits(w, wasm.weights[i])).toBe(true))
  })
})
