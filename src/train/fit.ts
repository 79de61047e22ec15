// The training loop. Each batch runs in one scope() (its tensors released together, so memory stays
// flat); the shuffle comes from the model's seeded Generator; a non-finite loss or gradient stops
// training before any update, so the model keeps its last finite weights. fit() yields to the event
// loop between epochs and every ~50 ms, so an AbortSignal can stop it cleanly between batches.
import type { Tensor } from '../tensor/tensor'
import { Generator } from '../tensor/random'
import { scope } from '../tensor/scope'
import { noGrad } from '../autograd/tape'
import { rows } from '../ops/structure'
import { formatShape } from '../tensor/shape'
import type { FirstOrderOptimizer } from '../optim/optimizer'
import { adam } from '../optim/optimizer'
import { checkKnownKeys, checkOptions, didYouMean } from '../check/names'
import { resolveLoss, type LossFunction, type LossName } from './losses'
import { checkShapes, metric, metricNames, type MetricName } from './metrics'
import { progressReporter } from './progress'

export interface Trainable {
  readonly parameters: Tensor[]
  forward(x: Tensor): Tensor
  readonly seed: number
}

/** A full-batch optimizer that re-evaluates the loss itself (L-BFGS). */
export interface ClosureOptimizer {
  readonly kind: 'lbfgs'
  step(parameters: Tensor[], closure: () => number): number
  config(): Record<string, unknown>
}

export interface EpochLogs { epoch: number; loss: number; valLoss?: number; [metric: string]: number | undefined }
export interface BatchLogs { epoch: number; batch: number; loss: number }

export interface FitOptions {
  /** A built-in loss name, a name given to registerLoss, or a function. */
  loss: LossName | (string & {}) | LossFunction
  optimizer?: FirstOrderOptimizer | ClosureOptimizer
  epochs?: number
  batchSize?: number
  shuffle?: boolean
  validationSplit?: number
  validationData?: [Tensor, Tensor]
  metrics?: MetricName[]
  /** The model outputs logits: accuracy thresholds one column at 0 instead of 0.5. */
  logits?: boolean
  earlyStopping?: { monitor?: 'loss' | 'valLoss'; patience?: number; minDelta?: number }
  onEpochEnd?: (logs: EpochLogs) => void
  onBatchEnd?: (logs: BatchLogs) => void
  onTrainEnd?: (history: History) => void
  signal?: AbortSignal
  /** 1: progress (epoch, loss, samples/s, time left) on one updating line in a terminal, console lines elsewhere; default 0. */
  verbose?: 0 | 1
}

export interface History {
  epochs: EpochLogs[]
  stopped: 'completed' | 'earlyStopping' | 'aborted'
}

export class TrainingError extends Error {
  constructor(message: string, readonly epoch: number, readonly batch: number) {
    super(message)
    this.name = 'TrainingError'
  }
}

/** One turn of the event loop. A MessageChannel message, not setTimeout(0), which browsers clamp to
 *  ≥ 4 ms once timeouts nest: a thousand epochs would lose seconds. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => { channel.port1.close(); resolve() }
    channel.port2.postMessage(null)
  })
}

export function checkPair(where: string, x: unknown, y: unknown): [Tensor, Tensor] {
  const isTensor = (value: unknown): value is Tensor => typeof value === 'object' && value !== null && 'storage' in value && 'shape' in value
  if (!isTensor(x) || !isTensor(y)) throw new TypeError(`${where}: x and y must be Tensors`)
  if (x.rank === 0 || y.rank === 0 || x.shape[0] !== y.shape[0]) {
    throw new RangeError(`${where}: x ${formatShape(x.shape)} and y ${formatShape(y.shape)} must have the same number of rows (first dimension)`)
  }
  return [x, y]
}

function allFinite(parameters: Tensor[]): boolean {
  for (const p of parameters) {
    const grad = p.grad?.data
    if (grad) for (let i = 0; i < grad.length; i++) if (!Number.isFinite(grad[i])) return false
  }
  return true
}

/** Every option fit() reads (fitInWorker adds its own). */
export const fitOptionNames: readonly string[] = ['loss', 'optimizer', 'epochs', 'batchSize', 'shuffle', 'validationSplit', 'validationData',
  'metrics', 'logits', 'earlyStopping', 'onEpochEnd', 'onBatchEnd', 'onTrainEnd', 'signal', 'verbose']
const earlyStoppingNames = ['monitor', 'patience', 'minDelta']

/** fit()'s arguments checked and resolved, before any work: what fitInWorker checks on the calling thread too. */
export function checkFitOptions(where: string, x: Tensor, y: Tensor, options: FitOptions, known = fitOptionNames) {
  checkPair(where, x, y)
  if (options === undefined) throw new TypeError(`${where}: options must be an object with at least { loss }`)
  // tfjs's callbacks object and snake_case names are the usual slips: the message names the curvenet spelling
  if (typeof options === 'object' && options !== null && 'callbacks' in options) throw new TypeError(`${where}: there is no callbacks option; pass onEpochEnd, onBatchEnd and onTrainEnd directly in the options`)
  checkOptions(where, options, known)
  const stopping = options.earlyStopping
  if (stopping !== undefined) {
    if (typeof stopping !== 'object' || stopping === null) throw new TypeError(`${where}: earlyStopping must be an object such as { patience: 5 }, got ${String(stopping)}`)
    checkKnownKeys(`${where}: earlyStopping`, stopping, earlyStoppingNames)
    const monitor = stopping.monitor
    if (monitor !== undefined && monitor !== 'loss' && monitor !== 'valLoss') {
      throw new TypeError(`${where}: earlyStopping.monitor must be 'loss' or 'valLoss', got ${JSON.stringify(monitor)};${didYouMean(String(monitor), ['loss', 'valLoss'])}`)
    }
  }
  const lossFunction = resolveLoss(where, options.loss)
  const optimizer = options.optimizer ?? adam()
  const epochs = options.epochs ?? 1
  if (!Number.isSafeInteger(epochs) || epochs < 1) throw new RangeError(`${where}: epochs must be a positive integer, got ${epochs}`)
  const metrics = options.metrics ?? []
  if (!Array.isArray(metrics)) throw new TypeError(`${where}: metrics must be an array of names such as ['accuracy'], got ${typeof metrics}`)
  for (const name of metrics) if (!metricNames.includes(name)) throw new TypeError(`${where}: unknown metric ${JSON.stringify(name)};${didYouMean(String(name), metricNames)} known: ${metricNames.join(', ')}`)
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new TypeError(`${where}: signal must be an AbortSignal`)
  if (options.verbose !== undefined && options.verbose !== 0 && options.verbose !== 1) throw new TypeError(`${where}: verbose must be 0 or 1, got ${JSON.stringify(options.verbose)}`)

  const split = options.validationSplit ?? 0
  if (!(split >= 0 && split < 1)) throw new RangeError(`${where}: validationSplit must be in [0, 1), got ${split}`)
  if (split > 0 && options.validationData) throw new TypeError(`${where}: give validationSplit or validationData, not both`)
  const total = x.shape[0]
  if (total === 0) throw new RangeError(`${where}: x and y have no rows; give at least one example`)
  const trainCount = total - Math.floor(total * split)
  if (trainCount < 1) throw new RangeError(`${where}: validationSplit ${split} leaves no training rows out of ${total}`)
  const validation: [Tensor, Tensor] | undefined = options.validationData
    ? checkPair(`${where}: validationData`, ...options.validationData)
    : trainCount < total ? [x.slice(trainCount), y.slice(trainCount)] : undefined

  const batchSize = options.batchSize ?? Math.min(32, trainCount)
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`${where}: batchSize must be a positive integer, got ${batchSize}`)
  if (optimizer.kind === 'lbfgs' && options.batchSize !== undefined && batchSize < trainCount) {
    throw new RangeError(`${where}: L-BFGS is a full-batch method; leave batchSize out (or set it to the ${trainCount} training rows)`)
  }
  return { lossFunction, optimizer, epochs, metrics, trainCount, validation, batchSize }
}

export async function fit(model: Trainable, x: Tensor, y: Tensor, options: FitOptions): Promise<History> {
  const { lossFunction, optimizer, epochs, metrics, trainCount, validation, batchSize } = checkFitOptions('fit', x, y, options)
  if (metrics.length > 0) checkMetricShapes(model, x, y, metrics)

  const generator = new Generator(model.seed)
  const order = Array.from({ length: trainCount }, (_, i) => i)
  const history: History = { epochs: [], stopped: 'completed' }
  const parameters = model.parameters
  const patience = options.earlyStopping?.patience ?? 5, minDelta = options.earlyStopping?.minDelta ?? 0
  const monitor = options.earlyStopping?.monitor ?? (validation ? 'valLoss' : 'loss')
  let best = Infinity, epochsWithoutImprovement = 0
  let lastYield = Date.now()

  const lossOf = (inputs: Tensor, targets: Tensor) => lossFunction(model.forward(inputs), targets)
  const stop = (epoch: number, batch: number, what: string) => {
    throw new TrainingError(`fit: ${what} at epoch ${epoch}, batch ${batch}; training stopped and the model keeps its weights from before that batch`, epoch, batch)
  }

  const progress = options.verbose === 1 ? progressReporter(epochs, trainCount) : undefined
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      if (options.shuffle ?? true) generator.shuffle(order)
      let lossSum = 0, batches = 0
      const batchStarts = optimizer.kind === 'lbfgs' ? [0] : Array.from({ length: Math.ceil(trainCount / batchSize) }, (_, b) => b * batchSize)
      for (const [batch, start] of batchStarts.entries()) {
        if (options.signal?.aborted) { history.stopped = 'aborted'; break }
        const indices = optimizer.kind === 'lbfgs' ? order : order.slice(start, start + batchSize)
        const loss = scope(() => {
          const inputs = rows(x, indices), targets = rows(y, indices)
          // one loss and gradient evaluation (L-BFGS makes several per step), in its own scope
          const evaluate = () => scope(() => {
            for (const p of parameters) p.zeroGrad()
            const value = lossOf(inputs, targets)
            value.backward()
            const number = value.item()
            if (!Number.isFinite(number)) stop(epoch, batch + 1, `the loss became ${number}`)
            if (!allFinite(parameters)) stop(epoch, batch + 1, 'a gradient became non-finite')
            return number
          })
          if (optimizer.kind === 'lbfgs') return optimizer.step(parameters, evaluate)
          const value = evaluate()
          optimizer.step(parameters)
          return value
        })
        lossSum += loss
        batches++
        options.onBatchEnd?.({ epoch, batch: batch + 1, loss })
        if (Date.now() - lastYield > 50) { await yieldToEventLoop(); lastYield = Date.now() }
      }
      if (history.stopped === 'aborted') break
      const logs: EpochLogs = { epoch, loss: lossSum / batches }
      if (validation) Object.assign(logs, evaluateOn(model, validation[0], validation[1], lossFunction, metrics, options.logits ?? false, 'val'))
      if (metrics.length > 0) Object.assign(logs, evaluateOn(model, x.slice(0, trainCount), y.slice(0, trainCount), lossFunction, metrics, options.logits ?? false, ''))
      history.epochs.push(logs)
      progress?.epochEnd(epoch, logs.loss)
      options.onEpochEnd?.(logs)
      if (options.earlyStopping) {
        const watched = monitor === 'valLoss' ? logs.valLoss : logs.loss
        if (watched === undefined) throw new RangeError('fit: earlyStopping monitors valLoss but there is no validation data')
        if (watched < best - minDelta) { best = watched; epochsWithoutImprovement = 0 } else if (++epochsWithoutImprovement >= patience) { history.stopped = 'earlyStopping'; break }
      }
      await yieldToEventLoop()
      lastYield = Date.now()
    }
  } finally {
    progress?.end()   // ends the terminal line however training ends
  }
  options.onTrainEnd?.(history)
  return history
}

/** The metrics' shape rules on the first row, before any training (the prediction's width is known only by running it). */
function checkMetricShapes(model: Trainable, x: Tensor, y: Tensor, metrics: MetricName[]): void {
  noGrad(() => scope(() => {
    const prediction = model.forward(x.slice(0, 1)), target = y.slice(0, 1)
    for (const name of metrics) checkShapes(name, prediction, target, prediction.rank > 1 ? prediction.shape[prediction.rank - 1] : 1, 1)
  }))
}

/** Loss and metrics of the model on (x, y), without recording gradients. */
export function evaluateOn(model: Trainable, x: Tensor, y: Tensor, lossFunction: LossFunction, metrics: MetricName[], logits: boolean, prefix: '' | 'val'): Record<string, number> {
  return noGrad(() => scope(() => {
    const prediction = model.forward(x)
    const results: Record<string, number> = {}
    const key = (name: string) => (prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name)
    if (prefix) results[key('loss')] = lossFunction(prediction, y).item()
    for (const name of metrics) results[key(name)] = metric(name, prediction, y, logits)
    return results
  }))
}
