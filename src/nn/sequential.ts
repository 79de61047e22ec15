// sequential([...layers], { seed, dtype }): a stack of layers built in order from one seeded
// Generator, with fit / evaluate / predict and a JSON form (the format is in serialize.ts).
import type { DType, FloatArray } from '../backend/kernels'
import type { Tensor } from '../tensor/tensor'
import { Generator } from '../tensor/random'
import { scope } from '../tensor/scope'
import { noGrad } from '../autograd/tape'
import { formatShape } from '../tensor/shape'
import type { Layer } from './layer'
import { evaluateOn, fit, checkPair, type FitOptions, type History } from '../train/fit'
import { resolveLoss, type LossFunction, type LossName } from '../train/losses'
import type { MetricName } from '../train/metrics'
import { modelToJSON, readModelJSON, type ModelJson } from './serialize'
import { refineGrid, updateGrid } from './kan-model'
import { inputWidthOf, readModelData, shapeLike, type ModelData } from './model-data'
import { summarize, type ModelSummary } from './summary'
import { checkOptions } from '../check/names'

export interface SequentialOptions {
  seed?: number
  dtype?: DType
}

export class Sequential {
  readonly seed: number
  readonly dtype: DType
  #training = false

  constructor(readonly layers: Layer[], options: SequentialOptions = {}) {
    if (!Array.isArray(layers) || layers.length === 0) throw new TypeError('sequential: layers must be a non-empty array of layers')
    layers.forEach((layer, i) => {
      if (typeof layer?.forward !== 'function' || typeof layer.build !== 'function') {
        throw new TypeError(`sequential: layers[${i}] is not a layer (dense(…), act(…), kan(…), customLayer({ forward }), …)`)
      }
    })
    checkOptions('sequential', options, ['seed', 'dtype'])
    this.seed = options.seed ?? 0
    if (!Number.isSafeInteger(this.seed)) throw new TypeError(`sequential: seed must be an integer, got ${this.seed}`)
    this.dtype = options.dtype ?? 'float32'
    if (this.dtype !== 'float32' && this.dtype !== 'float64') throw new TypeError(`sequential: dtype must be 'float32' or 'float64', got ${JSON.stringify(this.dtype)}`)
    const generator = new Generator(this.seed)
    // a layer that already has parameters (shared with another model) keeps them
    for (const layer of layers) if (layer.parameters.length === 0) layer.build({ generator, dtype: this.dtype })
    // parameters live as long as the model: not the per-step tensors the unscoped-tensor limit is about
    for (const p of this.parameters) p.context.memory.adopt(p.storage)
  }

  get parameters(): Tensor[] {
    return this.layers.flatMap((layer) => layer.parameters)
  }

  get parameterCount(): number {
    return this.parameters.reduce((count, p) => count + p.size, 0)
  }

  /** The differentiable forward pass (records on the tape). */
  forward(x: Tensor): Tensor {
    if (x.dtype !== this.dtype) throw new TypeError(`model: input is ${x.dtype} ${formatShape(x.shape)} but the model is ${this.dtype}; make the input with { dtype: '${this.dtype}' }`)
    return this.layers.reduce((h, layer) => layer.forward(h), x)
  }

  /** Outputs for x, without gradients, in the form x came in: a Tensor (outside any scope), rows (number[][]), one row
   *  (number[]), or a flat typed array of rows (a typed array of the model's dtype). */
  predict(x: Tensor): Tensor
  predict(x: number[][]): number[][]
  predict(x: number[]): number[]
  predict(x: Float32Array | Float64Array): FloatArray
  predict(x: ModelData): Tensor | number[][] | number[] | FloatArray {
    const { tensor: input, form } = readModelData('predict', 'x', x, this.dtype, inputWidthOf(this.layers))
    try {
      return shapeLike(noGrad(() => scope(() => this.forward(input))), form)
    } finally {
      if (input !== x) input.dispose()
    }
  }

  /** The values between layers for x, without gradients: [after layer 0, after layer 1, …, the output], each a Tensor
   *  outside any scope (dispose() them when done). x is a Tensor or plain arrays as predict() takes. */
  intermediates(x: ModelData): Tensor[] {
    const { tensor: input } = readModelData('intermediates', 'x', x, this.dtype, inputWidthOf(this.layers))
    try {
      if (input.dtype !== this.dtype) throw new TypeError(`intermediates: x is ${input.dtype} but the model is ${this.dtype}`)
      return noGrad(() => scope(() => {
        const values: Tensor[] = []
        this.layers.reduce((h, layer) => { const next = layer.forward(h); values.push(next); return next }, input)
        return values
      }))
    } finally {
      if (input !== x) input.dispose()
    }
  }

  /** Trains on (x, y): Tensors, or plain arrays as predict() takes them (a flat y is split into x's row count). */
  fit(x: ModelData, y: ModelData, options: FitOptions): Promise<History> {
    return this.trainOnce('fit', async () => {
      const data = this.readPair('fit', x, y)
      try {
        return await fit(this, data.x, data.y, options)
      } finally {
        data.release()
      }
    })
  }

  /** x and y as tensors of this model's dtype; release() frees those made here from arrays. */
  readPair(where: string, x: ModelData, y: ModelData): { x: Tensor; y: Tensor; release(): void } {
    const inputs = readModelData(where, 'x', x, this.dtype, inputWidthOf(this.layers)).tensor
    const release = (t: Tensor, given: ModelData) => { if (t !== given) t.dispose() }
    try {
      const rows = inputs.shape[0], flatY = y instanceof Float32Array || y instanceof Float64Array
      const targets = readModelData(where, 'y', y, this.dtype, flatY && y.length % rows === 0 ? y.length / rows : undefined).tensor
      return { x: inputs, y: targets, release: () => { release(inputs, x); release(targets, y) } }
    } catch (error) {
      release(inputs, x)
      throw error
    }
  }

  /** True while a fit() or fitInWorker() runs on this model. */
  get training(): boolean {
    return this.#training
  }

  /** Runs `train`, refusing to start while another training of this model (fit or fitInWorker) has not finished:
   *  two trainings would interleave their updates of the same weights. */
  async trainOnce<T>(where: string, train: () => Promise<T>): Promise<T> {
    if (this.#training) throw new Error(`${where}: this model is already training (a fit() or fitInWorker() has not finished); await it, or abort it with its signal, first`)
    this.#training = true
    try {
      return await train()
    } finally {
      this.#training = false
    }
  }

  /** Moves every KAN layer's knots to the sample percentiles of its inputs (x feeds the model), keeping its function. */
  updateGrid(x: Tensor): void {
    updateGrid(this, x)
  }

  /** Grid extension: every KAN layer gets `grid` intervals, its coefficients fitted to the old spline. */
  refineGrid(grid: number, x: Tensor): void {
    refineGrid(this, grid, x)
  }

  /** The layers, their output shapes and parameter counts, and the dtype: `.text` is the table, the rest its data. */
  summary(): ModelSummary {
    return summarize(this)
  }

  /** String(model): the summary's table. */
  toString(): string {
    return summarize(this).text
  }

  toJSON(): ModelJson {
    return modelToJSON(this)
  }

  /** The mean loss and the metrics on (x, y). */
  evaluate(x: ModelData, y: ModelData, options: { loss: LossName | LossFunction; metrics?: MetricName[]; logits?: boolean }): Record<string, number> {
    if (options === undefined) throw new TypeError('evaluate: options must be an object with at least { loss }')
    checkOptions('evaluate', options, ['loss', 'metrics', 'logits'])
    const data = this.readPair('evaluate', x, y)
    try {
      checkPair('evaluate', data.x, data.y)
      const results = evaluateOn(this, data.x, data.y, resolveLoss('evaluate', options?.loss), options.metrics ?? [], options.logits ?? false, 'val')
      return Object.fromEntries(Object.entries(results).map(([key, value]) => [key.replace(/^val(.)/, (_, c: string) => c.toLowerCase()), value]))
    } finally {
      data.release()
    }
  }
}

export function sequential(layers: Layer[], options?: SequentialOptions): Sequential {
  return new Sequential(layers, options)
}

/** Rebuilds a model from toJSON()'s object or its JSON text, weights bit for bit (public as fromJSON). */
export function modelFromJSON(json: unknown): Sequential {
  const { seed, dtype, layers, loadParameters } = readModelJSON(json)
  const model = new Sequential(layers, { seed, dtype })
  loadParameters()
  return model
}
