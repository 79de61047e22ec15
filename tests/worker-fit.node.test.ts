// fitInWorker over Node's worker_threads: the History and final weights of fit() on this thread, bit
// for bit; abort between batches; a NaN in the worker as a TrainingError; four trainings at once;
// everything a worker cannot honour refused before a worker starts.
import { describe, expect, it } from 'vitest'
import { fitInWorker, TrainingError, tensor, sequential, dense, act, adam, adamw, sgd, lbfgs, customLayer, registerLoss, mseLoss, fromJSON, init } from '../src/index'
import { sameBits, firstDifference } from './support/oracle'
import { historyNumbers, initBackend, slowBatchCase, weightsOf, workerFitCases } from './support/worker-fit-cases'

describe.each(['wasm', 'js'] as const)('fitInWorker on %s', (backend) => {
  describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
    it.each(workerFitCases)('$name: the History and weights of fit(), bit for bit', async (testCase) => {
      await initBackend(backend)
      const here = testCase.make(dtype), there = testCase.make(dtype)
      const expected = await here.model.fit(here.x, here.y, here.options)
      const epochsSeen: number[] = []
      const history = await fitInWorker(there.model, there.x, there.y, { ...there.options, onEpochEnd: (logs) => epochsSeen.push(logs.loss) })
      expect(history.stopped).toBe(expected.stopped)
      expect(history.epochs.length).toBe(expected.epochs.length)
      expect(sameBits(historyNumbers(history), historyNumbers(expected)), firstDifference(historyNumbers(history), historyNumbers(expected))).toBe(true)
      expect(sameBits(Float64Array.from(epochsSeen), Float64Array.from(expected.epochs.map((logs) => logs.loss)))).toBe(true)
      expect(sameBits(weightsOf(there.model), weightsOf(here.model)), firstDifference(weightsOf(there.model), weightsOf(here.model))).toBe(true)
    })
  })
})

describe('fitInWorker', () => {
  const denseCase = workerFitCases[0]

  it('stops between batches on abort, keeping the weights after the last whole batch, and reports every batch in Node', async () => {
    await initBackend('wasm')
    const there = denseCase.make('float32')
    const controller = new AbortController()
    const seen: { epoch: number; batch: number }[] = []
    const history = await fitInWorker(there.model, there.x, there.y, {
      ...there.options, epochs: 400, signal: controller.signal,
      onBatchEnd: ({ epoch, batch }) => { seen.push({ epoch, batch }); if (epoch === 3 && batch === 4) controller.abort() },
    })
    expect(history.stopped).toBe('aborted')
    const last = seen[seen.length - 1]
    expect(seen.length).toBe((last.epoch - 1) * 8 + last.batch)   // 72 training rows in batches of 10: 8 a epoch, none skipped
    expect(last.epoch).toBeLessThan(400)
    // the same training on this thread, aborted after that same batch
    const here = denseCase.make('float32')
    const stop = new AbortController()
    await here.model.fit(here.x, here.y, { ...here.options, epochs: 400, signal: stop.signal,
      onBatchEnd: ({ epoch, batch }) => { if (epoch === last.epoch && batch === last.batch) stop.abort() } })
    expect(sameBits(weightsOf(there.model), weightsOf(here.model))).toBe(true)
  })

  it('stops after the batch in which the abort arrives (a shared flag read after every batch, not the ~50 ms yield), or before the next when it arrives between two', async () => {
    await initBackend('wasm')
    const there = slowBatchCase.make('float32')
    const controller = new AbortController()
    const seen: number[] = []
    const at: number[] = []
    const history = await fitInWorker(there.model, there.x, there.y, {
      ...there.options, signal: controller.signal,
      onBatchEnd: ({ batch }) => { seen.push(batch); at.push(performance.now()); if (batch === 3) controller.abort() },
    })
    expect(history.stopped).toBe('aborted')
    // the abort left during batch 4 (the worker was one batch ahead of the caller's onBatchEnd); batch 4 ends, nothing more
    // starts — or, when it arrived while the worker yielded to its event loop between batches 3 and 4 (fit yields every
    // 50 ms), batch 4 never starts. A batch here takes tens of milliseconds (checked, so the test means something), a
    // message well under one.
    const batchMs = (at[2] - at[0]) / 2
    expect(batchMs).toBeGreaterThan(10)
    expect([[1, 2, 3], [1, 2, 3, 4]]).toContainEqual(seen)
    // the weights are those after the last batch seen: the same training on this thread, aborted after it
    const last = seen[seen.length - 1]
    const here = slowBatchCase.make('float32')
    const stop = new AbortController()
    await here.model.fit(here.x, here.y, { ...here.options, signal: stop.signal, onBatchEnd: ({ batch }) => { if (batch === last) stop.abort() } })
    expect(sameBits(weightsOf(there.model), weightsOf(here.model))).toBe(true)
  })

  it.each([
    ['adam', () => adam({ lr: 0.02 })],
    ['adamw', () => adamw({ lr: 0.02 })],
    ['sgd with momentum', () => sgd({ lr: 0.05, momentum: 0.9 })],
  ] as const)('trains on with the same %s optimizer as fit() does: its state goes to the worker and comes back', async (_, make) => {
    await initBackend('wasm')
    const here = denseCase.make('float32'), there = denseCase.make('float32')
    const optimizerHere = make(), optimizerThere = make()
    const options = { ...here.options, epochs: 2 }
    // fit, fit on this thread; fitInWorker, fitInWorker, then fit() on this thread: one optimizer each, used three times
    const expected = [await here.model.fit(here.x, here.y, { ...options, optimizer: optimizerHere }), await here.model.fit(here.x, here.y, { ...options, optimizer: optimizerHere })]
    const got = [await fitInWorker(there.model, there.x, there.y, { ...options, optimizer: optimizerThere }), await fitInWorker(there.model, there.x, there.y, { ...options, optimizer: optimizerThere })]
    got.forEach((history, k) => expect(sameBits(historyNumbers(history), historyNumbers(expected[k])), `training ${k + 1}`).toBe(true))
    expect(sameBits(weightsOf(there.model), weightsOf(here.model))).toBe(true)
    await here.model.fit(here.x, here.y, { ...options, optimizer: optimizerHere })
    await there.model.fit(there.x, there.y, { ...options, optimizer: optimizerThere })
    expect(sameBits(weightsOf(there.model), weightsOf(here.model))).toBe(true)
    expect(optimizerThere.steps).toBe(optimizerHere.steps)
  })

  it('turns a NaN in the worker into a TrainingError with its epoch and batch, and keeps the last good weights', async () => {
    await initBackend('wasm')
    const make = () => {
      const model = sequential([dense(1, 4), act('tanh'), dense(4, 1)], { seed: 2 })
      const rows = Array.from({ length: 20 }, (_, i) => [i / 20])
      const targets = rows.map(([v], i) => [i === 13 ? NaN : v * 2])   // row 13 poisons the batch that holds it
      return { model, x: tensor(rows), y: tensor(targets), options: { loss: 'mse' as const, optimizer: sgd({ lr: 0.1 }), epochs: 3, batchSize: 4, shuffle: false } }
    }
    const there = make(), here = make()
    const failure = await fitInWorker(there.model, there.x, there.y, there.options).catch((error: unknown) => error)
    const expected = await here.model.fit(here.x, here.y, here.options).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TrainingError)
    expect(expected).toBeInstanceOf(TrainingError)
    expect([(failure as TrainingError).epoch, (failure as TrainingError).batch]).toEqual([1, 4])
    // the same words, each naming the function its caller called
    expect((failure as TrainingError).message).toMatch(/^fitInWorker: /)
    expect((failure as TrainingError).message.replace(/^fitInWorker: /, '')).toBe((expected as TrainingError).message.replace(/^fit: /, ''))
    expect(sameBits(weightsOf(there.model), weightsOf(here.model))).toBe(true)
    expect(there.model.training).toBe(false)
  })

  it('runs four trainings at once, each finishing with its own bits', async () => {
    await initBackend('wasm')
    const seeds = [1, 2, 3, 4]
    const make = (seed: number) => {
      const { x, y, options } = denseCase.make('float32')
      return { model: sequential([dense(2, 8), act('tanh'), dense(8, 1)], { seed }), x, y, options: { ...options, optimizer: adam({ lr: 0.02 }) } }
    }
    const there = seeds.map(make)
    const histories = await Promise.all(there.map(({ model, x, y, options }) => fitInWorker(model, x, y, options)))
    for (const [i, seed] of seeds.entries()) {
      const here = make(seed)
      const expected = await here.model.fit(here.x, here.y, here.options)
      expect(sameBits(historyNumbers(histories[i]), historyNumbers(expected)), `seed ${seed}`).toBe(true)
      expect(sameBits(weightsOf(there[i].model), weightsOf(here.model)), `seed ${seed}`).toBe(true)
    }
    expect(new Set(histories.map((h) => h.epochs[0].loss)).size).toBe(4)
  })

  it('ends with the error of a callback that throws, leaving the weights as they were', async () => {
    await initBackend('wasm')
    const { model, x, y, options } = denseCase.make('float32')
    const before = weightsOf(model)
    const failure = new Error('the page went away')
    await expect(fitInWorker(model, x, y, { ...options, epochs: 50, onEpochEnd: () => { throw failure } })).rejects.toBe(failure)
    expect(sameBits(weightsOf(model), before)).toBe(true)
    expect(model.training).toBe(false)
    const again = denseCase.make('float32')
    expect((await fitInWorker(model, x, y, again.options)).stopped).toBe('completed')
  })

  it('refuses a second training of a model that is training, on either thread', async () => {
    await initBackend('wasm')
    const { model, x, y, options } = denseCase.make('float32')
    const running = fitInWorker(model, x, y, options)
    expect(model.training).toBe(true)
    await expect(model.fit(x, y, { loss: 'mse' })).rejects.toThrow('fit: this model is already training')
    await expect(fitInWorker(model, x, y, { ...options, optimizer: adam() })).rejects.toThrow('fitInWorker: this model is already training')
    await running
    expect(model.training).toBe(false)
  })

  it('sends a registered loss by name, and the worker uses the one its setup module registers', async () => {
    await initBackend('wasm')
    const halfSquared = (p: Parameters<typeof mseLoss>[0], t: Parameters<typeof mseLoss>[1]) => mseLoss(p, t)
    registerLoss('sameAsMse', halfSquared)
    const { x, y } = denseCase.make('float32')
    const make = () => sequential([dense(2, 4), dense(4, 1)], { seed: 9 })
    const setup = `data:text/javascript,${encodeURIComponent("export default (curvenet) => curvenet.registerLoss('sameAsMse', curvenet.mseLoss)")}`
    const there = make(), here = make()
    const history = await fitInWorker(there, x, y, { loss: halfSquared, epochs: 2, setup })
    const expected = await here.fit(x, y, { loss: 'sameAsMse', epochs: 2 })
    expect(sameBits(historyNumbers(history), historyNumbers(expected))).toBe(true)
    await expect(fitInWorker(make(), x, y, { loss: 'sameAsMse', epochs: 1 })).rejects.toThrow(/"sameAsMse".*registerLoss|registerLoss.*sameAsMse|loss must be one of/)
  })

  it.each(workerFitCases)('onWeights with weightsInterval 0 sees, after every epoch, the weights fit() had after that epoch ($name)', async (testCase) => {
    await initBackend('wasm')
    const here = testCase.make('float64'), there = testCase.make('float64')
    const expected: Float64Array[] = []
    await here.model.fit(here.x, here.y, { ...here.options, onEpochEnd: () => expected.push(weightsOf(here.model)) })
    const seen: [number, Float64Array][] = []
    await fitInWorker(there.model, there.x, there.y, { ...there.options, weightsInterval: 0, onWeights: (epoch) => seen.push([epoch, weightsOf(there.model)]) })
    expect(seen.map(([epoch]) => epoch)).toEqual(expected.map((_, i) => i + 1))
    seen.forEach(([epoch, weights]) => expect(sameBits(weights, expected[epoch - 1]), `epoch ${epoch}: ${firstDifference(weights, expected[epoch - 1])}`).toBe(true))
  })

  it('onWeights with a long weightsInterval hears only the first epoch, and the model still ends with the final weights', async () => {
    await initBackend('wasm')
    const here = denseCase.make('float32'), there = denseCase.make('float32')
    await here.model.fit(here.x, here.y, here.options)
    const epochs: number[] = []
    await fitInWorker(there.model, there.x, there.y, { ...there.options, weightsInterval: 3_600_000, onWeights: (epoch) => epochs.push(epoch) })
    expect(epochs).toEqual([1])
    expect(sameBits(weightsOf(there.model), weightsOf(here.model))).toBe(true)
  })

  it('refuses, before a worker starts, what a worker cannot honour', async () => {
    await initBackend('wasm')
    const { model, x, y } = denseCase.make('float32')
    const before = weightsOf(model)
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['a closure loss', () => fitInWorker(model, x, y, { loss: (p, t) => mseLoss(p, t) }), /loss is a function.*registerLoss\('myLoss', fn\)/],
      ['an unknown option', () => fitInWorker(model, x, y, { loss: 'mse', epoch: 3 } as never), /unknown option "epoch"/],
      ['a schedule function', () => fitInWorker(model, x, y, { loss: 'mse', optimizer: adam({ lr: (step) => 0.01 / step }) }), /schedule function.*registerSchedule/],
      ['a used L-BFGS', async () => {
        const used = lbfgs({ maxIterations: 2 }), other = denseCase.make('float32')
        await other.model.fit(other.x, other.y, { loss: 'mse', optimizer: used })
        return fitInWorker(model, x, y, { loss: 'mse', optimizer: used })
      }, /lbfgs optimizer has already been used.*curvature history/],
      ['an unregistered layer kind', () => fitInWorker(sequential([customLayer({ forward: (t) => t })]), x, y, { loss: 'mse' }), /kind "custom".*registerLayer/],
      ['a relative setup URL', () => fitInWorker(model, x, y, { loss: 'mse', setup: './setup.js' }), /setup must be an absolute URL/],
      ['not a model', () => fitInWorker({ layers: [] } as never, x, y, { loss: 'mse' }), /model must be a Sequential.*got an object \(Object\)/],
      ['float64 data for a float32 model', () => fitInWorker(model, tensor([[1, 2]], { dtype: 'float64' }), tensor([[1]], { dtype: 'float64' }), { loss: 'mse' }), /x is float64 but the model is float32/],
      ['bad epochs', () => fitInWorker(model, x, y, { loss: 'mse', epochs: 0 }), /fitInWorker: epochs must be a positive integer/],
      ['a negative weightsInterval', () => fitInWorker(model, x, y, { loss: 'mse', onWeights: () => {}, weightsInterval: -1 }), /weightsInterval must be a number of milliseconds in \[0, 3600000\], got -1/],
      ['onWeights that is not a function', () => fitInWorker(model, x, y, { loss: 'mse', onWeights: 3 } as never), /onWeights must be a function/],
    ]
    for (const [what, start, message] of cases) await expect(start(), what).rejects.toThrow(message)
    expect(sameBits(weightsOf(model), before)).toBe(true)
  })

  it('refuses a model or data from another runtime', async () => {
    await initBackend('wasm')
    const old = denseCase.make('float32')
    await init({ backend: 'wasm', quiet: true })
    await expect(fitInWorker(old.model, old.x, old.y, { loss: 'mse' })).rejects.toThrow(/model lives in another runtime/)
    const fresh = fromJSON(old.model.toJSON())
    await expect(fitInWorker(fresh, old.x, old.y, { loss: 'mse' })).rejects.toThrow(/x lives in another runtime/)
  })
})
