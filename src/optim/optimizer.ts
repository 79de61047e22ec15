// Optimizers over a model's parameters. A first-order optimizer applies one fused kernel step per
// parameter from its .grad; its state (momentum, Adam moments) lives on the heap beside the
// parameters, outside any scope. L-BFGS instead re-evaluates the loss through a closure.
import type { Tensor } from '../tensor/tensor'
import type { FloatArray } from '../backend/kernels'
import { empty } from '../tensor/allocate'
import { checkLearningRate, learningRateAt, scheduleToJSON, type LearningRate, type ScheduleJson } from './schedule'
import { checkOptions } from '../check/names'

export interface FirstOrderOptimizer {
  readonly kind: 'sgd' | 'adam' | 'adamw'
  /** Steps taken so far. */
  readonly steps: number
  /** Updates every parameter from its gradient (parameters without a gradient are skipped). */
  step(parameters: Tensor[]): void
  config(): Record<string, unknown>
  /** A copy of what this optimizer keeps for `parameters` (its buffers, per-parameter steps and β powers), as plain data
   *  that can cross into a Worker; `loadState` puts it back for the same parameters (or their copies in a worker). The
   *  built-in optimizers have both; fitInWorker carries the state there and back with them. */
  stateOf?(parameters: Tensor[]): OptimizerState
  loadState?(parameters: Tensor[], state: OptimizerState): void
}

/** A first-order optimizer's state for a list of parameters, in their order (null: never stepped). */
export interface OptimizerState {
  steps: number
  parameters: ({ steps: number; beta1Power: number; beta2Power: number; buffers: FloatArray[] } | null)[]
}

function checkFraction(where: string, name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw new RangeError(`${where}: ${name} must be in [0, 1), got ${String(v)}`)
  return v
}

function checkNonNegative(where: string, name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${String(v)}`)
  return v
}

/** A number, a built-in or registered schedule's JSON, or 'schedule' for a function only this thread knows. */
function learningRateConfig(lr: LearningRate): number | ScheduleJson | 'schedule' {
  return typeof lr === 'number' ? lr : scheduleToJSON(lr) ?? 'schedule'
}

/** A parameter's own state, as PyTorch keeps it: buffers made on the heap the first time it is stepped, and its own step
 *  count (and Adam's β^t) — so an optimizer shared by two models, or a parameter without a gradient in some steps, gives
 *  each parameter the steps it really took, not the optimizer's call count. */
interface ParameterState { buffers: Tensor[]; steps: number; beta1Power: number; beta2Power: number }

function stateFor(states: WeakMap<Tensor, ParameterState>, parameter: Tensor, count: number): ParameterState {
  let state = states.get(parameter)
  if (!state) {
    state = { buffers: Array.from({ length: count }, () => empty(parameter.context, parameter.dtype, parameter.shape, 'heap')), steps: 0, beta1Power: 1, beta2Power: 1 }
    states.set(parameter, state)
  }
  return state
}

function exportState(states: WeakMap<Tensor, ParameterState>, steps: number, parameters: Tensor[]): OptimizerState {
  return {
    steps,
    parameters: parameters.map((p) => {
      const state = states.get(p)
      return state ? { steps: state.steps, beta1Power: state.beta1Power, beta2Power: state.beta2Power, buffers: state.buffers.map((buffer) => buffer.data.slice()) } : null
    }),
  }
}

/** Puts an exported state back, checked against the parameters it is for; returns the optimizer's step count. */
function importState(where: string, states: WeakMap<Tensor, ParameterState>, count: number, parameters: Tensor[], saved: OptimizerState): number {
  if (typeof saved !== 'object' || saved === null || !Array.isArray(saved.parameters) || saved.parameters.length !== parameters.length || !Number.isSafeInteger(saved.steps) || saved.steps < 0) {
    throw new TypeError(`${where}: the state must be stateOf() of ${parameters.length} parameters, got ${Array.isArray(saved?.parameters) ? `one of ${saved.parameters.length}` : typeof saved}`)
  }
  saved.parameters.forEach((entry, i) => {
    const p = parameters[i]
    if (entry === null) { states.delete(p); return }
    if (entry.buffers.length !== count || entry.buffers.some((buffer) => buffer.length !== p.size || (buffer instanceof Float64Array) !== (p.dtype === 'float64'))) {
      throw new TypeError(`${where}: the state of parameter ${i} does not fit it (${count} ${p.dtype} buffers of ${p.size} values wanted)`)
    }
    states.delete(p)
    const state = stateFor(states, p, count)   // allocate before taking views (a grow detaches them)
    state.buffers.forEach((buffer, k) => buffer.data.set(entry.buffers[k]))
    Object.assign(state, { steps: entry.steps, beta1Power: entry.beta1Power, beta2Power: entry.beta2Power })
  })
  return saved.steps
}

export interface SgdOptions { lr?: LearningRate; momentum?: number; nesterov?: boolean; weightDecay?: number }

export function sgd(options?: SgdOptions): FirstOrderOptimizer {
  const given = checkOptions('sgd', options, ['lr', 'momentum', 'nesterov', 'weightDecay'])
  const lr = checkLearningRate('sgd', given.lr ?? 0.01)
  const momentum = checkFraction('sgd', 'momentum', given.momentum, 0)
  const weightDecay = checkNonNegative('sgd', 'weightDecay', given.weightDecay, 0)
  const nesterov = (given.nesterov as boolean | undefined) ?? false
  if (typeof nesterov !== 'boolean') throw new TypeError(`sgd: nesterov must be a boolean, got ${typeof nesterov}`)
  if (nesterov && momentum === 0) throw new RangeError('sgd: nesterov needs momentum > 0')
  const states = new WeakMap<Tensor, ParameterState>()
  let steps = 0
  return {
    kind: 'sgd',
    get steps() { return steps },
    step(parameters) {
      steps++
      for (const p of parameters) {
        if (!p.grad) continue
        const state = stateFor(states, p, 1)   // allocate before taking views (a grow detaches them)
        const rate = learningRateAt('sgd', lr, ++state.steps)
        p.context.kernels.sgdStep(p.data, p.grad.data, state.buffers[0].data, p.size, { lr: rate, momentum, weightDecay, nesterov })
      }
    },
    config: () => ({ kind: 'sgd', lr: learningRateConfig(lr), momentum, nesterov, weightDecay }),
    stateOf: (parameters) => exportState(states, steps, parameters),
    loadState(parameters, state) { steps = importState('sgd.loadState', states, 1, parameters, state) },
  }
}

export interface AdamOptions { lr?: LearningRate; beta1?: number; beta2?: number; eps?: number; weightDecay?: number }

function adamFamily(kind: 'adam' | 'adamw', options: AdamOptions | undefined): FirstOrderOptimizer {
  const given = checkOptions(kind, options, ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'])
  const lr = checkLearningRate(kind, given.lr ?? 0.001)
  const beta1 = checkFraction(kind, 'beta1', given.beta1, 0.9)
  const beta2 = checkFraction(kind, 'beta2', given.beta2, 0.999)
  const eps = checkNonNegative(kind, 'eps', given.eps, 1e-8)
  if (eps === 0) throw new RangeError(`${kind}: eps must be > 0`)
  const weightDecay = checkNonNegative(kind, 'weightDecay', given.weightDecay, kind === 'adamw' ? 0.01 : 0)
  const states = new WeakMap<Tensor, ParameterState>()
  let steps = 0
  return {
    kind,
    get steps() { return steps },
    step(parameters) {
      steps++
      for (const p of parameters) {
        if (!p.grad) continue
        const state = stateFor(states, p, 2)
        const rate = learningRateAt(kind, lr, ++state.steps)
        state.beta1Power *= beta1   // β^t by repeated multiplication: no engine pow
        state.beta2Power *= beta2
        const [m, v] = state.buffers
        p.context.kernels.adamStep(p.data, p.grad.data, m.data, v.data, p.size, {
          lr: rate, beta1, beta2, eps, weightDecay, decoupled: kind === 'adamw', biasCorrection1: 1 - state.beta1Power, biasCorrection2: 1 - state.beta2Power,
        })
      }
    },
    config: () => ({ kind, lr: learningRateConfig(lr), beta1, beta2, eps, weightDecay }),
    stateOf: (parameters) => exportState(states, steps, parameters),
    loadState(parameters, state) { steps = importState(`${kind}.loadState`, states, 2, parameters, state) },
  }
}

export const adam = (options?: AdamOptions): FirstOrderOptimizer => adamFamily('adam', options)
export const adamw = (options?: AdamOptions): FirstOrderOptimizer => adamFamily('adamw', options)
