// kan(in, out, { grid, order, range, base, gridEps, noise }): a Kolmogorov–Arnold layer in the efficient formulation — one
// learnable activation per edge, φ_oi(t) = baseScale[o,i]·base(t) + splineScale[o,i]·Σ_j coefficients[o,i,j]·B_j(t), with
// B_j the degree-`order` B-splines on input i's knots, and y[b,o] = Σ_i φ_oi(x[b,i]). The knots start uniform (grid
// intervals over `range`, extended by `order` intervals each side); updateGrid / refineGrid (kan-grid.ts) move them to the
// data. Initialisation as pykan's (the KAN paper's code): coefficients of a small noisy spline (uniform in ±noise/(2·grid),
// efficient-kan fits a spline through noise of that size), spline scales 1, base scales (1 ± noise)/√in. (efficient-kan's
// kaiming-uniform scales can start an edge near 0, which stalls some seeds.) An edge may instead be symbolic, c·f(a·x + b) + d
// (setSymbolic; fixSymbolic and autoSymbolic in src/symbolic/ choose f and fit a, b, c, d): its spline is then masked out.
import type { Tensor } from '../tensor/tensor'
import { tensor } from '../tensor/create'
import { formatShape } from '../tensor/shape'
import { kanBaseNames, kanTransform, type KanBase, type KanWeights } from '../ops/kan'
import { bsplineMaxDegree } from '../backend/kernels'
import { checkBsplineKnots } from '../backend/validate-checks'
import { decodeFloats, encodeFloats } from '../curves/common'
import { isNearlyUniform, uniformKnots } from '../curves/knots'
import { checkPositiveInteger, type BuildContext, type Layer } from './layer'
import { adaptiveKnots, fitColumns, splineValues } from './kan-grid'
import { empty } from '../tensor/allocate'
import { checkEdgeIndex, kanEdge, type KanEdge } from './kan-edge'
import { symbolicEdges, type SymbolicEdge } from '../ops/kan-symbolic'
import { symbolicFunction } from '../symbolic/library'
import { readSymbolicConfig } from './kan-symbolic'
import { mul, add } from '../ops/arithmetic'
import { checkKnownName, checkOptions } from '../check/names'

export interface KanOptions {
  /** Grid intervals over `range` (default 5). */
  grid?: number
  /** The spline degree, as in the KAN papers' k (default 3: cubic). */
  order?: number
  /** The initial grid's span (default [−1, 1]); updateGrid moves it to the data. */
  range?: [number, number]
  /** The branch beside the spline (default 'silu'). */
  base?: KanBase
  /** The uniform grid's share when knots follow the data (default 0.8; pykan and efficient-kan use 0.02, which leaves wide
   *  intervals in the sparse tails of a hidden layer's values, where a cubic's error grows as width⁴): 0 = percentiles only. */
  gridEps?: number
  /** The initial coefficients' size (default 0.1). */
  noise?: number
}

const optionNames = ['grid', 'order', 'range', 'base', 'gridEps', 'noise']

export class Kan implements Layer {
  readonly kind = 'kan'
  grid: number
  readonly order: number
  readonly range: [number, number]
  readonly base: KanBase
  readonly gridEps: number
  readonly noise: number
  /** [in, grid + 2·order + 1] in the model's dtype: data, not trained. */
  knots: Tensor | undefined
  coefficients: Tensor | undefined
  splineScale: Tensor | undefined
  baseScale: Tensor | null = null
  /** Every input's knots equally spaced (the kernels' span search then guesses in O(1)). */
  uniform = true
  /** The input of the latest forward, which kanRegularization reads. */
  lastInput: Tensor | undefined
  /** [out, in, 4]: each symbolic edge's (a, b, c, d) in c·f(a·x + b) + d, trained with the rest; null while every edge
   *  is a spline (the layer then computes, stores and serialises exactly what it did before symbolic edges existed). */
  symbolicParameters: Tensor | null = null
  /** The edges replaced by a library function (fixSymbolic / autoSymbolic), by output then input. Their spline and base
   *  weights stay as they were, masked out of the forward (so removeSymbolic gives the spline back). */
  symbolic: SymbolicEdge[] = []
  private storedKnots: ArrayLike<number> | undefined

  constructor(readonly inputSize: number, readonly outputSize: number, options?: KanOptions) {
    const where = 'kan'
    checkPositiveInteger(where, 'inputSize', inputSize)
    checkPositiveInteger(where, 'outputSize', outputSize)
    const given = checkOptions(where, options, optionNames)
    this.grid = checkPositiveInteger(where, 'grid', given.grid ?? 5)
    const order = given.order ?? 3
    if (!Number.isInteger(order) || (order as number) < 0 || (order as number) > bsplineMaxDegree) {
      throw new RangeError(`${where}: order (the spline degree) must be an integer in [0, ${bsplineMaxDegree}], got ${String(order)}`)
    }
    this.order = order as number
    const range = given.range ?? [-1, 1]
    if (!Array.isArray(range) || range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1]) || !(range[0] < range[1])) {
      throw new RangeError(`${where}: range must be [low, high] with finite low < high, got ${JSON.stringify(range)}`)
    }
    this.range = [range[0], range[1]]
    const base = given.base ?? 'silu'
    checkKnownName(where, 'base', base, kanBaseNames)
    this.base = base as KanBase
    this.gridEps = checkFraction(where, 'gridEps', given.gridEps ?? 0.8)
    const noise = given.noise ?? 0.1
    if (typeof noise !== 'number' || !Number.isFinite(noise) || noise < 0) throw new RangeError(`${where}: noise must be a finite number ≥ 0, got ${String(noise)}`)
    this.noise = noise
  }

  build(context: BuildContext): void {
    const { generator, dtype } = context
    const { inputSize, outputSize, grid, order } = this
    const basisCount = grid + order
    const knots = this.storedKnots ?? Array.from({ length: inputSize }, () => Array.from(uniformKnots(grid, order, this.range))).flat()
    const knotTensor = tensor(Float64Array.from(knots), { dtype, shape: [inputSize, grid + 2 * order + 1] })
    knotTensor.context.memory.adopt(knotTensor.storage)   // the layer's data for its lifetime
    this.setKnots(knotTensor)
    const coefficients = Float64Array.from({ length: outputSize * inputSize * basisCount }, () => (this.noise * (generator.uniform() - 0.5)) / grid)
    this.coefficients = tensor(coefficients, { dtype, shape: [outputSize, inputSize, basisCount], requiresGrad: true })
    this.splineScale = tensor(new Float64Array(outputSize * inputSize).fill(1), { dtype, shape: [outputSize, inputSize], requiresGrad: true })
    if (this.base !== 'none') {
      const scales = Float64Array.from({ length: outputSize * inputSize }, () => (1 + this.noise * (2 * generator.uniform() - 1)) / Math.sqrt(inputSize))
      this.baseScale = tensor(scales, { dtype, shape: [outputSize, inputSize], requiresGrad: true })
    }
    // symbolic edges read from JSON: their parameters are loaded after the build
    if (this.symbolic.length > 0) this.symbolicParameters = heapTensor(this.coefficients, new Float64Array(outputSize * inputSize * 4), [outputSize, inputSize, 4], true)
  }

  get parameters(): Tensor[] {
    return [this.coefficients, this.splineScale, this.baseScale, this.symbolicParameters].filter((p): p is Tensor => p !== undefined && p !== null)
  }

  parameterShapes(): number[][] {
    const { inputSize, outputSize, grid, order } = this
    return [[outputSize, inputSize, grid + order], [outputSize, inputSize], ...(this.base === 'none' ? [] : [[outputSize, inputSize]]),
      ...(this.symbolic.length > 0 ? [[outputSize, inputSize, 4]] : [])]
  }

  /** The symbolic edge (output, input), or undefined while it is a spline. */
  symbolicEdge(output: number, input: number): SymbolicEdge | undefined {
    return this.symbolic.find((edge) => edge.output === output && edge.input === input)
  }

  /** Edge (output, input) becomes c·f(a·x + b) + d with f the library function `name` (fixSymbolic fits a, b, c, d). */
  setSymbolic(output: number, input: number, name: string, parameters: readonly number[]): void {
    const where = `kan(${this.inputSize}, ${this.outputSize}).setSymbolic`
    const { coefficients } = this.weights
    checkEdgeIndex(where, 'output', output, this.outputSize)
    checkEdgeIndex(where, 'input', input, this.inputSize)
    const fn = symbolicFunction(where, name)
    if (!Array.isArray(parameters) || parameters.length !== 4 || !parameters.every((value) => typeof value === 'number' && Number.isFinite(value))) {
      throw new RangeError(`${where}: parameters must be four finite numbers [a, b, c, d], got ${JSON.stringify(parameters)}`)
    }
    const [a, b, c, d] = parameters
    this.symbolicParameters ??= heapTensor(coefficients, new Float64Array(this.outputSize * this.inputSize * 4), [this.outputSize, this.inputSize, 4], true)
    this.symbolicParameters.data.set([a, b, c, d], (output * this.inputSize + input) * 4)
    this.symbolic = [...this.symbolic.filter((edge) => edge.output !== output || edge.input !== input), { output, input, fn }]
      .sort((p, q) => p.output - q.output || p.input - q.input)
  }

  /** Edge (output, input) back to its spline (as it was when it became symbolic). */
  removeSymbolic(output: number, input: number): void {
    const where = `kan(${this.inputSize}, ${this.outputSize}).removeSymbolic`
    checkEdgeIndex(where, 'output', output, this.outputSize)
    checkEdgeIndex(where, 'input', input, this.inputSize)
    this.symbolic = this.symbolic.filter((edge) => edge.output !== output || edge.input !== input)
    if (this.symbolic.length === 0) this.symbolicParameters = null
  }

  /** The tensors kanTransform takes (the layer must be built). */
  get weights(): KanWeights {
    if (!this.knots || !this.coefficients || !this.splineScale) throw new Error('kan: the layer is not built; put it in a sequential([...]) model (which builds it)')
    return { knots: this.knots, coefficients: this.coefficients, splineScale: this.splineScale, baseScale: this.baseScale }
  }

  forward(x: Tensor): Tensor {
    const output = this.transform(x, false)
    this.lastInput = x
    return output
  }

  /** Every edge's value φ_oi(x[b, i]) as [batch, in, out], symbolic edges included. */
  edgeValues(x: Tensor): Tensor {
    return this.transform(x, true)
  }

  private transform(x: Tensor, edges: boolean): Tensor {
    const weights = this.weights, options = { degree: this.order, base: this.base, uniform: this.uniform, edges }
    if (x.rank !== 2 || x.shape[1] !== this.inputSize) {
      throw new RangeError(`kan(${this.inputSize}, ${this.outputSize}): expected input [batch, ${this.inputSize}], got ${formatShape(x.shape)}`)
    }
    if (!this.symbolicParameters) return kanTransform(x, weights, options)
    // the symbolic edges' splines masked out (× 0; the others × 1, exactly themselves), their functions added
    const mask = new Float64Array(this.outputSize * this.inputSize).fill(1)
    for (const { output, input } of this.symbolic) mask[output * this.inputSize + input] = 0
    const kept = tensor(mask, { dtype: x.dtype, shape: [this.outputSize, this.inputSize] })
    const masked = { ...weights, splineScale: mul(weights.splineScale, kept), baseScale: weights.baseScale && mul(weights.baseScale, kept) }
    return add(kanTransform(x, masked, options), symbolicEdges(x, this.symbolicParameters, this.symbolic, { edges }))
  }

  /** The learned activation φ from input `input` to output `output`: its parts and an evaluate() with the layer's bits. */
  edge(output: number, input: number): KanEdge {
    return kanEdge(this, output, input)
  }

  /** New knots (a tensor [in, knotCount] of the model's dtype); `uniform` follows them. */
  setKnots(knots: Tensor): void {
    const values = knots.data, knotCount = knots.shape[1]
    this.knots = knots
    this.uniform = Array.from({ length: this.inputSize }, (_, i) => values.subarray(i * knotCount, (i + 1) * knotCount))
      .every((row) => isNearlyUniform(row, this.order))
  }

  /** Knots from the samples' percentiles blended with a uniform grid (gridEps), coefficients re-fitted so φ stays as it was. */
  updateGrid(x: Tensor): void {
    this.regrid('updateGrid', x, this.grid)
  }

  /** grid intervals (5 → 10 → 20 …): knots as updateGrid, coefficients fitted to the current splines at x's rows. */
  refineGrid(grid: number, x: Tensor): void {
    this.regrid('refineGrid', x, checkPositiveInteger('refineGrid', 'grid', grid))
  }

  private regrid(where: string, x: Tensor, grid: number): void {
    const { knots, coefficients } = this.weights
    const { inputSize, outputSize, order } = this
    if (x.rank !== 2 || x.shape[1] !== inputSize || x.shape[0] < 1) {
      throw new RangeError(`${where}: expected the layer's inputs as [batch ≥ 1, ${inputSize}], got ${formatShape(x.shape)}`)
    }
    // copies, not views: the basis kernel's allocations may grow the wasm memory, which detaches views
    const batch = x.shape[0], data = Float64Array.from(x.data)
    const oldKnotCount = knots.shape[1], oldBasisCount = coefficients.shape[2]
    const knotCount = grid + 2 * order + 1, basisCount = grid + order
    const oldKnots = Float64Array.from(knots.data), oldCoefficients = Float64Array.from(coefficients.data)
    const newKnots = new Float64Array(inputSize * knotCount), newCoefficients = new Float64Array(outputSize * inputSize * basisCount)
    for (let i = 0; i < inputSize; i++) {
      const samples = Float64Array.from({ length: batch }, (_, b) => data[b * inputSize + i])
      const bad = samples.findIndex((value) => !Number.isFinite(value))
      if (bad >= 0) throw new RangeError(`${where}: x[${bad}, ${i}] is ${samples[bad]}; the grid follows finite samples only`)
      const oldRow = oldKnots.subarray(i * oldKnotCount, (i + 1) * oldKnotCount)
      // an input whose samples (nearly) do not vary — a node sparsity has switched off — cannot place knots by its data:
      // it keeps its grid's range (uniform knots over it) and the spline is refitted over that range, not at one point
      const adapted = adaptiveKnots(samples.slice().sort(), grid, order, this.gridEps)
      const low = oldRow[order], high = oldRow[oldKnotCount - order - 1], fitCount = 4 * (grid + order)
      const rowKnots = adapted ?? uniformKnots(grid, order, [low, high])
      const fitAt = adapted ? samples : Float64Array.from({ length: fitCount }, (_, k) => low + ((high - low) * k) / (fitCount - 1))
      const targets = splineValues(where, fitAt, oldRow, order, oldCoefficients, i * oldBasisCount, inputSize * oldBasisCount, outputSize, this.uniform)
      const fitted = fitColumns(where, fitAt, targets, outputSize, rowKnots, order)
      newKnots.set(rowKnots, i * knotCount)
      for (let o = 0; o < outputSize; o++) {
        for (let j = 0; j < basisCount; j++) newCoefficients[(o * inputSize + i) * basisCount + j] = fitted[j * outputSize + o]
      }
    }
    // parameters live on the heap (this may run inside a scope); same shapes keep their tensors (and optimizer state)
    if (basisCount === oldBasisCount) {
      knots.data.set(newKnots)
      coefficients.data.set(newCoefficients)
      this.setKnots(knots)
    } else {
      this.setKnots(heapTensor(knots, newKnots, [inputSize, knotCount], false))
      this.coefficients = heapTensor(coefficients, newCoefficients, [outputSize, inputSize, basisCount], true)
    }
    this.grid = grid
  }

  config(): Record<string, unknown> {
    const { inputSize, outputSize, grid, order, range, base, gridEps, noise } = this
    const config: Record<string, unknown> = { inputSize, outputSize, grid, order, range: [...range], base, gridEps, noise, knots: this.knots ? encodeFloats(this.knots.data) : undefined }
    if (this.symbolic.length > 0) config.symbolic = this.symbolic.map(({ output, input, fn }) => ({ output, input, function: fn.name }))
    return config
  }

  /** Rebuilds a layer from config(): the stored knots replace the uniform ones when the model builds it. */
  static fromConfig(config: Record<string, unknown>): Kan {
    const { inputSize, outputSize, grid, order, range, base, gridEps, noise, knots, symbolic } = config
    const layer = new Kan(inputSize as number, outputSize as number, { grid, order, range, base, gridEps, noise } as KanOptions)
    if (symbolic !== undefined) layer.symbolic = readSymbolicConfig(layer, symbolic)
    if (knots !== undefined) {
      const values = decodeFloats('fromJSON', 'kan config.knots', knots)
      const expected = layer.inputSize * (layer.grid + 2 * layer.order + 1)
      if (values.length !== expected) {
        throw new TypeError(`fromJSON: kan config.knots holds ${values.length} values; a kan(${layer.inputSize}, ${layer.outputSize}) ` +
          `of grid ${layer.grid}, order ${layer.order} needs ${expected}`)
      }
      const knotCount = layer.grid + 2 * layer.order + 1
      for (let i = 0; i < layer.inputSize; i++) {
        checkBsplineKnots(`fromJSON: kan config.knots of input ${i}`, values.subarray(i * knotCount, (i + 1) * knotCount), knotCount, layer.order)
      }
      layer.storedKnots = values
    }
    return layer
  }
}

function heapTensor(like: Tensor, values: Float64Array, shape: number[], requiresGrad: boolean): Tensor {
  const made = empty(like.context, like.dtype, shape, 'heap')
  made.data.set(values)
  made.requiresGrad = requiresGrad
  return made
}

function checkFraction(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new RangeError(`${where}: ${name} must be in [0, 1], got ${String(value)}`)
  return value
}

export function kan(inputSize: number, outputSize: number, options?: KanOptions): Kan {
  return new Kan(inputSize, outputSize, options)
}
