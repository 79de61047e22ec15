// A tensor context binds tensors to one backend: its trusting kernels and its memory bookkeeping,
// and to the ops behind the Tensor's methods. Every runtime from init() has one; tensors of two
// contexts never mix.
import type { Backend } from '../backend/backend'
import type { Kernels } from '../backend/kernels'
import type { TensorMethods } from './tensor'
import { TensorMemory } from './memory'

export class TensorContext {
  readonly kernels: Kernels
  readonly memory: TensorMemory

  constructor(readonly backend: Backend, readonly methods: TensorMethods, unscopedTensorLimit?: number) {
    this.kernels = backend.kernels
    this.memory = new TensorMemory(backend, unscopedTensorLimit)
  }
}

let current: TensorContext | undefined

export function setCurrentContext(context: TensorContext): void {
  current = context
}

export function currentContext(where: string): TensorContext {
  if (!current) throw new Error(`${where}: curvenet is not initialised; call \`await init()\` first`)
  return current
}

/** The current context, or undefined before init(). */
export function contextIfInitialised(): TensorContext | undefined {
  return current
}
