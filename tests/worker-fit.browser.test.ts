// fitInWorker in Chromium: a classic Worker started from the embedded string (a Blob URL) gives
// the History and final weights of fit() on the page, bit for bit; abort stops it between batches;
// a NaN arrives as a TrainingError; onBatchEnd comes at most once per animation frame.
import { describe, expect, it } from 'vitest'
import { fitInWorker, TrainingError, tensor, sequential, dense, act, sgd } from '../src/index'
import { sameBits, firstDifference } from './support/oracle'
import { historyNumbers, initBackend, weightsOf, workerFitCases } from './support/worker-fit-cases'

describe.each(['wasm', 'js'] as const)('fitInWorker in a page on %s', (backend) => {
  describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
    it.each(workerFitCases)('$name: the History and weights of fit(), bit for bit', async (testCase) => {
      await initBackend(backend)
      const here = testCase.make(dtype), there = testCase.make(dtype)
      const expected = await here.model.fit(here.x, here.y, here.options)
      const history = await fitInWorker(there.model, there.x, there.y, there.options)
      expect(sameBits(historyNumbers(history), historyNumbers(expected)), firstDifference(historyNumbers(history), historyNumbers(expected))).toBe(true)
      expect(sameBits(weightsOf(there.model), weightsOf(here.model)), firstDifference(weightsOf(there.model), weightsOf(here.model))).toBe(true)
    })
  })
})

describe('fitInWorker in a page', () => {
  const denseCase = workerFitCases[0]

  it('calls onBatchEnd at most once per animation frame, and stops between batches on abort', async () => {
    await initBackend('wasm')
    const there = denseCase.make('float32')
    const controller = new AbortController()
    const frames: number[] = []
    let frame = 0, counting = true
    // frames are counted until fitInWorker returns, not only until the abort: a batch already in flight when the abort
    // left is still delivered, in a later frame
    const countFrames = () => { frame++; if (counting) requestAnimationFrame(countFrames) }
    requestAnimationFrame(countFrames)
    let last = { epoch: 0, batch: 0 }
    const history = await fitInWorker(there.model, there.x, there.y, {
      ...there.options, epochs: 2000, signal: controller.signal,
      onBatchEnd: (logs) => { frames.push(frame); last = logs; if (logs.epoch >= 5) controller.abort() },
    })
    counting = false
    expect(history.stopped).toBe('aborted')
    // every call but the final flush came in a frame of its own
    expect(new Set(frames.slice(0, -1)).size).toBe(frames.length - 1)
    expect(last.epoch).toBeLessThan(2000)
    expect(history.epochs.length).toBeGreaterThanOrEqual(4)
  })

  it('turns a NaN in the worker into a TrainingError with its epoch and batch', async () => {
    await initBackend('wasm')
    const model = sequential([dense(1, 4), act('tanh'), dense(4, 1)], { seed: 2 })
    const rows = Array.from({ length: 20 }, (_, i) => [i / 20])
    const y = tensor(rows.map(([v], i) => [i === 13 ? NaN : v * 2]))
    const failure = await fitInWorker(model, tensor(rows), y, { loss: 'mse', optimizer: sgd({ lr: 0.1 }), epochs: 3, batchSize: 4, shuffle: false }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TrainingError)
    expect([(failure as TrainingError).epoch, (failure as TrainingError).batch]).toEqual([1, 4])
    expect(weightsOf(model).every(Number.isFinite)).toBe(true)
  })
})
