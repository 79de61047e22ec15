// The messages between fitInWorker (the calling thread) and the curvenet worker. Everything in them
// is structured-cloneable: the model as its JSON, data and weights as typed arrays whose buffers are
// transferred (never copied twice), the loss and schedule by name, the optimizer as its config().
import type { BackendName } from '../backend/backend'
import type { FloatArray } from '../backend/kernels'
import type { ModelJson } from '../nn/serialize'
import type { BatchLogs, EpochLogs, FitOptions, History } from '../train/fit'
import type { OptimizerState } from '../optim/optimizer'

export interface TensorData { shape: number[]; data: FloatArray }

/** fit()'s options that are plain data: they cross as they are. */
export const plainFitOptionNames = ['epochs', 'batchSize', 'shuffle', 'validationSplit', 'metrics', 'logits', 'earlyStopping', 'verbose'] as const
export type PlainFitOptions = Pick<FitOptions, (typeof plainFitOptionNames)[number]>

export interface StartMessage {
  type: 'start'
  backend: BackendName
  /** The wasm module the calling thread runs (the wasm backend only: init's embedded build or the caller's own `wasm`). */
  wasm?: WebAssembly.Module
  /** The URL of a module whose default export the worker calls with its curvenet API before training. */
  setup?: string
  model: ModelJson
  x: TensorData
  y: TensorData
  validationData?: [TensorData, TensorData]
  loss: string
  /** The optimizer's config(); absent means fit()'s default. */
  optimizer?: Record<string, unknown>
  /** A first-order optimizer's state for the model's parameters (stateOf), when the caller passed one. */
  optimizerState?: OptimizerState
  options: PlainFitOptions
  /** Send every batch's logs (the caller has onBatchEnd). */
  reportBatches: boolean
  /** Send the weights at an epoch end once this many milliseconds have passed since the last sending (the caller has onWeights). */
  weightsInterval?: number
  /** The caller's signal was already aborted. */
  aborted: boolean
  /** One Int32 on shared memory that the caller sets to 1 on abort, which the worker reads after every batch (where
   *  SharedArrayBuffer exists: Node, cross-origin isolated pages); without it the 'abort' message gets through when fit()
   *  next yields to the event loop, within ~50 ms. */
  abortFlag?: Int32Array
}

export type ToWorker = StartMessage | { type: 'abort' }

export type FromWorker =
  | { type: 'batch'; logs: BatchLogs }
  | { type: 'epoch'; logs: EpochLogs }
  /** The weights after `epoch` (1-based, as in EpochLogs), in the order of model.parameters. */
  | { type: 'weights'; epoch: number; parameters: FloatArray[] }
  /** optimizerState: the optimizer's state for the model's parameters as training left it (the caller passed a first-order one). */
  | { type: 'done'; history: History; parameters: FloatArray[]; optimizerState?: OptimizerState }
  /** parameters (and optimizerState): the model's weights when the error came, if the worker had built the model. */
  | { type: 'error'; name: string; message: string; epoch?: number; batch?: number; parameters?: FloatArray[]; optimizerState?: OptimizerState }

/** The buffers a message can hand over instead of copying. */
export function transferablesOf(arrays: FloatArray[]): ArrayBuffer[] {
  return arrays.map((array) => array.buffer as ArrayBuffer)
}

/** The buffers of an optimizer state (each its own copy), to hand over with it. */
export function stateTransferables(state: OptimizerState | undefined): ArrayBuffer[] {
  return state ? transferablesOf(state.parameters.flatMap((entry) => entry?.buffers ?? [])) : []
}
