// Training: the seed's claims as tests (a stack of linear layers is one linear map and cannot learn
// XOR; one nonlinearity can), fit()'s contract, and the model's JSON form.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { modelFromJSON, sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { collapseLinear } from '../src/nn/collapse'
import { adam, sgd } from '../src/optim/optimizer'
import { TrainingError } from '../src/train/fit'
import { resolveLoss } from '../src/train/losses'
import { sameBits } from './support/oracle'
import type { WasmBackend } from '../src/backend/wasm/index'

const xorInputs = [[0, 0], [0, 1], [1, 0], [1, 1]]
const xorTargets = [[0], [1], [1], [0]]

describe.each(['js', 'wasm'] as const)('training on %s', (backend) => {
  beforeAll(async () => { await init({ backend }) })

  it('a 4-layer stack without activations is one linear map: equal to its collapseLinear to 1e-6', () => {
    const model = sequential([dense(3, 8), dense(8, 8), dense(8, 5), dense(5, 2)], { seed: 3, dtype: 'float64' })
    const single = collapseLinear(model)
    expect(single.layers).toHaveLength(1)
    const x = tensor([[0.5, -1, 2], [3, 0.25, -0.75], [0, 0, 0]], { dtype: 'float64' })
    const a = model.predict(x).data, b = single.predict(x).data
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a[i])))
  })

  it('so it cannot fit XOR (accuracy ≤ 75%), while one tanh layer reaches 100%', async () => {
    const x = tensor(xorInputs), y = tensor(xorTargets)
    const linear = sequential([dense(2, 8), dense(8, 8), dense(8, 8), dense(8, 1)], { seed: 1 })
    await linear.fit(x, y, { loss: 'bceWithLogits', optimizer: adam({ lr: 0.05 }), epochs: 300, batchSize: 4 })
    expect(linear.evaluate(x, y, { loss: 'bceWithLogits', metrics: ['accuracy'], logits: true }).accuracy).toBeLessThanOrEqual(0.75)

    const nonlinear = sequential([dense(2, 8), act('tanh'), dense(8, 1)], { seed: 1 })
    const history = await nonlinear.fit(x, y, { loss: 'bceWithLogits', optimizer: adam({ lr: 0.05 }), epochs: 300, batchSize: 4 })
    expect(nonlinear.evaluate(x, y, { loss: 'bceWithLogits', metrics: ['accuracy'], logits: true }).accuracy).toBe(1)
    expect(history.epochs[history.epochs.length - 1].loss).toBeLessThan(history.epochs[0].loss / 10)
  })

  it("'bce' takes probabilities: a model ending in act('sigmoid') learns XOR to 100% with it", async () => {
    const x = tensor(xorInputs), y = tensor(xorTargets)
    const model = sequential([dense(2, 8), act('tanh'), dense(8, 1), act('sigmoid')], { seed: 1 })
    const history = await model.fit(x, y, { loss: 'bce', optimizer: adam({ lr: 0.05 }), epochs: 300, batchSize: 4 })
    expect(model.evaluate(x, y, { loss: 'bce', metrics: ['accuracy'] }).accuracy).toBe(1)
    expect(history.epochs[history.epochs.length - 1].loss).toBeLessThan(history.epochs[0].loss / 10)
  })

  it("'bce' equals −mean(t·log p + (1 − t)·log(1 − p)) with p clamped to [1e-7, 1 − 1e-7], and 'bceWithLogits' of the logit gives the same", () => {
    const p = [0.2, 0.9, 0.5, 0, 1], t = [0, 1, 0.25, 0, 1]
    const dtype = 'float64'
    const clamped = p.map((v) => Math.min(Math.max(v, 1e-7), 1 - 1e-7))
    // the oracle uses the engine's log: agreement to 1e-15 relative, not bits (the loss uses curvenet's log)
    const expected = -clamped.reduce((total, v, i) => total + t[i] * Math.log(v) + (1 - t[i]) * Math.log(1 - v), 0) / p.length
    const loss = resolveLoss('test', 'bce')(tensor([p], { dtype }), tensor([t], { dtype })).item()
    expect(Math.abs(loss - expected)).toBeLessThanOrEqual(1e-15 * Math.abs(expected))
    const inner = [0.2, 0.9, 0.5], logits = inner.map((v) => Math.log(v / (1 - v)))
    const fromLogits = resolveLoss('test', 'bceWithLogits')(tensor([logits], { dtype }), tensor([t.slice(0, 3)], { dtype })).item()
    const fromProbabilities = resolveLoss('test', 'bce')(tensor([inner], { dtype }), tensor([t.slice(0, 3)], { dtype })).item()
    expect(Math.abs(fromLogits - fromProbabilities)).toBeLessThanOrEqual(1e-14)
  })

  it("'bce' refuses logits (a value outside [0, 1]) with an error that names 'bceWithLogits', before any update", async () => {
    const model = sequential([dense(2, 8), act('tanh'), dense(8, 1)], { seed: 1 })
    const before = model.parameters.map((p) => p.data.slice())
    await expect(model.fit(tensor(xorInputs), tensor(xorTargets), { loss: 'bce', epochs: 1, batchSize: 4 }))
      .rejects.toThrow(/^bce: prediction must hold probabilities in \[0, 1\] \(end the model with act\('sigmoid'\)\), got -?[0-9.e-]+ at element \d; for logits use the loss 'bceWithLogits'$/)
    model.parameters.forEach((p, i) => expect(sameBits(p.data, before[i])).toBe(true))
    expect(() => resolveLoss('test', 'bce')(tensor([[0.5, 0.5]]), tensor([[1], [0]])))
      .toThrow(/^bce: prediction \[1, ?2\] and target \[2, ?1\] must have the same shape$/)
  })

  it('stops on a non-finite loss, naming epoch and batch, and keeps the last finite weights', async () => {
    const model = sequential([dense(1, 1)], { seed: 2 })
    const x = tensor([[1], [2], [3], [4]]), y = tensor([[1], [2], [NaN], [4]])
    const before = model.parameters.map((p) => p.data.slice())
    const run = model.fit(x, y, { loss: 'mse', optimizer: sgd({ lr: 0.01 }), epochs: 3, batchSize: 1, shuffle: false })
    await expect(run).rejects.toThrow(TrainingError)
    await expect(model.fit(x, y, { loss: 'mse', optimizer: sgd({ lr: 0.01 }), epochs: 3, batchSize: 1, shuffle: false }))
      .rejects.toThrow(/^fit: the loss became NaN at epoch 1, batch 3; training stopped and the model keeps its weights from before that batch$/)
    for (const p of model.parameters) for (const value of p.data) expect(Number.isFinite(value)).toBe(true)
    expect(model.parameters.map((p) => p.data.slice())).not.toEqual(before)   // batches 1–2 did train
  })

  it('stops cleanly between batches when its signal aborts', async () => {
    const model = sequential([dense(2, 4), act('relu'), dense(4, 1)], { seed: 4 })
    const controller = new AbortController()
    const history = await model.fit(tensor(xorInputs), tensor(xorTargets), {
      loss: 'mse', epochs: 1000, batchSize: 1,
      onBatchEnd: ({ epoch, batch }) => { if (epoch === 2 && batch === 3) controller.abort() },
      signal: controller.signal,
    })
    expect(history.stopped).toBe('aborted')
    expect(history.epochs).toHaveLength(1)
  })

  it('splits off validation data, reports metrics and stops early', async () => {
    const xs = Array.from({ length: 40 }, (_, i) => [i / 40]), ys = xs.map(([v]) => [2 * v + 1])
    const model = sequential([dense(1, 1)], { seed: 5 })
    const seen: number[] = []
    const history = await model.fit(tensor(xs), tensor(ys), {
      loss: 'mse', optimizer: sgd({ lr: 0.3, momentum: 0.5 }), epochs: 2000, batchSize: 10, validationSplit: 0.25, metrics: ['rmse'],
      earlyStopping: { patience: 10, minDelta: 1e-7 }, onEpochEnd: (logs) => seen.push(logs.epoch),
    })
    expect(history.stopped).toBe('earlyStopping')
    expect(history.epochs.length).toBeLessThan(2000)
    expect(seen).toEqual(history.epochs.map((logs) => logs.epoch))
    const last = history.epochs[history.epochs.length - 1]
    expect(last.valLoss).toBeLessThan(0.01)
    expect(last.rmse).toBeLessThan(0.1)
  })

  it('round-trips through JSON bit for bit, and refuses foreign or truncated JSON', () => {
    const model = sequential([dense(2, 3), act('leakyRelu', { alpha: 0.2 }), dense(3, 1, { bias: false })], { seed: 9, dtype: 'float64' })
    const text = JSON.stringify(model.toJSON())
    const restored = modelFromJSON(text)
    model.parameters.forEach((p, i) => expect(sameBits(p.data, restored.parameters[i].data)).toBe(true))
    const x = tensor([[0.1, -0.7]], { dtype: 'float64' })
    expect(sameBits(model.predict(x).data, restored.predict(x).data)).toBe(true)
    expect(() => modelFromJSON(text.slice(0, text.length - 20))).toThrow(/^fromJSON: the text is not valid JSON .*; is it truncated\?$/)
    expect(() => modelFromJSON({ format: 'keras', version: 1 })).toThrow(/^fromJSON: not a curvenet model: format is "keras", expected "curvenet-model"$/)
    const json = model.toJSON()
    json.layers[0].parameters[0].values.base64 = json.layers[0].parameters[0].values.base64.slice(0, 8)
    expect(() => modelFromJSON(json)).toThrow(/layers\[0\]\.parameters\[0\]\.values says 6 float64 values \(48 bytes\) but its base64 holds 6 bytes/)
  })
})

describe('fit() is deterministic across backends', () => {
  it.each(['float32', 'float64'] as const)('%s: the same seed gives the same loss history and weights, bit for bit, on js and wasm', async (dtype) => {
    const run = async (backend: 'js' | 'wasm') => {
      await init({ backend })
      const model = sequential([dense(2, 16), act('tanh'), dense(16, 16), act('gelu'), dense(16, 1)], { seed: 11, dtype })
      const history = await model.fit(tensor(xorInputs, { dtype }), tensor(xorTargets, { dtype }), { loss: 'bceWithLogits', optimizer: adam({ lr: 0.01 }), epochs: 20, batchSize: 2 })
      return { losses: Float64Array.from(history.epochs.map((logs) => logs.loss)), weights: model.parameters.map((p) => p.data.slice()) }
    }
    const js = await run('js'), wasm = await run('wasm')
    expect(sameBits(js.losses, wasm.losses)).toBe(true)
    js.weights.forEach((w, i) => expect(sameBits(w, wasm.weights[i])).toBe(true))
  })

  it('keeps wasm memory flat over 10 000 fit() steps after the first epoch', async () => {
    const runtime = await init({ backend: 'wasm' })
    const memory = (runtime.backend as WasmBackend).memory
    const model = sequential([dense(2, 16), act('tanh'), dense(16, 1)], { seed: 1 })
    const x = tensor(Array.from({ length: 64 }, (_, i) => [Math.cos(i), Math.sin(i)])), y = tensor(Array.from({ length: 64 }, (_, i) => [i % 2]))
    let sizeAfterFirstEpoch = 0
    await model.fit(x, y, { loss: 'bceWithLogits', epochs: 1250, batchSize: 8, onEpochEnd: ({ epoch }) => { if (epoch === 1) sizeAfterFirstEpoch = memory.buffer.byteLength } })
    expect(memory.buffer.byteLength).toBe(sizeAfterFirstEpoch)
  })
})
