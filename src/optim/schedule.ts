// Learning-rate schedules: functions of the optimizer's step count (1, 2, …). Powers and cosines use
// curvenet's own exp/log/cos, so a schedule gives the same rates in every engine.
import { expF64 } from '../math/exponential'
import { logF64 } from '../math/logarithm'
import { cosF64 } from '../math/trigonometric'

export type Schedule = (step: number) => number
export type LearningRate = number | Schedule

function checkPositive(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`${where}: ${name} must be a positive finite number, got ${String(value)}`)
  return value
}

/** initial · factor^⌊(step − 1) / every⌋: drops by `factor` every `every` steps. */
export function stepDecay(options: { initial: number; factor: number; every: number }): Schedule {
  const initial = checkPositive('stepDecay', 'initial', options?.initial)
  const factor = checkPositive('stepDecay', 'factor', options.factor)
  const every = checkPositive('stepDecay', 'every', options.every)
  return (step) => {
    let rate = initial
    for (let drops = Math.floor((step - 1) / every); drops > 0; drops--) rate *= factor
    return rate
  }
}

/** initial · rate^((step − 1) / every), smoothly. */
export function exponentialDecay(options: { initial: number; rate: number; every: number }): Schedule {
  const initial = checkPositive('exponentialDecay', 'initial', options?.initial)
  const logRate = logF64(checkPositive('exponentialDecay', 'rate', options.rate))
  const every = checkPositive('exponentialDecay', 'every', options.every)
  return (step) => initial * expF64(logRate * ((step - 1) / every))
}

/** Cosine from initial down to minimum over `steps` steps, then minimum. */
export function cosineDecay(options: { initial: number; steps: number; minimum?: number }): Schedule {
  const initial = checkPositive('cosineDecay', 'initial', options?.initial)
  const steps = checkPositive('cosineDecay', 'steps', options.steps)
  const minimum = options.minimum ?? 0
  if (!Number.isFinite(minimum) || minimum < 0 || minimum > initial) throw new RangeError(`cosineDecay: minimum must be in [0, initial = ${initial}], got ${minimum}`)
  return (step) => {
    const progress = Math.min(1, (step - 1) / steps)
    return minimum + 0.5 * (initial - minimum) * (1 + cosF64(Math.PI * progress))
  }
}

export function learningRateAt(where: string, rate: LearningRate, step: number): number {
  const value = typeof rate === 'number' ? rate : rate(step)
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${where}: the learning rate at step ${step} is ${value}; it must be a finite number ≥ 0`)
  return value
}

export function checkLearningRate(where: string, rate: unknown): LearningRate {
  if (typeof rate === 'function') return rate as Schedule
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    throw new RangeError(`${where}: lr must be a finite number ≥ 0 or a schedule (step) => rate, got ${typeof rate === 'number' ? rate : typeof rate}`)
  }
  return rate
}
