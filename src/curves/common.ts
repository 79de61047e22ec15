// Small helpers shared by every curve family: input checks for point arrays and numbers (messages
// name the function, the argument, what was expected and what came), the bit-exact JSON encoding of
// typed arrays (base64 of their little-endian bytes, with no Buffer so it runs in browsers too) and
// the number format of SVG path data.
import type { DType, FloatArray, Kernels } from '../backend/kernels'
import { dtypeOf } from '../backend/backend'
import { runtime } from '../init'
import { base64ToBytes, bytesToBase64 } from '../encoding/base64'
import { describeValue } from '../check/describe'

/** Control points or data points: packed rows of `dimension` coordinates, or one array per point. */
export type PointsInput = FloatArray | ArrayLike<number> | ArrayLike<ArrayLike<number>>

export interface PackedPoints {
  data: FloatArray
  count: number
  dimension: number
}

export function checkFiniteNumber(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${where}: ${name} must be a finite number, got ${describeValue(value)}`)
  return value
}

export function checkPositiveNumber(where: string, name: string, value: unknown): number {
  checkFiniteNumber(where, name, value)
  if ((value as number) <= 0) throw new RangeError(`${where}: ${name} must be > 0, got ${value as number}`)
  return value as number
}

export function checkInteger(where: string, name: string, value: unknown, low: number, high = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < low || value > high) {
    const range = high === Number.MAX_SAFE_INTEGER ? `≥ ${low}` : `in [${low}, ${high}]`
    throw new RangeError(`${where}: ${name} must be an integer ${range}, got ${describeValue(value)}`)
  }
  return value
}

/** A curve parameter that must lie in [0, 1] (curves are defined there; extrapolation is refused). */
export function checkUnitParameter(where: string, name: string, t: unknown): number {
  checkFiniteNumber(where, name, t)
  if ((t as number) < 0 || (t as number) > 1) throw new RangeError(`${where}: ${name} must be in [0, 1], got ${t as number}`)
  return t as number
}

/** An array (or typed array) of finite numbers, each within [low, high] when a range is given. */
export function checkFiniteArray(where: string, name: string, values: unknown, range?: readonly [number, number]): ArrayLike<number> {
  if (!Array.isArray(values) && !(values instanceof Float32Array || values instanceof Float64Array)) {
    throw new TypeError(`${where}: ${name} must be an array of numbers or a Float32Array/Float64Array, got ${describeValue(values)}`)
  }
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i]
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${where}: ${name}[${i}] must be a finite number, got ${describeValue(value)}`)
    if (range && (value < range[0] || value > range[1])) throw new RangeError(`${where}: ${name}[${i}] must be in [${range[0]}, ${range[1]}], got ${value}`)
  }
  return values as ArrayLike<number>
}

export function checkDtype(where: string, dtype: unknown): DType {
  if (dtype !== 'float32' && dtype !== 'float64') throw new TypeError(`${where}: dtype must be 'float32' or 'float64', got ${describeValue(dtype)}`)
  return dtype
}

export function allocateFloats(dtype: DType, length: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length)
}

/**
 * Packs `points` (an array of points, or a flat typed/number array of rows of `dimension`
 * coordinates, which then needs `dimension`) into a new array of `dtype` (default: float32 for a
 * Float32Array, else float64). Refuses fewer than `minimumCount` points, rows of different lengths
 * and non-finite coordinates. The input is copied, so later changes to it do not reach the curve.
 */
export function packPoints(where: string, argument: string, points: unknown,
  options: { dimension?: unknown; dtype?: unknown; minimumCount?: number } = {}): PackedPoints {
  const minimumCount = options.minimumCount ?? 1
  const dimensionGiven = options.dimension === undefined ? undefined : checkInteger(where, 'dimension', options.dimension, 1)
  const dtype = options.dtype === undefined ? (points instanceof Float32Array ? 'float32' : 'float64') : checkDtype(where, options.dtype)
  let data: FloatArray, count: number, dimension: number
  const flat = ArrayBuffer.isView(points) || (Array.isArray(points) && points.length > 0 && typeof points[0] === 'number')
  if (flat) {
    const values = points as ArrayLike<number>
    if (ArrayBuffer.isView(points) && !(points instanceof Float32Array || points instanceof Float64Array)) {
      throw new TypeError(`${where}: ${argument} must be a Float32Array, a Float64Array or an array of points, got ${describeValue(points)}`)
    }
    if (dimensionGiven === undefined) {
      throw new TypeError(`${where}: ${argument} is a flat array of ${values.length} numbers; pass { dimension } to say how many coordinates each point has`)
    }
    if (values.length % dimensionGiven !== 0) {
      throw new RangeError(`${where}: ${argument} holds ${values.length} numbers, not a whole number of points of dimension ${dimensionGiven}`)
    }
    dimension = dimensionGiven
    count = values.length / dimension
    data = allocateFloats(dtype, values.length)
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== 'number') throw new TypeError(`${where}: ${argument}[${i}] must be a number, got ${describeValue(values[i])}`)
      data[i] = values[i]
    }
  } else {
    if (!Array.isArray(points)) {
      throw new TypeError(`${where}: ${argument} must be an array of points (number[][]) or a Float32Array/Float64Array with { dimension }, got ${describeValue(points)}`)
    }
    count = points.length
    dimension = dimensionGiven ?? (count > 0 ? rowLength(where, argument, points[0], 0) : 0)
    data = allocateFloats(dtype, count * dimension)
    for (let i = 0; i < count; i++) {
      const row = points[i] as ArrayLike<number>
      const length = rowLength(where, argument, row, i)
      if (length !== dimension) {
        throw new RangeError(`${where}: ${argument}[${i}] has ${length} coordinates but ${dimensionGiven === undefined ? `${argument}[0] has` : 'dimension is'} ${dimension}; every point needs the same dimension`)
      }
      for (let j = 0; j < dimension; j++) {
        if (typeof row[j] !== 'number') throw new TypeError(`${where}: ${argument}[${i}][${j}] must be a number, got ${describeValue(row[j])}`)
        data[i * dimension + j] = row[j]
      }
    }
  }
  if (count < minimumCount) throw new RangeError(`${where}: ${argument} needs at least ${minimumCount} points, got ${count}`)
  checkFinitePoints(where, argument, data, dimension)
  return { data, count, dimension }
}

function rowLength(where: string, argument: string, row: unknown, index: number): number {
  if (!Array.isArray(row) && !(row instanceof Float32Array || row instanceof Float64Array)) {
    throw new TypeError(`${where}: ${argument}[${index}] must be a point (an array of numbers), got ${describeValue(row)}`)
  }
  return row.length
}

/** Every coordinate finite; the error names the point and the coordinate (after rounding to the dtype, so 1e300 in float32 is caught). */
export function checkFinitePoints(where: string, argument: string, data: ArrayLike<number>, dimension: number): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new RangeError(`${where}: ${argument}: coordinate ${i % dimension} of point ${Math.floor(i / dimension)} is ${data[i]}; coordinates must be finite${Number.isNaN(data[i]) ? '' : ' (in the curve\'s dtype)'}`)
    }
  }
}

/** One query point of `dimension` finite coordinates, as a Float64Array copy. */
export function checkPoint(where: string, argument: string, point: unknown, dimension: number): Float64Array {
  if (!Array.isArray(point) && !(point instanceof Float32Array || point instanceof Float64Array)) {
    throw new TypeError(`${where}: ${argument} must be a point (an array of ${dimension} numbers), got ${describeValue(point)}`)
  }
  if (point.length !== dimension) throw new RangeError(`${where}: ${argument} has ${point.length} coordinates, the curve has dimension ${dimension}`)
  const copy = new Float64Array(dimension)
  for (let j = 0; j < dimension; j++) copy[j] = checkFiniteNumber(where, `${argument}[${j}]`, point[j])
  return copy
}

/**
 * Runs one batched kernel of the current runtime (validated kernels, wasm or js) on copies of
 * `inputs` (rounded to `dtype`) placed in the runtime's memory, and returns a plain copy of the
 * `outLength` outputs. The copies are freed before returning, also when the kernel throws.
 */
export function runKernel(where: string, dtype: DType, outLength: number, inputs: ArrayLike<number>[],
  call: (kernels: Kernels, out: FloatArray, ...inputs: FloatArray[]) => void): FloatArray {
  const { kernels, tensors } = runtime()
  return tensors.memory.withBlocks(where, dtype, [outLength, ...inputs.map((input) => input.length)], ([out, ...views]) => {
    views.forEach((view, i) => view.set(inputs[i]))
    call(kernels, out, ...views)
    return out.slice()
  })
}

// ---- bit-exact JSON of typed arrays ----

/** A typed array in JSON: its dtype, its length and the base64 of its little-endian IEEE bytes. */
export interface EncodedFloats {
  dtype: DType
  length: number
  base64: string
}

export function encodeFloats(values: FloatArray): EncodedFloats {
  const dtype = dtypeOf(values)
  const bytes = new Uint8Array(values.length * values.BYTES_PER_ELEMENT)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < values.length; i++) {
    if (dtype === 'float32') view.setFloat32(4 * i, values[i], true)
    else view.setFloat64(8 * i, values[i], true)
  }
  return { dtype, length: values.length, base64: bytesToBase64(bytes) }
}

/** The inverse of encodeFloats; a wrong shape, a bad character or a byte count that disagrees with the length is an error naming `argument`. */
export function decodeFloats(where: string, argument: string, encoded: unknown): FloatArray {
  const record = checkJsonObject(where, argument, encoded)
  const dtype = checkDtype(`${where}: ${argument}`, record.dtype)
  const length = checkInteger(where, `${argument}.length`, record.length, 0)
  if (typeof record.base64 !== 'string') throw new TypeError(`${where}: ${argument}.base64 must be a string, got ${describeValue(record.base64)}`)
  const bytes = base64ToBytes(where, `${argument}.base64`, record.base64)
  const width = dtype === 'float32' ? 4 : 8
  if (bytes.length !== length * width) {
    throw new RangeError(`${where}: ${argument} says ${length} ${dtype} values (${length * width} bytes) but its base64 holds ${bytes.length} bytes; the JSON is truncated or altered`)
  }
  const view = new DataView(bytes.buffer)
  const values = allocateFloats(dtype, length)
  for (let i = 0; i < length; i++) values[i] = width === 4 ? view.getFloat32(4 * i, true) : view.getFloat64(8 * i, true)
  return values
}

function checkJsonObject(where: string, argument: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${where}: ${argument} must be an object, got ${describeValue(value)}`)
  return value as Record<string, unknown>
}

/**
 * The common envelope of every curve's JSON: `{ kind, version, … }`. Accepts the object or its JSON
 * text; a parse failure, another kind or an unknown version is an error saying what came.
 */
export function readJsonEnvelope(where: string, json: unknown, kind: string, version: number): Record<string, unknown> {
  let value = json
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json)
    } catch (error) {
      throw new TypeError(`${where}: the text is not valid JSON (${(error as Error).message}); it may be truncated`)
    }
  }
  const record = checkJsonObject(where, 'json', value)
  if (record.kind !== kind) throw new TypeError(`${where}: expected JSON of kind ${JSON.stringify(kind)}, got kind ${describeValue(record.kind)}`)
  if (record.version !== version) throw new RangeError(`${where}: ${kind} JSON version ${describeValue(record.version)} is not supported (this curvenet reads version ${version})`)
  return record
}

// ---- SVG ----

/**
 * A coordinate for SVG path data: rounded to `significantDigits` (default 7, finer than any plot
 * needs), without "-0", in the shortest form that JavaScript prints (exponents are valid SVG numbers).
 */
export function svgNumber(value: number, significantDigits = 7): string {
  if (!Number.isFinite(value)) throw new RangeError(`svgNumber: value must be finite, got ${value}`)
  const rounded = Number(value.toPrecision(significantDigits))
  return rounded === 0 ? '0' : String(rounded)
}
