// The building blocks of curvenet's transcendentals for one value: bit views (wasm reinterprets lanes
// instead), 2^n from exponent bits, the magic-number rounding, Horner's rule and wasm's pmin/pmax.
// magic, integerOfRounded, powerOfTwo, horner and clamp are the per-value forms of the helpers of those
// names in assembly/lanes.ts, so exponential.ts, logarithm.ts and trigonometric.ts can follow their
// assembly files operation for operation. `single` picks float32 (true) or float64.
import { roundSingle, roundTo } from './precision'

// Bit views of one scratch value. The float64 words are picked by the platform's byte order (typed
// arrays use it; wasm memory is always little-endian, which only the float64 word order could notice).
const singleView = new Float32Array(1)
const singleBitsView = new Int32Array(singleView.buffer)
const doubleView = new Float64Array(1)
const wordsView = new Int32Array(doubleView.buffer)
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1
const HIGH = 1 - LOW

export function singleBits(x: number): number { singleView[0] = x; return singleBitsView[0] }
export function singleOfBits(bits: number): number { singleBitsView[0] = bits; return singleView[0] }
export function lowWord(x: number): number { doubleView[0] = x; return wordsView[LOW] }
export function highWord(x: number): number { doubleView[0] = x; return wordsView[HIGH] }
export function doubleOfWords(high: number, low: number): number {
  wordsView[LOW] = low
  wordsView[HIGH] = high
  return doubleView[0]
}

export const SINGLE_MAGIC = 12582912           // 1.5·2^23: (x + magic) − magic rounds x to an integer
export const DOUBLE_MAGIC = 6755399441055744   // 1.5·2^52
export function magic(single: boolean): number { return single ? SINGLE_MAGIC : DOUBLE_MAGIC }

/** ln 2 in two Cody–Waite parts (high, low): n·high is exact for the n that exp and log meet. */
export function ln2Split(single: boolean): readonly [number, number] {
  return single ? SINGLE_LN2 : DOUBLE_LN2
}
const SINGLE_LN2 = [roundSingle(0.693145751953125), roundSingle(1.4286068203094173e-6)] as const
const DOUBLE_LN2 = [0.6931471803691238, 1.9082149292705877e-10] as const

/** The integer n held in the low mantissa bits of t = n + magic: the bits of t − magic as an integer
 *  (for float64 its low 32 bits, as magic's low word is 0; only low bits are ever used). */
export function integerOfRounded(single: boolean, t: number): number {
  return single ? (singleBits(t) - singleBits(SINGLE_MAGIC)) | 0 : lowWord(t)
}

/** 2^n built from exponent bits (only the low bits of n that reach the exponent field matter). */
export function powerOfTwo(single: boolean, n: number): number {
  return single ? singleOfBits((n + 127) << 23) : doubleOfWords((n + 1023) << 20, 0)
}

/** Horner's rule from the highest coefficient (assembly: one horner step per coefficient), one rounding
 *  per multiply and per add (no FMA). */
export function horner(single: boolean, coefficients: readonly number[], x: number): number {
  let sum = coefficients[0]
  for (let i = 1; i < coefficients.length; i++) sum = roundTo(single, roundTo(single, sum * x) + coefficients[i])
  return sum
}

// wasm's pmin/pmax, written out: a NaN in `a` passes through, and a tie (−0 against +0) returns `a`.
export const pmin = (a: number, b: number): number => (b < a ? b : a)
export const pmax = (a: number, b: number): number => (a < b ? b : a)

export function clamp(x: number, low: number, high: number): number { return pmax(pmin(x, high), low) }
