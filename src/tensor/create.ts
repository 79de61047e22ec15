// Making tensors: from nested arrays, typed arrays or numbers, and the usual constructors. Every
// random tensor comes from curvenet's seeded Generator (a seed or a Generator object is required).
import type { DType, FloatArray } from '../backend/kernels'
import type { Tensor } from './tensor'
import { empty } from './allocate'
import { currentContext } from './context'
import { checkShape, flattenInto, formatShape, nestedShape, sizeOf } from './shape'
import { Generator } from './random'
import { checkOptions } from '../check/names'

export interface TensorOptions {
  dtype?: DType
  /** Required for typed-array data of more than one dimension; checked against nested arrays. */
  shape?: number[]
  requiresGrad?: boolean
  /** Refuse NaN and ±Infinity in the data. */
  finite?: boolean
}

function checkDtype(where: string, dtype: unknown): DType {
  if (dtype !== 'float32' && dtype !== 'float64') throw new TypeError(`${where}: dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`)
  return dtype
}

function make(where: string, shape: number[], dtype: DType, requiresGrad = false): Tensor {
  const t = empty(currentContext(where), dtype, shape)
  t.requiresGrad = requiresGrad
  return t
}

export function tensor(data: number | unknown[] | FloatArray | ArrayLike<number>, options?: TensorOptions): Tensor {
  const given = checkOptions('tensor', options, ['dtype', 'shape', 'requiresGrad', 'finite'])
  const isTyped = ArrayBuffer.isView(data)
  const dtype = checkDtype('tensor', given.dtype ?? (data instanceof Float64Array ? 'float64' : 'float32'))
  let shape: number[]
  if (typeof data === 'number') shape = []
  else if (Array.isArray(data)) shape = nestedShape('tensor', data)
  else if (isTyped) shape = [(data as FloatArray).length]
  else throw new TypeError(`tensor: data must be a number, a nested array of numbers or a typed array, got ${data === null ? 'null' : typeof data}`)
  if (given.shape !== undefined) {
    const wanted = checkShape('tensor', given.shape)
    if (sizeOf(wanted) !== sizeOf(shape) || (Array.isArray(data) && shape.length > 1 && formatShape(wanted) !== formatShape(shape))) {
      throw new RangeError(`tensor: shape ${formatShape(wanted)} (${sizeOf(wanted)} elements) does not fit the data's ${sizeOf(shape)} elements${shape.length > 1 ? ` of shape ${formatShape(shape)}` : ''}`)
    }
    shape = wanted
  }
  if (given.requiresGrad !== undefined && typeof given.requiresGrad !== 'boolean') throw new TypeError(`tensor: requiresGrad must be a boolean, got ${typeof given.requiresGrad}`)
  const t = make('tensor', shape, dtype, given.requiresGrad as boolean | undefined)
  const target = t.data
  if (typeof data === 'number') target[0] = data
  else if (isTyped) target.set(data as ArrayLike<number>)
  else flattenInto(data, target)
  if (given.finite) {
    const bad = target.findIndex((value) => !Number.isFinite(value))
    if (bad >= 0) {
      t.dispose()
      throw new RangeError(`tensor: element ${bad} (flat index) is ${target[bad] ?? 'not finite'}; { finite: true } refuses NaN and ±Infinity`)
    }
  }
  return t
}

interface CreateOptions { dtype?: DType; requiresGrad?: boolean }

function filled(where: string, shape: number[], value: number, options?: CreateOptions): Tensor {
  const given = checkOptions(where, options, ['dtype', 'requiresGrad'])
  const t = make(where, checkShape(where, shape), checkDtype(where, given.dtype ?? 'float32'), given.requiresGrad === true)
  if (value !== 0) t.data.fill(value)
  return t
}

export const zeros = (shape: number[], options?: CreateOptions) => filled('zeros', shape, 0, options)
export const ones = (shape: number[], options?: CreateOptions) => filled('ones', shape, 1, options)

export function full(shape: number[], value: number, options?: CreateOptions): Tensor {
  if (typeof value !== 'number') throw new TypeError(`full: value must be a number, got ${typeof value}`)
  return filled('full', shape, value, options)
}

/** start, start+step, … below stop (the values computed in float64, then rounded to the dtype). */
export function arange(start: number, stop: number, step = 1, options?: CreateOptions): Tensor {
  for (const [name, value] of [['start', start], ['stop', stop], ['step', step]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`arange: ${name} must be a finite number, got ${String(value)}`)
  }
  if (step === 0) throw new RangeError('arange: step must not be 0')
  const count = Math.max(0, Math.ceil((stop - start) / step))
  const t = filled('arange', [count], 0, options)
  const target = t.data
  for (let i = 0; i < count; i++) target[i] = start + i * step
  return t
}

/** count evenly spaced values from start to stop inclusive. */
export function linspace(start: number, stop: number, count: number, options?: CreateOptions): Tensor {
  if (!Number.isFinite(start) || !Number.isFinite(stop)) throw new RangeError(`linspace: start and stop must be finite numbers, got ${start} and ${stop}`)
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`linspace: count must be a non-negative integer, got ${count}`)
  const t = filled('linspace', [count], 0, options)
  const target = t.data
  const step = count > 1 ? (stop - start) / (count - 1) : 0
  for (let i = 0; i < count; i++) target[i] = i === count - 1 && count > 1 ? stop : start + i * step
  return t
}

export function eye(rows: number, columns = rows, options?: CreateOptions): Tensor {
  const t = filled('eye', [rows, columns], 0, options)
  const target = t.data
  for (let i = 0; i < Math.min(rows, columns); i++) target[i * columns + i] = 1
  return t
}

export interface RandomOptions extends CreateOptions {
  /** A seed (integer) or a Generator to draw from; one is required (curvenet has no unseeded randomness). */
  seed?: number
  generator?: Generator
}

function generatorFrom(where: string, options: Record<string, unknown>): Generator {
  if (options.generator instanceof Generator) return options.generator
  if (options.generator !== undefined) throw new TypeError(`${where}: generator must be a Generator (new Generator(seed))`)
  if (options.seed === undefined) throw new TypeError(`${where}: give { seed } or { generator }: curvenet's random numbers are always reproducible`)
  return new Generator(options.seed as number)
}

/** Normal samples with the given mean and standard deviation. */
export function randn(shape: number[], options: RandomOptions & { mean?: number; std?: number } = {}): Tensor {
  const given = checkOptions('randn', options, ['dtype', 'requiresGrad', 'seed', 'generator', 'mean', 'std'])
  const generator = generatorFrom('randn', given)
  const mean = (given.mean as number | undefined) ?? 0, std = (given.std as number | undefined) ?? 1
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0) throw new RangeError(`randn: mean must be finite and std finite and ≥ 0, got mean ${mean}, std ${std}`)
  const t = filled('randn', shape, 0, { dtype: given.dtype as DType | undefined, requiresGrad: given.requiresGrad as boolean | undefined })
  const target = t.data
  for (let i = 0; i < target.length; i++) target[i] = mean + std * generator.normal()
  return t
}

/** Uniform samples in [low, high). */
export function randu(shape: number[], options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  const given = checkOptions('randu', options, ['dtype', 'requiresGrad', 'seed', 'generator', 'low', 'high'])
  const generator = generatorFrom('randu', given)
  const low = (given.low as number | undefined) ?? 0, high = (given.high as number | undefined) ?? 1
  if (!Number.isFinite(low) || !Number.isFinite(high) || high < low) throw new RangeError(`randu: need finite low ≤ high, got low ${low}, high ${high}`)
  const t = filled('randu', shape, 0, { dtype: given.dtype as DType | undefined, requiresGrad: given.requiresGrad as boolean | undefined })
  const target = t.data
  for (let i = 0; i < target.length; i++) target[i] = low + (high - low) * generator.uniform()
  return t
}
