// The checks behind the validating façade (validate.ts, validate-kan.ts): each throws a TypeError/RangeError that names the
// kernel, the argument, what was expected and what came, and builds that message only when it throws (they run on every
// kernel call: sizes travel as a label and its factors, not as a finished string).
import type { Backend } from './backend'
import { describeValue } from '../check/describe'
import { bsplineMaxDegree, type FloatArray } from './kernels'

export type Checked = FloatArray | Int32Array

export function checkSize(kernel: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${kernel}: ${name} must be a non-negative integer, got ${describeValue(value)}`)
  }
  return value
}

export function checkFinite(kernel: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${kernel}: ${name} must be a finite number, got ${describeValue(value)}`)
  }
  return value
}

export function checkInRange(kernel: string, name: string, value: unknown, low: number, high: number, highOpen: boolean): void {
  checkFinite(kernel, name, value)
  const v = value as number
  if (v < low || (highOpen ? v >= high : v > high)) {
    throw new RangeError(`${kernel}: ${name} must be in [${low}, ${high}${highOpen ? ')' : ']'}, got ${v}`)
  }
}

/** Checks one array argument: its type, the call's dtype, its length and that the backend can address it. `size` names the
 *  length needed (e.g. 'm·n') and `factors` are its numbers, put into the message only when the array is too short. */
export function arrayChecker(backend: Backend, kernel: string) {
  let dtypeOwner: { name: string; array: FloatArray } | undefined
  return (name: string, array: unknown, needed: number, size: string, ...factors: number[]): void => {
    if (!(array instanceof Float32Array || array instanceof Float64Array)) {
      throw new TypeError(`${kernel}: ${name} must be a Float32Array or Float64Array, got ${describeValue(array)}`)
    }
    if (dtypeOwner && array.constructor !== dtypeOwner.array.constructor) {
      throw new TypeError(`${kernel}: ${name} is a ${array.constructor.name} but ${dtypeOwner.name} is a ` +
        `${dtypeOwner.array.constructor.name}; all arrays of one call must share one dtype`)
    }
    dtypeOwner ??= { name, array }
    checkOwned(backend, kernel, name, array)
    if (array.length < needed) {
      const sizes = factors.length === 0 ? size : `${size} (${factors.join('·')})`
      throw new RangeError(`${kernel}: ${name} must hold at least ${sizes} = ${needed} elements, got ${array.length}`)
    }
  }
}

export function checkOwned(backend: Backend, kernel: string, name: string, array: Checked): void {
  if (backend.owns(array)) return
  if (array.buffer.byteLength === 0 && array.length === 0) {
    throw new TypeError(`${kernel}: ${name} is a detached view (the ${backend.name} memory grew after it was made); ` +
      `keep its byteOffset and length and re-derive it with backend.view(dtype, byteOffset, length)`)
  }
  throw new TypeError(`${kernel}: ${name} is not on the ${backend.name} backend's memory; ` +
    `make it with backend.alloc(dtype, length) and copy the data in`)
}

function overlaps(x: Checked, y: Checked): boolean {
  return x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength
}

/** out may be exactly `input` (same offset) when `exactAliasAllowed`, never a partial overlap. */
export function checkAliasing(kernel: string, outName: string, out: Checked, inputName: string, input: Checked, exactAliasAllowed: boolean): void {
  if (!overlaps(out, input)) return
  if (exactAliasAllowed && out.byteOffset === input.byteOffset) return
  throw new RangeError(`${kernel}: ${outName} overlaps ${inputName}` +
    (exactAliasAllowed ? ' partially; it may only be the very same array (in place) or not overlap at all' : '; it must not overlap its inputs'))
}

/** Clamp bounds: numbers (±Infinity allowed for a one-sided clamp), not NaN, low ≤ high. */
export function checkBounds(where: string, low: unknown, high: unknown): void {
  for (const [name, value] of [['low', low], ['high', high]] as const) {
    if (typeof value !== 'number' || Number.isNaN(value)) throw new RangeError(`${where}: ${name} must be a number (±Infinity allowed), got ${describeValue(value)}`)
  }
  if ((low as number) > (high as number)) throw new RangeError(`${where}: low (${low}) must not exceed high (${high})`)
}

/**
 * A B-spline knot vector: degree an integer in [0, bsplineMaxDegree], knotCount ≥ 2·degree + 2 (at least degree + 1
 * basis functions), every knot finite, non-decreasing, and the domain's first and last spans non-empty (so the span
 * search never ends on an empty span). Exported for the BSpline class.
 */
export function checkBsplineKnots(where: string, knots: ArrayLike<number>, knotCount: number, degree: unknown): void {
  checkInRange(where, 'degree', checkSize(where, 'degree', degree), 0, bsplineMaxDegree, false)
  const k = degree as number
  if (knotCount < 2 * k + 2) {
    throw new RangeError(`${where}: a degree-${k} B-spline needs at least 2·degree + 2 = ${2 * k + 2} knots (degree + 1 basis functions), got ${knotCount}`)
  }
  for (let i = 0; i < knotCount; i++) {
    if (!Number.isFinite(knots[i])) throw new RangeError(`${where}: knots[${i}] must be finite, got ${knots[i]}`)
    if (i > 0 && knots[i] < knots[i - 1]) {
      throw new RangeError(`${where}: knots must be non-decreasing, but knots[${i - 1}] = ${knots[i - 1]} > knots[${i}] = ${knots[i]}`)
    }
  }
  const last = knotCount - k - 2
  for (const [name, span] of [['first', k], ['last', last]] as const) {
    if (knots[span] === knots[span + 1]) {
      throw new RangeError(`${where}: the domain's ${name} span [knots[${span}], knots[${span + 1}]] = [${knots[span]}, ${knots[span + 1]}] is empty; ` +
        `a knot repeats more than degree + 1 = ${k + 1} times at the end of the domain`)
    }
  }
}

/** A kernel's options or layout record (not a user's options object: its fields are checked one by one after). */
export function checkRecord(kernel: string, options: unknown): Record<string, unknown> {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${kernel}: options must be an object, got ${describeValue(options)}`)
  return options as Record<string, unknown>
}

export function checkBoolean(kernel: string, name: string, value: unknown): void {
  if (typeof value !== 'boolean') throw new TypeError(`${kernel}: ${name} must be a boolean, got ${describeValue(value)}`)
}

export type ArrayCheck = ReturnType<typeof arrayChecker>

/** Outputs overlap neither each other nor any input (null entries are absent arrays). */
export function checkNoOverlap(kernel: string, outputs: readonly (readonly [string, Checked | null])[], inputs: readonly (readonly [string, Checked | null])[]): void {
  const all = [...outputs, ...inputs]
  outputs.forEach(([name, output], i) => all.slice(i + 1).forEach(([otherName, other]) => {
    if (output !== null && other !== null) checkAliasing(kernel, name, output, otherName, other, false)
  }))
}
