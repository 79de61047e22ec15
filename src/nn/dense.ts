// dense(in, out): y = x·W + b with W [in × out] and b [out]; the bias add is the addRowBias kernel.
import type { Tensor } from '../tensor/tensor'
import { tensor } from '../tensor/create'
import { add } from '../ops/arithmetic'
import { matmul } from '../ops/matmul'
import { formatShape } from '../tensor/shape'
import { checkPositiveInteger, type BuildContext, type Layer } from './layer'
import { checkKnownName, checkOptions } from '../check/names'

export const initNames = ['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'lecunNormal', 'zeros'] as const
export type InitName = (typeof initNames)[number]

export interface DenseOptions {
  bias?: boolean
  init?: InitName
}

/** n weights of a fan-in × fan-out matrix drawn as `init` says (Glorot/He/LeCun scalings). */
export function initialWeights(init: InitName, fanIn: number, fanOut: number, context: BuildContext): Float64Array {
  const values = new Float64Array(fanIn * fanOut)
  const { generator } = context
  const uniform = (limit: number) => values.forEach((_, i) => { values[i] = limit * (2 * generator.uniform() - 1) })
  const normal = (std: number) => values.forEach((_, i) => { values[i] = std * generator.normal() })
  if (init === 'glorotUniform') uniform(Math.sqrt(6 / (fanIn + fanOut)))
  else if (init === 'glorotNormal') normal(Math.sqrt(2 / (fanIn + fanOut)))
  else if (init === 'heUniform') uniform(Math.sqrt(6 / fanIn))
  else if (init === 'heNormal') normal(Math.sqrt(2 / fanIn))
  else if (init === 'lecunNormal') normal(Math.sqrt(1 / fanIn))
  return values
}

export class Dense implements Layer {
  readonly kind = 'dense'
  weight: Tensor | undefined
  bias: Tensor | undefined
  readonly useBias: boolean
  readonly init: InitName

  constructor(readonly inputSize: number, readonly outputSize: number, options?: DenseOptions) {
    checkPositiveInteger('dense', 'inputSize', inputSize)
    checkPositiveInteger('dense', 'outputSize', outputSize)
    const given = checkOptions('dense', options, ['bias', 'init'])
    if (given.bias !== undefined && typeof given.bias !== 'boolean') throw new TypeError(`dense: bias must be a boolean, got ${typeof given.bias}`)
    if (given.init !== undefined && !initNames.includes(given.init as InitName)) {
      checkKnownName('dense', 'init', given.init, initNames)
    }
    this.useBias = (given.bias as boolean | undefined) ?? true
    this.init = (given.init as InitName | undefined) ?? 'glorotUniform'
  }

  build(context: BuildContext): void {
    this.weight = tensor(initialWeights(this.init, this.inputSize, this.outputSize, context), { dtype: context.dtype, shape: [this.inputSize, this.outputSize], requiresGrad: true })
    if (this.useBias) this.bias = tensor(new Float64Array(this.outputSize), { dtype: context.dtype, requiresGrad: true })
  }

  get parameters(): Tensor[] {
    return [this.weight, this.bias].filter((p): p is Tensor => p !== undefined)
  }

  parameterShapes(): number[][] {
    return [[this.inputSize, this.outputSize], ...(this.useBias ? [[this.outputSize]] : [])]
  }

  forward(x: Tensor): Tensor {
    if (!this.weight) throw new Error('dense: the layer is not built; put it in a sequential([...]) model (which builds it)')
    if (x.rank !== 2 || x.shape[1] !== this.inputSize) {
      throw new RangeError(`dense(${this.inputSize}, ${this.outputSize}): expected input [batch, ${this.inputSize}], got ${formatShape(x.shape)}`)
    }
    const product = matmul(x, this.weight)
    return this.bias ? add(product, this.bias) : product
  }

  config(): Record<string, unknown> {
    return { inputSize: this.inputSize, outputSize: this.outputSize, bias: this.useBias, init: this.init }
  }
}

export function dense(inputSize: number, outputSize: number, options?: DenseOptions): Dense {
  return new Dense(inputSize, outputSize, options)
}
