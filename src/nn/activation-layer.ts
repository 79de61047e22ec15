// act(name): an activation as a layer (no parameters).
import type { Tensor } from '../tensor/tensor'
import { activationNames, type ActivationName } from '../backend/kernels'
import { activation, softmax } from '../ops/activation'
import { type Layer } from './layer'
import { checkKnownName, checkOptions } from '../check/names'

export type ActName = ActivationName | 'softmax'

export class Activation implements Layer {
  readonly kind = 'activation'
  readonly parameters: Tensor[] = []
  parameterShapes = (): number[][] => []
  readonly alpha: number

  constructor(readonly activationName: ActName, options?: { alpha?: number }) {
    if (activationName !== 'softmax' && !activationNames.includes(activationName)) {
      checkKnownName('act', 'activation', activationName, [...activationNames, 'softmax'])
    }
    const given = checkOptions('act', options, ['alpha'])
    this.alpha = (given.alpha as number | undefined) ?? 0.01
    if (!Number.isFinite(this.alpha)) throw new RangeError(`act: alpha must be a finite number, got ${this.alpha}`)
  }

  build(): void {}

  forward(x: Tensor): Tensor {
    return this.activationName === 'softmax' ? softmax(x) : activation(this.activationName, x, this.alpha)
  }

  config(): Record<string, unknown> {
    return { name: this.activationName, alpha: this.alpha }
  }
}

export function act(name: ActName, options?: { alpha?: number }): Activation {
  return new Activation(name, options)
}
