// Unknown names and option keys, said one way with a suggestion for a near miss: fit, evaluate, sequential, losses,
// metrics, earlyStopping — and tfjs habits (callbacks, val_loss) answered with curvenet's spelling. Nothing trains first.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { nearestName } from '../src/check/names'
import { sameBits } from './support/oracle'

describe('unknown names and keys', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })
  const x = [[0, 1], [1, 0]], y = [[1], [0]]

  it('nearestName finds typos, case and underscore variants, and nothing for a different word', () => {
    expect(nearestName('epoch', ['epochs', 'batchSize'])).toBe('epochs')
    expect(nearestName('val_loss', ['loss', 'valLoss'])).toBe('valLoss')
    expect(nearestName('BatchSize', ['epochs', 'batchSize'])).toBe('batchSize')
    expect(nearestName('msee', ['mse', 'mae', 'huber'])).toBe('mse')
    expect(nearestName('learningRate', ['epochs', 'batchSize'])).toBeUndefined()
  })

  it.each([
    ['fit: a misspelt option', { loss: 'mse', epoch: 5 }, /^fit: unknown option "epoch"; did you mean "epochs"\? known options: loss, optimizer, epochs, /],
    ['fit: tfjs callbacks', { loss: 'mse', callbacks: {} }, /^fit: there is no callbacks option; pass onEpochEnd, onBatchEnd and onTrainEnd directly/],
    ['fit: earlyStopping watching val_loss', { loss: 'mse', earlyStopping: { monitor: 'val_loss' } }, /^fit: earlyStopping.monitor must be 'loss' or 'valLoss', got "val_loss"; did you mean "valLoss"\?$/],
    ['fit: an unknown earlyStopping key', { loss: 'mse', earlyStopping: { patients: 3 } }, /^fit: earlyStopping: unknown option "patients"; did you mean "patience"\?/],
    ['fit: a misspelt loss', { loss: 'msee' }, /^fit: loss must be one of .*got "msee"; did you mean "mse"\?$/],
    ['fit: a misspelt metric', { loss: 'mse', metrics: ['acuracy'] }, /^fit: unknown metric "acuracy"; did you mean "accuracy"\? known: accuracy, rmse, mae$/],
  ])('%s is refused before training, the weights unchanged', async (_, options, message) => {
    const model = sequential([dense(2, 1)], { seed: 1 })
    const before = model.parameters.map((p) => p.data.slice())
    await expect(model.fit(x, y, options as never)).rejects.toThrow(message)
    model.parameters.forEach((p, k) => expect(sameBits(p.data, before[k])).toBe(true))
  })

  it('sequential and evaluate refuse unknown options with a suggestion', () => {
    expect(() => sequential([dense(2, 1)], { sed: 3 } as never)).toThrow(/^sequential: unknown option "sed"; did you mean "seed"\? known options: seed, dtype$/)
    const model = sequential([dense(2, 1)])
    expect(() => model.evaluate(tensor(x), tensor(y), { loss: 'mse', metric: ['rmse'] } as never))
      .toThrow(/^evaluate: unknown option "metric"; did you mean "metrics"\? known options: loss, metrics, logits$/)
  })
})
