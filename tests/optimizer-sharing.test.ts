// An optimizer keeps each parameter's own step count (as PyTorch does): one optimizer shared by two models trains each
// exactly as an optimizer of its own would, schedules and Adam's bias correction included. Its state for a model's
// parameters exports (stateOf) and loads (loadState) into a copy of the model: what fitInWorker carries to a worker.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { adam, adamw, sgd } from '../src/optim/optimizer'
import { modelFromJSON as fromJSON } from '../src/nn/sequential'
import { stepDecay } from '../src/optim/schedule'
import { sameBits } from './support/oracle'

const x = [[0, 0], [0, 1], [1, 0], [1, 1]], y = [[0], [1], [1], [0]]
const make = (seed: number) => sequential([dense(2, 4), act('tanh'), dense(4, 1)], { seed })

describe('an optimizer shared by two models', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it.each([
    ['adam', () => adam({ lr: 0.05 })],
    ['sgd with a step schedule', () => sgd({ lr: stepDecay({ initial: 0.5, factor: 0.5, every: 3 }), momentum: 0.9 })],
  ])('%s: interleaved fits on two models give each the bits of its own optimizer', async (_, optimizer) => {
    const shared = optimizer()
    const a = make(1), b = make(2), ownA = make(1), ownB = make(2)
    const optionsWith = (opt: ReturnType<typeof optimizer>) => ({ loss: 'mse' as const, optimizer: opt, epochs: 1, batchSize: 4 })
    const separateA = optimizer(), separateB = optimizer()
    for (let round = 0; round < 8; round++) {
      await a.fit(x, y, optionsWith(shared))
      await b.fit(x, y, optionsWith(shared))
      await ownA.fit(x, y, optionsWith(separateA))
      await ownB.fit(x, y, optionsWith(separateB))
    }
    a.parameters.forEach((p, k) => expect(sameBits(p.data, ownA.parameters[k].data), `model a, parameter ${k}`).toBe(true))
    b.parameters.forEach((p, k) => expect(sameBits(p.data, ownB.parameters[k].data), `model b, parameter ${k}`).toBe(true))
  })

  it('counts its own calls in steps', async () => {
    const shared = adam()
    await make(1).fit(tensor(x), tensor(y), { loss: 'mse', optimizer: shared, epochs: 2, batchSize: 2 })
    expect(shared.steps).toBe(4)
  })

  it.each([['adam', () => adam({ lr: 0.05 })], ['adamw', () => adamw({ lr: 0.05 })], ['sgd with momentum', () => sgd({ lr: 0.2, momentum: 0.9 })]])(
    '%s: its state loaded into a fresh optimizer for a copy of the model trains the copy to the same bits', async (_, optimizer) => {
      const original = make(3), first = optimizer()
      const options = (opt: ReturnType<typeof optimizer>) => ({ loss: 'mse' as const, optimizer: opt, epochs: 3, batchSize: 2 })
      await original.fit(x, y, options(first))
      const copy = fromJSON(original.toJSON()), second = optimizer()
      second.loadState!(copy.parameters, first.stateOf!(original.parameters))
      expect(second.steps).toBe(first.steps)
      await original.fit(x, y, options(first))
      await copy.fit(x, y, options(second))
      original.parameters.forEach((p, k) => expect(sameBits(p.data, copy.parameters[k].data), `parameter ${k}`).toBe(true))
    })

  it('refuses a state that does not fit the parameters it is loaded for', async () => {
    const small = make(1), other = sequential([dense(2, 3), dense(3, 1)], { seed: 1 }), trained = adam()
    await small.fit(x, y, { loss: 'mse', optimizer: trained, epochs: 1, batchSize: 4 })
    const state = trained.stateOf!(small.parameters)
    expect(() => adam().loadState!(other.parameters, state)).toThrow(/adam.loadState: the state of parameter 0 does not fit it \(2 float32 buffers of 6 values wanted\)/)
    expect(() => adam().loadState!(small.parameters.slice(1), state)).toThrow(/adam.loadState: the state must be stateOf\(\) of 3 parameters, got one of 4/)
  })
})
