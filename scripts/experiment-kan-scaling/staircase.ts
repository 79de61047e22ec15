// The KAN paper's scaling experiment, as pykan 0.0 ran it: f(x, y) = exp(sin(πx) + y²), a KAN [2,1,1] of cubic splines,
// 3000 training and 1000 test points uniform on [−1, 1]², full-batch L-BFGS (strong Wolfe), 50 steps of up to 20 iterations
// per grid, grid extension 5 → 10 → 20 → 50 → 100 with each new grid's coefficients fitted to the previous splines. On the
// first grid the knots follow the hidden layer's values every 3 steps for the first 30 steps (pykan's update_grid_from_samples),
// restarting L-BFGS's history each time (the coefficients mean something else afterwards). All of that is trainKan's default
// recipe: the model here is kan(2, 1), kan(1, 1) with nothing set by hand. Shared by
// `npm run experiment:kan-scaling` and tests/kan-scaling.test.ts (which runs the first three grids).
import { tensor } from '../../src/tensor/create'
import { Generator } from '../../src/tensor/random'
import { sequential, type Sequential } from '../../src/nn/sequential'
import { kan } from '../../src/nn/kan'
import { trainKan } from '../../src/nn/kan-train'
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


export async function kanStaircase(options: StaircaseOptions, onStage?: (result: StageResult) => void): Promise<{ model: Sequential; stages: StageResult[] }> {
  const { seed, grids = [5, 10, 20, 50, 100], steps } = options
  const train = scalingData(1000 + seed, 3000), test = scalingData(2000 + seed, 1000)
  // the library's defaults throughout: the README's KAN example
  const model = sequential([kan(2, 1), kan(1, 1)], { seed, dtype: 'float64' })
  const { stages } = await trainKan(model, train.x, train.y, { grids, steps, test: [test.x, test.y],
    onGrid: (stage) => onStage?.({ ...stage, testRmse: stage.testRmse! }) })
  return { model, stages: stages.map((stage) => ({ ...stage, testRmse: stage.testRmse! })) }
}
