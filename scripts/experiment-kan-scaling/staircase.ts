// The KAN paper's scaling experiment, as pykan 0.0 ran it: f(x, y) = exp(sin(πx) + y²), a KAN [2,1,1] of cubic splines,
// 3000 training and 1000 test points uniform on [−1, 1]², full-batch L-BFGS (strong Wolfe), 50 steps of up to 20 iterations
// per grid, grid extension 5 → 10 → 20 → 50 → 100 with each new grid's coefficients fitted to the previous splines. On the
// first grid the knots follow the hidden layer's values every 3 steps for the first 30 steps (pykan's update_grid_from_samples),
// restarting L-BFGS's history each time (the coefficients mean something else afterwards). Shared by
// `npm run experiment:kan-scaling` and tests/kan-scaling.test.ts (which runs the first three grids).
import { tensor } from '../../src/tensor/create'
import { Generator } from '../../src/tensor/random'
import { sequential, type Sequential } from '../../src/nn/sequential'
import { kan } from '../../src/nn/kan'
import { refineGrid, updateGrid } from '../../src/nn/kan-model'
import { lbfgs } from '../../src/optim/lbfgs'
import { expF64 } from '../../src/math/exponential'
import { sinF64 } from '../../src/math/trigonometric'
import type { Tensor } from '../../src/tensor/tensor'

/** pykan 0.0's printed test RMSE per grid (the KAN paper's code, float64). */
export const pykanTestRmse: Record<number, number> = { 5: 6.8e-3, 10: 3.4e-4, 20: 1.9e-5, 50: 4.9e-7, 100: 3.3e-8 }

export interface StaircaseOptions {
  seed: number
  grids?: number[]
  /** L-BFGS steps per grid (default 50). */
  steps?: number
}

export interface StageResult {
  grid: number
  trainRmse: number
  testRmse: number
  /** Wall-clock seconds of this grid's training (grid extension included). */
  seconds: number
  /** Loss and gradient evaluations of this grid. */
  evaluations: number
}

/** The target and `count` inputs uniform on [−1, 1]², from curvenet's seeded generator and transcendentals (the same bits everywhere). */
export function scalingData(seed: number, count: number): { x: Tensor; y: Tensor } {
  const generator = new Generator(seed)
  const x = new Float64Array(2 * count), y = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const a = 2 * generator.uniform() - 1, b = 2 * generator.uniform() - 1
    x[2 * i] = a
    x[2 * i + 1] = b
    y[i] = expF64(sinF64(Math.PI * a) + b * b)
  }
  return { x: tensor(x, { dtype: 'float64', shape: [count, 2] }), y: tensor(y, { dtype: 'float64', shape: [count, 1] }) }
}

export function rmse(model: Sequential, x: Tensor, y: Tensor): number {
  const prediction = model.predict(x)
  const predicted = prediction.data, target = y.data
  let squares = 0
  for (let i = 0; i < target.length; i++) squares += (predicted[i] - target[i]) * (predicted[i] - target[i])
  prediction.dispose()
  return Math.sqrt(squares / target.length)
}

/** The grid percentiles' share of a uniform grid: 0.8 keeps the sparse tails of the hidden values from getting wide intervals. */
const GRID_EPS = 0.8

export async function kanStaircase(options: StaircaseOptions, onStage?: (result: StageResult) => void): Promise<{ model: Sequential; stages: StageResult[] }> {
  const { seed, grids = [5, 10, 20, 50, 100], steps = 50 } = options
  const train = scalingData(1000 + seed, 3000), test = scalingData(2000 + seed, 1000)
  const model = sequential([kan(2, 1, { grid: grids[0], gridEps: GRID_EPS }), kan(1, 1, { grid: grids[0], gridEps: GRID_EPS })], { seed, dtype: 'float64' })
  const stages: StageResult[] = []
  for (const [stage, grid] of grids.entries()) {
    const started = performance.now()
    if (stage === 0) updateGrid(model, train.x)
    else refineGrid(model, grid, train.x)
    const optimizer = lbfgs({ historySize: 100, maxIterations: 20, gradientTolerance: 1e-32, changeTolerance: 1e-32, curvatureTolerance: 1e-32 })
    await model.fit(train.x, train.y, {
      loss: 'mse', optimizer, epochs: steps, shuffle: false,
      onEpochEnd: ({ epoch }) => {
        if (stage > 0 || epoch >= 30 || epoch % 3 !== 0) return
        updateGrid(model, train.x)
        optimizer.reset()
      },
    })
    const result = { grid, trainRmse: rmse(model, train.x, train.y), testRmse: rmse(model, test.x, test.y), seconds: (performance.now() - started) / 1000, evaluations: optimizer.evaluations }
    stages.push(result)
    onStage?.(result)
  }
  return { model, stages }
}
