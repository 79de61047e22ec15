// The curvenet worker: the entry scripts/build-worker.mjs bundles into the string that fitInWorker
// starts (spawn.ts). It runs one training: init on the caller's backend kind, the user's setup
// module, the model from its JSON, fit() with the caller's options, then the final weights back.
// An abort stops the training after the batch it arrives in when the caller shares an abort flag (read after every
// batch); otherwise the 'abort' message gets through when fit() next yields to the event loop, every ~50 ms. A
// worker may run several trainings one after another (spawn.ts keeps idle workers); each starts
// from init(), so nothing but its setup module's registrations carries over.
import * as curvenet from '../index'
import { init } from '../init'
import { tensor } from '../tensor/create'
import { modelFromJSON } from '../nn/sequential'
import { TrainingError, type FitOptions } from '../train/fit'
import type { Sequential } from '../nn/sequential'
import type { FloatArray } from '../backend/kernels'
import type { OptimizerState } from '../optim/optimizer'
import { optimizerFromConfig } from './optimizer-config'
import { stateTransferables, transferablesOf, type FromWorker, type StartMessage, type TensorData, type ToWorker } from './protocol'

type Post = (message: FromWorker, transfer?: ArrayBuffer[]) => void

/** The running training's; an 'abort' that arrives after its training ended aborts nothing that matters. */
let abortController = new AbortController()

function weightsOf(model: Sequential): FloatArray[] {
  return model.parameters.map((parameter) => parameter.data.slice())
}

const fromData = (where: string, { shape, data }: TensorData) => {
  if (!ArrayBuffer.isView(data)) throw new TypeError(`fitInWorker (in the worker): ${where} arrived without its data`)
  return tensor(data, { shape, dtype: data instanceof Float64Array ? 'float64' : 'float32' })
}

/** Setup modules this worker has run: a reused worker runs each once (spawn.ts reuses a worker only for the same setup). */
const setupsRun = new Set<string>()

async function runSetup(url: string): Promise<void> {
  if (setupsRun.has(url)) return
  const module = (await import(/* webpackIgnore: true */ /* @vite-ignore */ url)) as { default?: unknown }
  if (typeof module.default !== 'function') {
    throw new TypeError(`fitInWorker: the setup module ${url} must export a default function (curvenet) => void that registers what the worker needs; it exports ${typeof module.default}`)
  }
  await module.default(curvenet)
  setupsRun.add(url)
}

async function train(start: StartMessage, post: Post): Promise<void> {
  abortController = new AbortController()
  if (start.aborted) abortController.abort()
  let model: Sequential | undefined
  let stateOf: () => OptimizerState | undefined = () => undefined
  try {
    await init({ backend: start.backend, wasm: start.wasm, quiet: true })
    if (start.setup !== undefined) await runSetup(start.setup)
    model = modelFromJSON(start.model)
    const trained = model
    const sendWeights = weightsSender(start.weightsInterval, (epoch) => {
      const parameters = weightsOf(trained)
      post({ type: 'weights', epoch, parameters }, transferablesOf(parameters))
    })
    const optimizer = start.optimizer && optimizerFromConfig('fitInWorker (in the worker)', start.optimizer)
    if (optimizer && start.optimizerState && 'loadState' in optimizer) optimizer.loadState?.(model.parameters, start.optimizerState)
    stateOf = () => (optimizer && 'stateOf' in optimizer ? optimizer.stateOf?.(trained.parameters) : undefined)
    const options: FitOptions = {
      ...start.options,
      loss: start.loss,
      optimizer,
      validationData: start.validationData && [fromData('validationData[0]', start.validationData[0]), fromData('validationData[1]', start.validationData[1])],
      signal: abortController.signal,
      onEpochEnd: (logs) => { post({ type: 'epoch', logs }); sendWeights?.(logs.epoch) },
      onBatchEnd: (logs) => {
        // fit() looks at the signal before each batch: the flag raised during this one stops it before the next. Read
        // before this batch's logs leave, so an abort sent in answer to them always lands in the next batch
        if (start.abortFlag && Atomics.load(start.abortFlag, 0) === 1) abortController.abort()
        if (start.reportBatches) post({ type: 'batch', logs })
      },
    }
    const history = await model.fit(fromData('x', start.x), fromData('y', start.y), options)
    const parameters = weightsOf(model), optimizerState = stateOf()
    post({ type: 'done', history, parameters, optimizerState }, [...transferablesOf(parameters), ...stateTransferables(optimizerState)])
  } catch (error) {
    const parameters = model && weightsOf(model), optimizerState = model && stateOf()
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) }
    const where = error instanceof TrainingError ? { epoch: error.epoch, batch: error.batch } : {}
    post({ type: 'error', name, message, ...where, parameters, optimizerState }, parameters && [...transferablesOf(parameters), ...stateTransferables(optimizerState)])
  }
}

/** Sends the weights at an epoch end once `interval` ms have passed since the last sending (the first epoch's always). */
function weightsSender(interval: number | undefined, send: (epoch: number) => void): ((epoch: number) => void) | undefined {
  if (interval === undefined) return undefined
  let last = -Infinity
  return (epoch) => {
    const now = performance.now()
    if (now - last < interval) return
    last = now
    send(epoch)
  }
}

function receive(message: ToWorker, post: Post): void {
  if (message.type === 'abort') abortController.abort()
  else void train(message, post)
}

/** In a browser Worker (started from a Blob URL): `self` is the port. */
export function serveBrowser(scope: { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown, transfer: Transferable[]): void }): void {
  scope.onmessage = (event) => receive(event.data as ToWorker, (message, transfer = []) => scope.postMessage(message, transfer))
}

/** In a Node worker_threads Worker: the parentPort. */
export function serveNode(port: { on(event: 'message', listener: (message: unknown) => void): void; postMessage(message: unknown, transfer?: ArrayBuffer[]): void }): void {
  port.on('message', (message) => receive(message as ToWorker, (reply, transfer) => port.postMessage(reply, transfer)))
}
