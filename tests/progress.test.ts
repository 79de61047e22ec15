// fit({ verbose: 1 }): the progress line's text, one line rewritten in place on a terminal (at most 10 times a second,
// the last epoch always), console lines at most once a second elsewhere; the training's numbers unchanged; bad values named.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { formatProgress, progressReporter } from '../src/train/progress'

describe('progress', () => {
  afterEach(() => { vi.restoreAllMocks() })

  it('formats epoch, loss, samples/s and time left', () => {
    expect(formatProgress({ epoch: 3, epochs: 10, loss: 0.0123456, samplesPerSecond: 45_600, secondsLeft: 95 })).toBe('epoch 3/10 · loss 0.01235 · 45.6k samples/s · 1.6 min left')
    expect(formatProgress({ epoch: 1, epochs: 2, loss: 2, samplesPerSecond: 2_500_000, secondsLeft: 4 })).toBe('epoch 1/2 · loss 2.000 · 2.50M samples/s · 4 s left')
  })

  it('rewrites one terminal line at most every 100 ms, always shows the last epoch, and ends the line', () => {
    let clock = 0
    const written: string[] = []
    const reporter = progressReporter(5, 100, () => clock, { isTTY: true, write: (text) => written.push(text) }, () => { throw new Error('no console on a terminal') })
    for (const [epoch, time] of [[1, 50], [2, 120], [3, 180], [4, 400], [5, 410]]) { clock = time; reporter.epochEnd(epoch, 1 / epoch) }
    reporter.end()
    expect(written.map((text) => /epoch (\d)\/5/.exec(text)?.[1] ?? text)).toEqual(['1', '3', '4', '5', '\n'])   // epoch 2 came 70 ms after epoch 1
    expect(written[0].startsWith('\r')).toBe(true)
    expect(written[0].endsWith('\u001b[K')).toBe(true)
    // epoch 1 of 5 after 50 ms over 100 rows: 2000 samples/s, 200 ms left
    expect(written[0]).toContain('2.0k samples/s · 0 s left')
  })

  it('logs console lines at most once a second without a terminal, the last epoch always', () => {
    let clock = 0
    const lines: string[] = []
    const reporter = progressReporter(4, 10, () => clock, undefined, (text) => lines.push(text))
    for (const [epoch, time] of [[1, 500], [2, 900], [3, 1600], [4, 1700]]) { clock = time; reporter.epochEnd(epoch, 1) }
    reporter.end()
    expect(lines.map((text) => /epoch (\d)/.exec(text)?.[1])).toEqual(['1', '3', '4'])
  })

  it('fit({ verbose: 1 }) reports the last epoch and trains the same bits as without it', async () => {
    await init({ backend: 'wasm', quiet: true })
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((text: unknown) => { lines.push(String(text)) })
    const train = async (verbose: 0 | 1) => {
      const model = sequential([dense(2, 3), dense(3, 1)], { seed: 4 })
      const x = tensor([[0, 1], [1, 0], [1, 1], [0.5, -1]]), y = tensor([[1], [1], [0], [0.5]])
      const history = await model.fit(x, y, { loss: 'mse', epochs: 3, batchSize: 2, verbose })
      return { losses: history.epochs.map((logs) => logs.loss), weights: model.parameters.flatMap((p) => Array.from(p.data)) }
    }
    const quiet = await train(0)
    expect(lines).toEqual([])
    const verbose = await train(1)
    expect(verbose).toEqual(quiet)
    expect(lines.at(-1)).toMatch(/^epoch 3\/3 · loss /)
  })

  it('refuses a verbose that is not 0 or 1', async () => {
    await init({ backend: 'wasm', quiet: true })
    const model = sequential([dense(1, 1)])
    await expect(model.fit(tensor([[1]]), tensor([[1]]), { loss: 'mse', verbose: 2 as never })).rejects.toThrow(/fit: verbose must be 0 or 1, got 2/)
  })
})
