// sine(in, out, { w0, first }): a SIREN layer (Sitzmann et al. 2020), y = sin(w0·(x·W + b)), with
// curvenet's own sin (the 'sin' activation kernel). The initialisation keeps w0·(x·W + b) spread
// over a few periods at every depth: the first layer W ~ U(±1/in) (its inputs are coordinates), the
// later ones W ~ U(±√(6/in)/w0). The bias is left as the paper's code leaves it: PyTorch's nn.Linear
// default, b ~ U(±1/√in).
import type { Tensor } from '../tensor/tensor'
import { tensor } from '../tensor/create'
import { add, mul } from '../ops/arithmetic'
import { matmul } from '../ops/matmul'
import { sin } from '../ops/activation'
import { formatShape } from '../tensor/shape'
import { checkPositiveInteger, type BuildContext, type Layer } from './layer'
import { checkOptions } from '../check/names'

export interface SineOptions {
  /** The frequency factor ω₀; default 30 (the paper's). */
  w0?: number
  /** Whether this is the network's first layer (it takes the coordinates; its init differs). */
  first?: boolean
}

// A dense layer's shape (weight, bias, sizes checked alike) on purpose, not a Dense subclass: its init, its forward
// sin(w0·(x·W + b)) and its config differ, and ONNX, PyTorch and JSON treat it as a kind of its own.
export class Sine implements Layer {
  readonly kind = 'sine'
  weight: Tensor | undefined
  bias: Tensor | undefined
  readonly w0: number
  readonly first: boolean

  constructor(readonly inputSize: number, readonly outputSize: number, options?: SineOptions) {
    checkPositiveInteger('sine', 'inputSize', inputSize)
    checkPositiveInteger('sine', 'outputSize', outputSize)
    const given = checkOptions('sine', options, ['w0', 'first'])
    this.w0 = (given.w0 as number | undefined) ?? 30
    if (typeof this.w0 !== 'number' || !Number.isFinite(this.w0) || this.w0 <= 0) throw new RangeError(`sine: w0 must be a finite number > 0, got ${String(this.w0)}`)
    this.first = (given.first as boolean | undefined) ?? false
    if (typeof this.first !== 'boolean') throw new TypeError(`sine: first must be a boolean, got ${typeof this.first}`)
  }

  build(context: BuildContext): void {
    const { generator, dtype } = context
    const uniform = (count: number, limit: number) => Float64Array.from({ length: count }, () => limit * (2 * generator.uniform() - 1))
    const weightLimit = this.first ? 1 / this.inputSize : Math.sqrt(6 / this.inputSize) / this.w0
    this.weight = tensor(uniform(this.inputSize * this.outputSize, weightLimit), { dtype, shape: [this.inputSize, this.outputSize], requiresGrad: true })
    this.bias = tensor(uniform(this.outputSize, 1 / Math.sqrt(this.inputSize)), { dtype, requiresGrad: true })
  }

  get parameters(): Tensor[] {
    return this.weight && this.bias ? [this.weight, this.bias] : []
  }

  parameterShapes(): number[][] {
    return [[this.inputSize, this.outputSize], [this.outputSize]]
  }

  forward(x: Tensor): Tensor {
    if (!this.weight || !this.bias) throw new Error('sine: the layer is not built; put it in a sequential([...]) model (which builds it)')
    if (x.rank !== 2 || x.shape[1] !== this.inputSize) {
      throw new RangeError(`sine(${this.inputSize}, ${this.outputSize}): expected input [batch, ${this.inputSize}], got ${formatShape(x.shape)}`)
    }
    return sin(mul(add(matmul(x, this.weight), this.bias), this.w0))
  }

  config(): Record<string, unknown> {
    return { inputSize: this.inputSize, outputSize: this.outputSize, w0: this.w0, first: this.first }
  }
}

export function sine(inputSize: number, outputSize: number, options?: SineOptions): Sine {
  return new Sine(inputSize, outputSize, options)
}
