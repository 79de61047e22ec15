// trainKan: the KAN recipe's schedule (grid extension, knots following the data, L-BFGS through fit()), its options and
// errors, abort, the training guard, sparsity, and the same bits on js and wasm.
import { describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { Generator } from '../src/tensor/random'
import { sequential, type Sequential } from '../src/nn/sequential'
import { kan, type Kan } from '../src/nn/kan'
import { kanRegularization } from '../src/nn/kan-model'
import { trainKan, type TrainKanOptions } from '../src/nn/kan-train'
import { expF64 } from '../src/math/exponential'
import { sinF64 } from '../src/math/trigonometric'
import { sameBits } from './support/oracle'

/** exp(sin(πx) + y²) at `count` seeded points of [−1, 1]²: curvenet's own math, the same bits everywhere. */
function data(seed: number, count: number) {
  const generator = new Generator(seed)
  const x = new Float64Array(2 * count), y = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const a = 2 * generator.uniform() - 1, b = 2 * generator.uniform() - 1
    x.set([a, b], 2 * i)
    y[i] = expF64(sinF64(Math.PI * a) + b * b)
  }
  return { x: tensor(x, { dtype: 'float64', shape: [count, 2] }), y: tensor(y, { dtype: 'float64', shape: [count, 1] }) }
}

const small = (seed = 0) => sequential([kan(2, 1, { grid: 3 }), kan(1, 1, { grid: 3 })], { seed, dtype: 'float64' })
const weightsOf = (model: Sequential) => model.parameters.map((p) => Float64Array.from(p.data))
const kanLayers = (model: Sequential) => model.layers as Kan[]

describe('trainKan', () => {
  it('runs every grid in order: each stage extends the grid, takes `steps` steps and reports its RMSE, evaluations and time', async () => {
    await init({ backend: 'wasm' })
    const train = data(1, 300), test = data(2, 100)
    const model = small()
    const seen: number[] = [], steps: string[] = []
    const result = await trainKan(model, train.x, train.y, {
      grids: [3, 6], steps: 4, test: [test.x, test.y],
      onGrid: (stage) => seen.push(stage.grid), onStep: ({ grid, step }) => steps.push(`${grid}.${step}`),
    })
    expect(result.stopped).toBe('completed')
    expect(result.stages.map((stage) => stage.grid)).toEqual([3, 6])
    expect(seen).toEqual([3, 6])
    expect(steps).toEqual(['3.1', '3.2', '3.3', '3.4', '6.1', '6.2', '6.3', '6.4'])
    expect(kanLayers(model).map((layer) => layer.grid)).toEqual([6, 6])
    expect(kanLayers(model)[0].coefficients!.shape).toEqual([1, 2, 6 + 3])
    for (const stage of result.stages) {
      expect(stage.steps).toBe(4)
      expect(stage.evaluations).toBeGreaterThanOrEqual(4)
      expect(stage.seconds).toBeGreaterThan(0)
      expect(stage.trainRmse).toBeGreaterThan(0)
      expect(stage.testRmse).toBeGreaterThan(0)
    }
    expect(result.stages[1].trainRmse).toBeLessThan(result.stages[0].trainRmse)
  })

  it('extends a model built at another grid to the first grid before training', async () => {
    await init({ backend: 'wasm' })
    const train = data(3, 200)
    const model = small()
    const result = await trainKan(model, train.x, train.y, { grids: [4], steps: 1 })
    expect(kanLayers(model).map((layer) => layer.grid)).toEqual([4, 4])
    expect(result.stages[0].grid).toBe(4)
  })

  it('moves the knots to the data on the first grid only while step < gridUpdateUntil, every gridUpdateEvery steps', async () => {
    await init({ backend: 'wasm' })
    const train = data(4, 200)
    const knotsAfter: Float64Array[] = []
    const model = small()
    await trainKan(model, train.x, train.y, {
      grids: [3], steps: 5, gridUpdateEvery: 2, gridUpdateUntil: 4,
      onStep: () => knotsAfter.push(Float64Array.from(kanLayers(model)[1].knots!.data)),
    })
    // onStep runs before that step's grid update: knots change after steps 2 (seen at 3) and not after 4 (4 is not < 4)
    const moved = knotsAfter.slice(1).map((knots, k) => !sameBits(knots, knotsAfter[k]))
    expect(moved).toEqual([false, true, false, false])
  })

  it('gives the same stages and weights bit for bit on js and wasm', async () => {
    const run = async (backend: 'js' | 'wasm') => {
      await init({ backend })
      const train = data(5, 150)
      const model = small(3)
      const { stages } = await trainKan(model, train.x, train.y, { grids: [3, 5], steps: 3, lambda: 1e-3 })
      return { rmse: Float64Array.from(stages.map((stage) => stage.trainRmse)), weights: weightsOf(model) }
    }
    const js = await run('js'), wasm = await run('wasm')
    expect(sameBits(js.rmse, wasm.rmse)).toBe(true)
    js.weights.forEach((weights, k) => expect(sameBits(weights, wasm.weights[k]), `parameter ${k}`).toBe(true))
  })

  it('sparsity (lambda) lowers the regularised L1 norm of the activations against lambda 0', async () => {
    await init({ backend: 'wasm' })
    const train = data(6, 200)
    const norm = async (lambda: number) => {
      const model = sequential([kan(2, 3, { grid: 3 }), kan(3, 1, { grid: 3 })], { seed: 2, dtype: 'float64' })
      await trainKan(model, train.x, train.y, { grids: [3], steps: 10, lambda })
      model.forward(train.x)
      return kanRegularization(model, { entropy: 0 }).item()
    }
    expect(await norm(1e-2)).toBeLessThan(await norm(0))
  })

  it('stops at an abort between steps, reports the steps taken and keeps the model usable', async () => {
    await init({ backend: 'wasm' })
    const train = data(7, 200)
    const model = small()
    const controller = new AbortController()
    const result = await trainKan(model, train.x, train.y, {
      grids: [3, 6], steps: 10, signal: controller.signal,
      onStep: ({ step }) => { if (step === 2) controller.abort() },
    })
    expect(result.stopped).toBe('aborted')
    expect(result.stages.map((stage) => [stage.grid, stage.steps])).toEqual([[3, 2]])
    expect(Number.isFinite(result.stages[0].trainRmse)).toBe(true)
    expect(model.training).toBe(false)
  })

  it('holds the model for its whole run: a fit() started meanwhile is refused', async () => {
    await init({ backend: 'wasm' })
    const train = data(8, 100)
    const model = small()
    const running = trainKan(model, train.x, train.y, { grids: [3, 4], steps: 2 })
    expect(model.training).toBe(true)
    await expect(model.fit(train.x, train.y, { loss: 'mse' })).rejects.toThrow(/already training/)
    await running
    expect(model.training).toBe(false)
  })

  it.each<[string, TrainKanOptions, RegExp]>([
    ['unknown option', { grid: [5] } as TrainKanOptions, /trainKan: unknown option "grid"; .*known options: grids/],
    ['empty grids', { grids: [] }, /trainKan: grids must be a list of 1 to 64 grid sizes/],
    ['fractional grid', { grids: [5, 7.5] }, /trainKan: grids\[1\] must be an integer in \[1, 4096\], got 7.5/],
    ['huge grid', { grids: [1e6] }, /trainKan: grids\[0\] must be an integer in \[1, 4096\], got 1000000/],
    ['zero steps', { steps: 0 }, /trainKan: steps must be an integer in \[1, 1e6\], got 0/],
    ['negative lambda', { lambda: -1 }, /trainKan: lambda must be a finite number ≥ 0, got -1/],
    ['NaN entropy', { entropy: NaN }, /trainKan: entropy must be a finite number ≥ 0, got NaN/],
    ['bad lbfgs option', { lbfgs: { historySize: 0 } }, /lbfgs: historySize must be a positive integer, got 0/],
  ])('refuses %s before any work, the model unchanged', async (_, options, message) => {
    await init({ backend: 'wasm' })
    const train = data(9, 50)
    const model = small()
    const before = weightsOf(model)
    await expect(trainKan(model, train.x, train.y, options)).rejects.toThrow(message)
    weightsOf(model).forEach((weights, k) => expect(sameBits(weights, before[k])).toBe(true))
  })

  it('refuses a model without kan layers and test data of another row count', async () => {
    await init({ backend: 'wasm' })
    const train = data(10, 50), other = data(11, 20)
    const { dense } = await import('../src/nn/dense')
    await expect(trainKan(sequential([dense(2, 1)], { dtype: 'float64' }), train.x, train.y)).rejects.toThrow(/trainKan: the model has no kan layer/)
    await expect(trainKan(small(), train.x, train.y, { test: [other.x, train.y] })).rejects.toThrow(/trainKan: test: .*same number of rows/)
  })
})
