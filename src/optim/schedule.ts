// Learning-rate schedules: functions of the optimizer's step count (1, 2, …). Powers and cosines use
// curvenet's own exp/log/cos, so a schedule gives the same rates in every engine.
import { expF64 } from '../math/exponential'
import { logF64 } from '../math/logarithm'
import { cosF64 } from '../math/trigonometric'

export type Schedule = (step: number) => number
export type LearningRate = number | Schedule

/** How a schedule travels where functions cannot (into a Worker): a built-in's name and options, or a registered name. */
export interface ScheduleJson { schedule: string; options?: Record<string, number> }

const builtInSchedules = new WeakMap<Schedule, ScheduleJson>()
const registeredSchedules = new Map<string, Schedule>()

function described(schedule: Schedule, json: ScheduleJson): Schedule {
  builtInSchedules.set(schedule, json)
  return schedule
}

/** Names a custom schedule so fitInWorker can send it by name; the worker must register the same name (its setup module). */
export function registerSchedule(name: string, schedule: Schedule): void {
  if (typeof name !== 'string' || name === '' || Object.hasOwn(builtInFactories, name)) throw new TypeError(`registerSchedule: name must be a non-empty string other than ${Object.keys(builtInFactories).join(', ')}, got ${JSON.stringify(name)}`)
  if (typeof schedule !== 'function') throw new TypeError(`registerSchedule: schedule must be a function (step) => rate, got ${typeof schedule}`)
  registeredSchedules.set(name, schedule)
}

/** The JSON form of a built-in or registered schedule; undefined for an unregistered function. */
export function scheduleToJSON(schedule: Schedule): ScheduleJson | undefined {
  const builtIn = builtInSchedules.get(schedule)
  if (builtIn) return builtIn
  for (const [name, registered] of registeredSchedules) if (registered === schedule) return { schedule: name }
  return undefined
}

export function scheduleFromJSON(where: string, json: ScheduleJson): Schedule {
  if (Object.hasOwn(builtInFactories, json.schedule)) return builtInFactories[json.schedule as keyof typeof builtInFactories](json.options as never)
  const registered = registeredSchedules.get(json.schedule)
  if (!registered) throw new TypeError(`${where}: unknown schedule ${JSON.stringify(json.schedule)}; register it with registerSchedule(${JSON.stringify(json.schedule)}, fn) here (in a Worker: in its setup module)`)
  return registered
}

function checkPositive(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`${where}: ${name} must be a positive finite number, got ${String(value)}`)
  return value
}

/** base^count by binary powering: at most 2·53 IEEE multiplications for any count up to 2^53 (a loop of `count` products
 *  would crawl at a tiny `every` or a late step), so the same bits in every engine. */
function powerBySquaring(base: number, count: number): number {
  if (count === Infinity) return base < 1 ? 0 : base > 1 ? Infinity : 1   // a step over an `every` below 1e-292
  let result = 1, square = base
  for (let rest = count; rest > 0 && result !== 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) result *= square
    square *= square
  }
  return result
}

/** initial · factor^⌊(step − 1) / every⌋: drops by `factor` every `every` steps. */
export function stepDecay(options: { initial: number; factor: number; every: number }): Schedule {
  const initial = checkPositive('stepDecay', 'initial', options?.initial)
  const factor = checkPositive('stepDecay', 'factor', options.factor)
  const every = checkPositive('stepDecay', 'every', options.every)
  return described((step) => initial * powerBySquaring(factor, Math.floor((step - 1) / every)), { schedule: 'stepDecay', options: { initial, factor, every } })
}

/** initial · rate^((step − 1) / every), smoothly. */
export function exponentialDecay(options: { initial: number; rate: number; every: number }): Schedule {
  const initial = checkPositive('exponentialDecay', 'initial', options?.initial)
  const logRate = logF64(checkPositive('exponentialDecay', 'rate', options.rate))
  const every = checkPositive('exponentialDecay', 'every', options.every)
  return described((step) => initial * expF64(logRate * ((step - 1) / every)), { schedule: 'exponentialDecay', options: { initial, rate: options.rate, every } })
}

/** Cosine from initial down to minimum over `steps` steps, then minimum. */
export function cosineDecay(options: { initial: number; steps: number; minimum?: number }): Schedule {
  const initial = checkPositive('cosineDecay', 'initial', options?.initial)
  const steps = checkPositive('cosineDecay', 'steps', options.steps)
  const minimum = options.minimum ?? 0
  if (!Number.isFinite(minimum) || minimum < 0 || minimum > initial) throw new RangeError(`cosineDecay: minimum must be in [0, initial = ${initial}], got ${minimum}`)
  return described((step) => {
    const progress = Math.min(1, (step - 1) / steps)
    return minimum + 0.5 * (initial - minimum) * (1 + cosF64(Math.PI * progress))
  }, { schedule: 'cosineDecay', options: { initial, steps, minimum } })
}

const builtInFactories = { stepDecay, exponentialDecay, cosineDecay }

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
