// trainKan(model, x, y, options): the KAN paper's training recipe (pykan's workflow) as one call. For each grid in `grids`:
// grid extension to it (the first grid: the knots moved to the data), then `steps` full-batch L-BFGS steps through fit() —
// the one training loop, with its TrainingError, AbortSignal and last-good-weights guarantees — and, on the first grid, the
// knots following the data every `gridUpdateEvery` steps until step `gridUpdateUntil`, restarting L-BFGS's history each time
// (the coefficients mean something else afterwards). L-BFGS runs with pykan's tolerances (off), history 100.
import type { Tensor } from '../tensor/tensor'
import { add } from '../ops/arithmetic'
import { mseLoss } from '../ops/loss'
import { checkPair, fit, type EpochLogs } from '../train/fit'
import { lbfgs, type LbfgsOptions } from '../optim/lbfgs'
import { Kan } from './kan'
import { kanRegularization, refineGrid, updateGrid } from './kan-model'
import type { Sequential } from './sequential'
import { checkOptions } from '../check/names'

export interface TrainKanOptions {
  /** Grid intervals of each stage, in order (default [5, 10, 20, 50, 100], the KAN paper's scaling table). */
  grids?: number[]
  /** L-BFGS steps per grid (default 50); each step runs up to `lbfgs.maxIterations` (20) iterations. */
  steps?: number
  /** Sparsity: the weight λ of kanRegularization added to the mean squared error (default 0: off). */
  lambda?: number
  /** μ1 and μ2 of kanRegularization (defaults 1 and 2, as pykan). */
  l1?: number
  entropy?: number
  /** On the first grid, the knots follow the data every this many steps (default 3) … */
  gridUpdateEvery?: number
  /** … before this step (default 30; 0: the knots follow the data once, before training). */
  gridUpdateUntil?: number
  /** Held-out data: each stage then reports its test RMSE. */
  test?: [Tensor, Tensor]
  /** L-BFGS options over trainKan's (historySize 100, every tolerance 0). */
  lbfgs?: LbfgsOptions
  /** After each L-BFGS step. */
  onStep?: (logs: { grid: number; step: number; loss: number }) => void
  /** After each grid's stage. */
  onGrid?: (stage: KanStage) => void
  /** Stops between L-BFGS steps; the model keeps the weights of the last whole step. */
  signal?: AbortSignal
}

export interface KanStage {
  grid: number
  /** Root mean squared error over every output of the training (and test) data, after this stage. */
  trainRmse: number
  testRmse?: number
  /** L-BFGS steps taken and loss evaluations made in this stage. */
  steps: number
  evaluations: number
  /** Wall-clock seconds of this stage, its grid extension included. */
  seconds: number
}

export interface KanTraining {
  stages: KanStage[]
  stopped: 'completed' | 'aborted'
}

const optionNames = ['grids', 'steps', 'lambda', 'l1', 'entropy', 'gridUpdateEvery', 'gridUpdateUntil', 'test', 'lbfgs', 'onStep', 'onGrid', 'signal']
/** pykan trains with every tolerance at 1e-32, in effect off: 0 says so. History 100 as pykan. */
const pykanLbfgs: LbfgsOptions = { historySize: 100, gradientTolerance: 0, changeTolerance: 0, curvatureTolerance: 0 }
/** No paper or tutorial goes past G = 1000; a grid beyond this is a typo, and its coefficients would cost gigabytes. */
export const maxKanGrid = 4096

export async function trainKan(model: Sequential, x: Tensor, y: Tensor, options?: TrainKanOptions): Promise<KanTraining> {
  const where = 'trainKan'
  const given = checkOptions(where, options, optionNames) as TrainKanOptions
  if (!Array.isArray(model?.layers) || typeof model.fit !== 'function') throw new TypeError(`${where}: model must be a sequential([...]) model`)
  if (!model.layers.some((layer) => layer instanceof Kan)) throw new TypeError(`${where}: the model has no kan layer`)
  checkPair(where, x, y)
  const grids = given.grids ?? [5, 10, 20, 50, 100]
  if (!Array.isArray(grids) || grids.length === 0 || grids.length > 64) throw new RangeError(`${where}: grids must be a list of 1 to 64 grid sizes, got ${String(grids)}`)
  grids.forEach((grid, k) => {
    if (!Number.isInteger(grid) || grid < 1 || grid > maxKanGrid) throw new RangeError(`${where}: grids[${k}] must be an integer in [1, ${maxKanGrid}], got ${String(grid)}`)
  })
  const steps = count(where, 'steps', given.steps, 50, 1)
  const every = count(where, 'gridUpdateEvery', given.gridUpdateEvery, 3, 1)
  const until = count(where, 'gridUpdateUntil', given.gridUpdateUntil, 30, 0)
  const lambda = given.lambda ?? 0
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda < 0) throw new RangeError(`${where}: lambda must be a finite number ≥ 0, got ${String(lambda)}`)
  const test = given.test
  if (test !== undefined) {
    if (!Array.isArray(test) || test.length !== 2) throw new TypeError(`${where}: test must be [x, y], got ${String(test)}`)
    checkPair(`${where}: test`, test[0], test[1])
  }
  const optimizerOptions = { ...pykanLbfgs, ...given.lbfgs }
  lbfgs(optimizerOptions)   // its options checked before any work
  const regularization = { lambda, l1: weight(where, 'l1', given.l1, 1), entropy: weight(where, 'entropy', given.entropy, 2) }
  // the sparsity term reads the activations of the forward pass whose loss it joins
  const loss = lambda === 0 ? 'mse' as const : (prediction: Tensor, target: Tensor) => add(mseLoss(prediction, target), kanRegularization(model, regularization))
  return model.trainOnce(where, () => stages(model, x, y, { ...given, grids, steps, every, until, test, loss, optimizerOptions }))
}

interface Resolved extends TrainKanOptions {
  grids: number[]; steps: number; every: number; until: number
  loss: 'mse' | ((prediction: Tensor, target: Tensor) => Tensor)
  optimizerOptions: LbfgsOptions
}

async function stages(model: Sequential, x: Tensor, y: Tensor, given: Resolved): Promise<KanTraining> {
  const { grids, steps, every, until, test, loss, optimizerOptions } = given
  const kanLayers = model.layers.filter((layer): layer is Kan => layer instanceof Kan)

  const training: KanTraining = { stages: [], stopped: 'completed' }
  for (const [stage, grid] of grids.entries()) {
    if (given.signal?.aborted) { training.stopped = 'aborted'; break }
    const started = performance.now()
    // refineGrid puts the knots on the data too; on the first grid at the model's own size only the knots move
    if (kanLayers.some((layer) => layer.grid !== grid)) refineGrid(model, grid, x)
    else if (stage === 0) updateGrid(model, x)
    const optimizer = lbfgs(optimizerOptions)
    let taken = 0
    const history = await fit(model, x, y, {
      loss, optimizer, epochs: steps, shuffle: false, signal: given.signal,
      onEpochEnd: ({ epoch, loss: value }: EpochLogs) => {
        taken = epoch
        given.onStep?.({ grid, step: epoch, loss: value })
        if (stage === 0 && epoch < until && epoch % every === 0) {
          updateGrid(model, x)
          optimizer.reset()
        }
      },
    })
    const result: KanStage = { grid, trainRmse: rmse(model, x, y), steps: taken, evaluations: optimizer.evaluations, seconds: 0 }
    if (test) result.testRmse = rmse(model, test[0], test[1])
    result.seconds = (performance.now() - started) / 1000
    training.stages.push(result)
    given.onGrid?.(result)
    if (history.stopped === 'aborted') { training.stopped = 'aborted'; break }
  }
  return training
}

function weight(where: string, name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${String(v)}`)
  return v
}

function count(where: string, name: string, value: unknown, fallback: number, least: number): number {
  const v = value ?? fallback
  if (!Number.isSafeInteger(v) || (v as number) < least || (v as number) > 1e6) throw new RangeError(`${where}: ${name} must be an integer in [${least}, 1e6], got ${String(v)}`)
  return v as number
}

/** √(mean of the squared errors over every output), in float64. */
export function rmse(model: Sequential, x: Tensor, y: Tensor): number {
  const prediction = model.predict(x)
  try {
    if (prediction.size !== y.size) throw new RangeError(`rmse: the model gives ${prediction.size} values for x, y holds ${y.size}`)
    const predicted = prediction.data, target = y.data
    let squares = 0
    for (let i = 0; i < target.length; i++) squares += (predicted[i] - target[i]) * (predicted[i] - target[i])
    return Math.sqrt(squares / target.length)
  } finally {
    prediction.dispose()
  }
}
