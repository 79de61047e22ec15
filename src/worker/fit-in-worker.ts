// fitInWorker(model, x, y, options): fit() run in a Worker (browsers) or a worker_threads Worker
// (Node), with the same History and final weights bit for bit. Everything this thread can tell a worker
// cannot honour is refused here, before a worker starts (a name the worker's setup module did not
// register fails in the worker, before training). The data cross once: x and y are copied out of their tensors
// into fresh arrays whose buffers are transferred. Callbacks run on this thread with the worker's
// logs; where requestAnimationFrame exists (pages) onBatchEnd is called at most once per frame with
// the latest batch's logs, elsewhere (Node, a worker) for every batch.
import { Sequential } from '../nn/sequential'
import { layerFactory } from '../nn/layer-registry'
import { currentContext } from '../tensor/context'
import type { Tensor } from '../tensor/tensor'
import type { ModelData } from '../nn/model-data'
import { checkFitOptions, TrainingError, type BatchLogs, type FitOptions, type History } from '../train/fit'
import { lossNameOf } from '../train/losses'
import { optimizerToConfig } from './optimizer-config'
import { plainFitOptionNames, stateTransferables, transferablesOf, type FromWorker, type PlainFitOptions, type StartMessage, type TensorData } from './protocol'
import { acquireWorker, releaseWorker } from './spawn'
import { describeValue } from '../check/describe'

export interface FitInWorkerOptions extends FitOptions {
  /** A module (an absolute URL) whose default export `(curvenet) => void` the worker calls first, to
   *  registerLoss / registerSchedule / registerLayer what this thread registered. */
  setup?: string | URL
  /** Called on this thread with the worker's weights already written into `model`, at an epoch end at most every
   *  `weightsInterval` ms: draw or predict with the model as it trains (the final weights arrive as always). */
  onWeights?: (epoch: number) => void
  /** The least time between two onWeights calls, in ms; default 200, at least 0 (every epoch). */
  weightsInterval?: number
}

const callbackNames = ['onEpochEnd', 'onBatchEnd', 'onTrainEnd', 'onWeights'] as const
const knownOptionNames: string[] = [...plainFitOptionNames, ...callbackNames, 'loss', 'optimizer', 'validationData', 'signal', 'setup', 'weightsInterval']
const defaultWeightsInterval = 200

export function fitInWorker(model: Sequential, x: ModelData, y: ModelData, options: FitInWorkerOptions): Promise<History> {
  if (!(model instanceof Sequential)) {
    return Promise.reject(new TypeError(`fitInWorker: model must be a Sequential from this curvenet (sequential([...]) or fromJSON), got ${describeValue(model)}`))
  }
  return model.trainOnce('fitInWorker', async () => {
    const data = model.readPair('fitInWorker', x, y)
    let start: StartMessage
    try {
      start = prepare(model, data.x, data.y, options)   // copies the data out
    } finally {
      data.release()
    }
    // the module this thread runs (init's own or the caller's `wasm`): the worker computes with the same code
    start.wasm = currentContext('fitInWorker').backend.wasmModule
    return run(model, start, options)
  })
}

/** Every check, then the start message (the one copy of the data happens here). */
function prepare(model: Sequential, x: Tensor, y: Tensor, options: FitInWorkerOptions): StartMessage {
  const { optimizer, validation } = checkFitOptions('fitInWorker', x, y, options, knownOptionNames)
  for (const name of callbackNames) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TypeError(`fitInWorker: ${name} must be a function, got ${typeof options[name]}`)
  }
  const context = model.parameters[0]?.context
  const here = currentContext('fitInWorker')
  if (context !== undefined && context !== here) throw new TypeError('fitInWorker: the model lives in another runtime than the last init() (tensors of two runtimes never mix); rebuild it after that init(), e.g. fromJSON(model.toJSON())')
  const tensors: [string, Tensor][] = [['x', x], ['y', y], ...(options.validationData ?? []).map((t, i): [string, Tensor] => [`validationData[${i}]`, t])]
  for (const [name, t] of tensors) {
    if (t.context !== here) throw new TypeError(`fitInWorker: ${name} lives in another runtime than the model (made before the last init()?); make it again with tensor(…) after init()`)
    if (t.dtype !== model.dtype) throw new TypeError(`fitInWorker: ${name} is ${t.dtype} but the model is ${model.dtype}; make it with { dtype: '${model.dtype}' }`)
  }
  model.layers.forEach((layer, i) => {
    if (layerFactory(layer.kind) === undefined) {
      throw new TypeError(`fitInWorker: layers[${i}] has kind ${JSON.stringify(layer.kind)}, which fromJSON cannot rebuild in a worker; registerLayer(${JSON.stringify(layer.kind)}, fromConfig) on this thread and in the worker's setup module`)
    }
  })
  const loss = typeof options.loss === 'string' ? options.loss : lossNameOf(options.loss)
  if (loss === undefined) {
    throw new TypeError('fitInWorker: options.loss is a function, which cannot cross into a worker; registerLoss(\'myLoss\', fn) on this thread ' +
      'and in the worker\'s setup module (options.setup), then pass loss: \'myLoss\'')
  }
  const setup = options.setup === undefined ? undefined : checkSetupUrl(options.setup)
  const weightsInterval = options.weightsInterval ?? defaultWeightsInterval
  if (typeof weightsInterval !== 'number' || !(weightsInterval >= 0 && weightsInterval <= 3_600_000)) {
    throw new RangeError(`fitInWorker: weightsInterval must be a number of milliseconds in [0, 3600000], got ${String(options.weightsInterval)}`)
  }
  const plain: PlainFitOptions = Object.fromEntries(plainFitOptionNames.filter((name) => options[name] !== undefined).map((name) => [name, options[name]]))
  return {
    type: 'start',
    backend: here.backend.name,
    setup,
    model: model.toJSON(),
    x: copyOut(x),
    y: copyOut(y),
    // validationSplit slices x and y in the worker as fit() does; only separate validation data travels
    validationData: options.validationData && validation && [copyOut(validation[0]), copyOut(validation[1])],
    loss,
    optimizer: options.optimizer && optimizerToConfig('fitInWorker', optimizer),
    optimizerState: options.optimizer && 'stateOf' in optimizer ? optimizer.stateOf?.(model.parameters) : undefined,
    options: plain,
    reportBatches: options.onBatchEnd !== undefined,
    weightsInterval: options.onWeights === undefined ? undefined : weightsInterval,
    aborted: options.signal?.aborted ?? false,
    abortFlag: sharedAbortFlag(),
  }
}

/** The shared abort flag where this thread can make shared memory: always in Node, in a page only when it is cross-origin
 *  isolated (COOP + COEP headers); a page that is not has a SharedArrayBuffer constructor in some browsers but cannot send it. */
function sharedAbortFlag(): Int32Array | undefined {
  if (typeof SharedArrayBuffer !== 'function' || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return undefined
  return new Int32Array(new SharedArrayBuffer(4))
}

function checkSetupUrl(setup: unknown): string {
  const text = setup instanceof URL ? setup.href : setup
  if (typeof text !== 'string' || !URL.canParse(text)) {
    throw new TypeError(`fitInWorker: setup must be an absolute URL of a module, e.g. new URL('./curvenet-setup.js', import.meta.url), got ${typeof text === 'string' ? JSON.stringify(text) : typeof text}`)
  }
  return text
}

const copyOut = (t: Tensor): TensorData => ({ shape: [...t.shape], data: t.data.slice() })

/** Drives one worker: relays the logs to the callbacks, writes the weights back, settles with the History or the error. */
async function run(model: Sequential, start: StartMessage, options: FitInWorkerOptions): Promise<History> {
  const worker = await acquireWorker(start.setup)
  let finished = false   // the worker answered done or error, so it can train again
  const batchRelay = relayBatches(options.onBatchEnd)
  const parameters = model.parameters
  const writeWeights = (weights: ArrayLike<number>[]) => parameters.forEach((parameter, i) => parameter.data.set(weights[i]))
  const onAbort = () => {
    if (start.abortFlag) Atomics.store(start.abortFlag, 0, 1)
    worker.post({ type: 'abort' })
  }
  options.signal?.addEventListener('abort', onAbort)
  try {
    return await new Promise<History>((resolve, reject) => {
      const handle = (message: FromWorker) => {
        if (message.type === 'batch') batchRelay.push(message.logs)
        else if (message.type === 'epoch') options.onEpochEnd?.(message.logs)
        else if (message.type === 'weights') {
          writeWeights(message.parameters)
          options.onWeights?.(message.epoch)
        }
        else {
          finished = true
          batchRelay.flush()
          if (message.parameters) writeWeights(message.parameters)
          // the optimizer as training left it, so the next fit() or fitInWorker with it continues from there
          if (message.optimizerState && options.optimizer && 'loadState' in options.optimizer) options.optimizer.loadState?.(parameters, message.optimizerState)
          if (message.type === 'done') {
            options.onTrainEnd?.(message.history)
            resolve(message.history)
          } else reject(rebuildError(message))
        }
      }
      worker.listen((message) => { try { handle(message) } catch (error) { reject(error) } }, reject)
      worker.post(start, [...transferablesOf([start.x.data, start.y.data]), ...(start.validationData ? transferablesOf(start.validationData.map((d) => d.data)) : []),
        ...stateTransferables(start.optimizerState)])
    })
  } finally {
    batchRelay.cancel()
    options.signal?.removeEventListener('abort', onAbort)
    if (finished) releaseWorker(worker, start.setup)
    else worker.terminate()   // a worker failure, or a callback threw while the worker still trains
  }
}

function rebuildError(message: Extract<FromWorker, { type: 'error' }>): Error {
  // the worker ran fit(), whose messages begin "fit:"; the caller called fitInWorker
  if (message.name === 'TrainingError') return new TrainingError(message.message.replace(/^fit: /, 'fitInWorker: '), message.epoch ?? 0, message.batch ?? 0)
  const ErrorClass = message.name === 'TypeError' ? TypeError : message.name === 'RangeError' ? RangeError : Error
  const error = new ErrorClass(message.message)
  if (ErrorClass === Error) error.name = message.name
  return error
}

/** onBatchEnd for every batch, or in pages at most once per animation frame with the latest logs. */
function relayBatches(onBatchEnd: FitOptions['onBatchEnd']) {
  let pending: BatchLogs | undefined, frame: number | undefined
  const deliver = () => { frame = undefined; const logs = pending; pending = undefined; if (logs) onBatchEnd?.(logs) }
  const perFrame = typeof requestAnimationFrame === 'function'
  return {
    push(logs: BatchLogs) {
      if (!perFrame) { onBatchEnd?.(logs); return }
      pending = logs
      frame ??= requestAnimationFrame(deliver)
    },
    /** The last batch's logs, if a frame has not shown them yet; called when training ends. */
    flush() {
      if (frame !== undefined) cancelAnimationFrame(frame)
      deliver()
    },
    /** Drops a batch still waiting for its frame when the run ends without the worker's last word (the worker died or a
     *  callback threw); a worker that answers — done or a TrainingError — gets flush(), since its batches did happen. */
    cancel() {
      if (frame !== undefined) cancelAnimationFrame(frame)
      frame = undefined
      pending = undefined
    },
  }
}
