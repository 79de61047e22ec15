// Layers and losses: float64 finite-difference gradient checks of every layer (to its input and to
// its parameters), every named loss and small whole models; what bezierAct and sine promise (identity
// start, tangent continuation, SIREN initialisation, curvenet's own sin); their JSON round trip; and
// one seeded fit() with both layers giving the same bits on js and wasm — and the golden hash, so
// Node and Chromium agree too.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import type { Tensor } from '../src/tensor/tensor'
import { noGrad } from '../src/autograd/tape'
import { mul } from '../src/ops/arithmetic'
import { sum } from '../src/ops/reduce'
import { activationNames } from '../src/backend/kernels'
import { modelFromJSON, sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act, type ActName } from '../src/nn/activation-layer'
import { bezierAct } from '../src/nn/bezier-act'
import { sine } from '../src/nn/sine'
import type { Layer } from '../src/nn/layer'
import { adam } from '../src/optim/optimizer'
import { lossNames, resolveLoss, type LossName } from '../src/train/losses'
import { checkGradients } from './support/gradcheck'
import { randomSource, randomValues, sameBits } from './support/oracle'
import { hashOutputs } from './support/golden'

const STEP = 1e-6

/**
 * Central differences over every parameter element in place, against backward() of a fixed random
 * weighting of `output()`; the same error measure as checkGradients (relative above 1).
 */
function checkParameterGradients(output: () => Tensor, parameters: Tensor[], seed: number, tolerance = 1e-6): void {
  const weights = noGrad(() => { const size = output().size; return tensor(randomValues(seed, size, 0.5, 1.5), { dtype: 'float64' }) })
  const objective = () => sum(mul(output(), weights.reshape([...output().shape])))
  for (const p of parameters) p.zeroGrad()
  objective().backward()
  parameters.forEach((parameter, which) => {
    // parameter.data each time: objective() allocates, and a wasm memory grow detaches older views
    for (let i = 0; i < parameter.size; i++) {
      const original = parameter.data[i]
      parameter.data[i] = original + STEP
      const plus = noGrad(() => objective().item())
      parameter.data[i] = original - STEP
      const minus = noGrad(() => objective().item())
      parameter.data[i] = original
      const numeric = (plus - minus) / (2 * STEP), analytic = parameter.grad!.data[i]
      expect(Math.abs(analytic - numeric) / Math.max(1, Math.abs(numeric)), `parameter ${which}, element ${i}: analytic ${analytic} vs numeric ${numeric}`).toBeLessThan(tolerance)
    }
  })
}

/** Parameters moved off their initial values (a bezierAct starts as the identity, where errors could hide). */
function perturb(parameters: Tensor[], seed: number, amount: number): void {
  const next = randomSource(seed)
  for (const p of parameters) p.data.forEach((value, i) => { p.data[i] = value + amount * (2 * next() - 1) })
}

function built(layer: Layer): Layer {
  sequential([layer], { seed: 3, dtype: 'float64' })
  return layer
}

const layerCases: { name: string; make: () => Layer; inputs: number; low: number; high: number }[] = [
  { name: 'dense(4, 3)', make: () => dense(4, 3), inputs: 4, low: -1, high: 1 },
  { name: 'dense(3, 5, { bias: false })', make: () => dense(3, 5, { bias: false }), inputs: 3, low: -1, high: 1 },
  // x beyond the range on both sides: the tangent continuation is checked too
  { name: 'bezierAct(3) (degree 6, range [−1, 1])', make: () => bezierAct(3), inputs: 3, low: -2, high: 2 },
  { name: 'bezierAct(4, { degree: 1, range: [0, 2] })', make: () => bezierAct(4, { degree: 1, range: [0, 2] }), inputs: 4, low: -1, high: 3 },
  { name: 'bezierAct(2, { degree: 3, range: [−0.5, 3] })', make: () => bezierAct(2, { degree: 3, range: [-0.5, 3] }), inputs: 2, low: -2, high: 4 },
  { name: 'sine(3, 4, { first: true })', make: () => sine(3, 4, { first: true }), inputs: 3, low: -1, high: 1 },
  { name: 'sine(5, 3) (w0 = 30)', make: () => sine(5, 3), inputs: 5, low: -1, high: 1 },
  { name: 'sine(2, 2, { w0: 1 })', make: () => sine(2, 2, { w0: 1 }), inputs: 2, low: -3, high: 3 },
  ...[...activationNames, 'softmax' as const].map((name: ActName) => ({ name: `act('${name}')`, make: () => act(name), inputs: 4, low: -3, high: 3 })),
]

const rowsOf = (x: number[], columns: number) => tensor(x, { dtype: 'float64', shape: [x.length / columns, columns] })

describe.each(['js', 'wasm'] as const)('gradient checks (float64, central differences) on %s', (backend) => {
  // memory reserved up front: checkGradients holds its inputs' views across calls, which a grow would detach
  beforeAll(async () => { await init({ backend, initialMemoryPages: 256 }) })

  it.each(layerCases)('$name: to its input and to its parameters (if any)', ({ make, inputs, low, high }) => {
    const layer = built(make())
    perturb(layer.parameters, 5, 0.3)
    checkGradients((x) => layer.forward(x), [{ shape: [5, inputs], low, high }], 7)
    const x = rowsOf(randomValues(8, 5 * inputs, low, high), inputs)
    if (layer.parameters.length > 0) checkParameterGradients(() => layer.forward(x), layer.parameters, 9)
  })

  const lossTargets: Record<LossName, (rows: number, columns: number) => Tensor> = {
    mse: (r, c) => rowsOf(randomValues(21, r * c), c),
    mae: (r, c) => rowsOf(randomValues(22, r * c), c),
    huber: (r, c) => rowsOf(randomValues(23, r * c, -3, 3), c),   // |d| on both sides of δ = 1
    bce: (r, c) => rowsOf(randomValues(24, r * c, 0, 1), c),
    bceWithLogits: (r, c) => rowsOf(randomValues(26, r * c, 0, 1), c),
    // probability rows (the fused gradient softmax − t assumes each row sums to 1)
    crossEntropy: (r, c) => rowsOf(Array.from({ length: r }, (_, row) => {
      const raw = randomValues(25 + row, c, 0.1, 1), total = raw.reduce((a, b) => a + b)
      return raw.map((v) => v / total)
    }).flat(), c),
    sparseCrossEntropy: (r, c) => tensor(Array.from({ length: r }, (_, row) => (row * 2) % c), { dtype: 'float64' }),
  }

  // bce takes probabilities: its predictions stay inside the clamp [ε, 1 − ε], where the gradient is the formula's
  const predictionRange = (name: LossName) => (name === 'bce' ? { low: 0.05, high: 0.95 } : { low: -2, high: 2 })

  it.each(lossNames)('loss %s: to the prediction', (name) => {
    const target = lossTargets[name](6, 3)
    const loss = resolveLoss('test', name)
    checkGradients((prediction) => loss(prediction, target), [{ shape: [6, 3], ...predictionRange(name) }], 31)
  })

  const modelCases = [
    // the Bezier model's curves moved off the identity; the SIREN model as initialised (w0 = 30 makes its
    // third derivatives large enough that bigger weights would need a smaller difference step)
    { name: 'a Bezier model dense(3, 4) → bezierAct(4) → dense(4, 2)', make: () => [dense(3, 4), bezierAct(4, { degree: 4 }), dense(4, 2)], inputs: 3, moved: 0.2 },
    { name: 'a SIREN model sine(2, 6, first) → sine(6, 6) → dense(6, 1)', make: () => [sine(2, 6, { first: true }), sine(6, 6), dense(6, 1)], inputs: 2, moved: 0 },
  ]

  it.each(modelCases)('$name: loss to every parameter and to the input', ({ make, inputs, moved }) => {
    const model = sequential(make(), { seed: 4, dtype: 'float64' })
    perturb(model.parameters, 6, moved)
    const x = rowsOf(randomValues(41, 7 * inputs, -1.3, 1.3), inputs)
    const y = noGrad(() => model.forward(x)).data.map((value, i) => value + (i % 3) * 0.1)
    const target = rowsOf(Array.from(y), y.length / 7)
    const loss = resolveLoss('test', 'mse')
    checkParameterGradients(() => loss(model.forward(x), target), model.parameters, 42)
    checkGradients((input) => loss(model.forward(input), target), [{ shape: [7, inputs], low: -1.3, high: 1.3 }], 43)
  })
})

describe('bezierAct', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it.each([
    { degree: 1, range: [-1, 1] as [number, number] },
    { degree: 6, range: [-1, 1] as [number, number] },
    { degree: 9, range: [-2, 5] as [number, number] },
  ])('starts as the identity, inside and outside range $range (degree $degree, float64)', ({ degree, range }) => {
    const model = sequential([bezierAct(3, { degree, range })], { seed: 1, dtype: 'float64' })
    const xs = randomValues(51, 60, range[0] - 3, range[1] + 3)
    const y = model.predict(rowsOf(xs, 3)).data
    // a handful of roundings of values of size ≤ 8: 1e-14 absolute is ≈ 5 ulps at 8
    xs.forEach((x, i) => expect(Math.abs(y[i] - x), `x = ${x}`).toBeLessThan(1e-14))
  })

  it('continues each curve along its end tangent beyond the range (so it stays C¹)', () => {
    const layer = bezierAct(2, { degree: 5, range: [-1, 2] })
    const model = sequential([layer], { seed: 1, dtype: 'float64' })
    perturb(layer.parameters, 52, 0.5)
    const c = layer.coefficients!.data, n = 5, span = 3
    const slope = (u: number, end: 'low' | 'high') =>
      (end === 'low' ? n * (c[u * 6 + 1] - c[u * 6]) : n * (c[u * 6 + 5] - c[u * 6 + 4])) / span
    const at = (x0: number, x1: number) => model.predict(tensor([[x0, x1]], { dtype: 'float64' })).data
    const [lowEnd, highEnd] = [at(-1, -1), at(2, 2)]
    for (const offset of [0.25, 1, 7]) {
      const below = at(-1 - offset, -1 - offset), above = at(2 + offset, 2 + offset)
      for (const u of [0, 1]) {
        expect(below[u]).toBeCloseTo(lowEnd[u] - offset * slope(u, 'low'), 12)
        expect(above[u]).toBeCloseTo(highEnd[u] + offset * slope(u, 'high'), 12)
      }
    }
    // the ends are the first and last coefficients (the curve interpolates them)
    expect(lowEnd[1]).toBeCloseTo(c[6], 14)
    expect(highEnd[1]).toBeCloseTo(c[11], 14)
  })

  it.each([
    [() => bezierAct(0), /^bezierAct: width must be a positive integer, got 0$/],
    [() => bezierAct(2, { degree: 0 }), /^bezierAct: degree must be a positive integer, got 0$/],
    [() => bezierAct(2, { degree: 2000 }), /^bezierAct: degree must be at most 1024, got 2000$/],
    [() => bezierAct(2, { range: [1, 1] }), /^bezierAct: range must be \[low, high\] with finite low < high, got \[1,1\]$/],
    [() => bezierAct(2, { order: 3 } as never), /^bezierAct: unknown option "order"; known options: degree, range$/],
  ])('refuses bad options: %#', (make, message) => {
    expect(make).toThrow(message)
  })

  it('refuses an input of the wrong width, naming both shapes', () => {
    const model = sequential([bezierAct(3)], { seed: 1 })
    expect(() => model.predict(tensor([[1, 2]]))).toThrow(/^bezierAct\(3\): expected input \[batch, 3\], got \[1,2\]$/)
  })
})

describe('sine', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it.each([
    { first: true, inputs: 3, w0: 30, limit: 1 / 3 },
    { first: false, inputs: 24, w0: 30, limit: Math.sqrt(6 / 24) / 30 },
    { first: false, inputs: 6, w0: 10, limit: 1 / 10 },
  ])('initialises W ~ U(±$limit) and b ~ U(±1/√in) (first: $first, in: $inputs, w0: $w0)', ({ first, inputs, w0, limit }) => {
    const layer = sine(inputs, 200, { first, w0 })
    sequential([layer], { seed: 2, dtype: 'float64' })
    const weights = Array.from(layer.weight!.data), biases = Array.from(layer.bias!.data)
    const largest = (values: number[]) => Math.max(...values.map(Math.abs))
    expect(largest(weights)).toBeLessThanOrEqual(limit)
    expect(largest(weights)).toBeGreaterThan(0.97 * limit)   // 200·in draws fill the interval
    const mean = weights.reduce((a, b) => a + b) / weights.length
    expect(Math.abs(mean)).toBeLessThan(0.1 * limit)
    expect(largest(biases)).toBeLessThanOrEqual(1 / Math.sqrt(inputs))
    expect(largest(biases)).toBeGreaterThan(0.9 / Math.sqrt(inputs))
  })

  it('computes sin(w0·(x·W + b)) with curvenet\'s sin (to 1e-15 of Math.sin, float64)', () => {
    const layer = sine(3, 4, { w0: 30, first: true })
    const model = sequential([layer], { seed: 5, dtype: 'float64' })
    const xs = randomValues(61, 30, -1, 1)
    const y = model.predict(rowsOf(xs, 3)).data
    const W = layer.weight!.data, b = layer.bias!.data
    for (let r = 0; r < 10; r++) {
      for (let j = 0; j < 4; j++) {
        const argument = 30 * (xs[r * 3] * W[j] + xs[r * 3 + 1] * W[4 + j] + xs[r * 3 + 2] * W[8 + j] + b[j])
        // the same argument bit for bit (matmul sums in k order, then + b, then ·w0); curvenet's sin is within
        // 2 ulps and V8's within 1 of the true value, for results of size ≤ 1: 3 ulps of 1 < 1e-15
        expect(Math.abs(y[r * 4 + j] - Math.sin(argument))).toBeLessThan(1e-15)
      }
    }
  })

  it.each([
    [() => sine(0, 2), /^sine: inputSize must be a positive integer, got 0$/],
    [() => sine(2, 2, { w0: 0 }), /^sine: w0 must be a finite number > 0, got 0$/],
    [() => sine(2, 2, { first: 1 } as never), /^sine: first must be a boolean, got number$/],
    [() => sine(2, 2, { omega: 30 } as never), /^sine: unknown option "omega"; known options: w0, first$/],
  ])('refuses bad options: %#', (make, message) => {
    expect(make).toThrow(message)
  })
})

const curveModel = (dtype: 'float32' | 'float64') => sequential([
  sine(2, 8, { first: true, w0: 10 }), bezierAct(8, { degree: 5, range: [-1.5, 1.5] }), sine(8, 8, { w0: 10 }), dense(8, 1),
], { seed: 17, dtype })

describe.each(['float32', 'float64'] as const)('bezierAct and sine in %s', (dtype) => {
  it('round-trip through JSON bit for bit, configuration included', async () => {
    await init({ backend: 'wasm' })
    const model = curveModel(dtype)
    perturb(model.parameters, 71, 0.1)
    const restored = modelFromJSON(JSON.stringify(model.toJSON()))
    expect(restored.layers.map((layer) => layer.config())).toEqual(model.layers.map((layer) => layer.config()))
    model.parameters.forEach((p, i) => expect(sameBits(p.data, restored.parameters[i].data)).toBe(true))
    const x = tensor(randomValues(72, 20, -1, 1), { dtype, shape: [10, 2] })
    expect(sameBits(model.predict(x).data, restored.predict(x).data)).toBe(true)
  })

  it('train to the same bits on js and wasm, in every environment (golden hash)', async () => {
    const golden = { float32: '73f46aa7', float64: '2210c2fd' }
    const run = async (backend: 'js' | 'wasm') => {
      await init({ backend })
      const model = curveModel(dtype)
      const xs = randomValues(81, 64, -1, 1), x = tensor(xs, { dtype, shape: [32, 2] })
      const y = tensor(Array.from({ length: 32 }, (_, i) => Math.sin(3 * xs[2 * i]) * xs[2 * i + 1]), { dtype, shape: [32, 1] })
      const history = await model.fit(x, y, { loss: 'mse', optimizer: adam({ lr: 0.01 }), epochs: 10, batchSize: 8 })
      return [Float64Array.from(history.epochs.map((logs) => logs.loss)), ...model.parameters.map((p) => p.data.slice())]
    }
    const js = await run('js'), wasm = await run('wasm')
    js.forEach((values, i) => expect(sameBits(values, wasm[i]), `array ${i} differs`).toBe(true))
    expect(hashOutputs(wasm)).toBe(golden[dtype])
  })
})
