// curvenet's log and log1p for one value, float32 (…F32: every operation rounded with Math.fround) or
// float64 (…F64): x = 2^e·m with m in [√½, √2), log m = 2·atanh(s) with s = (m − 1)/(m + 1), log x =
// e·ln2 + log m with ln2 in two parts. Each function is one lane of logVector and log1pVector in
// assembly/logarithm.ts, the same IEEE operations in the same order (selects are ternaries here), so the
// bits are equal. The comments there say why each step is written as it is.
import { doubleOfWords, highWord, horner, ln2Split, lowWord, singleBits, singleOfBits } from './ieee'
import { roundSingle, roundTo } from './precision'

/** What differs between float32 (`single`: every operation rounded by roundTo) and float64: the constants. */
interface Constants {
  readonly single: boolean
  readonly ln2: readonly [number, number]     // high, low
  /** R(z) ≈ (2·atanh(s) − 2s)/s with z = s², for Horner's rule, highest degree first. */
  readonly atanhRemainderCoefficients: readonly number[]
  readonly smallestNormal: number
  readonly subnormalScale: number             // 2^subnormalShift
  readonly subnormalShift: number
}

const single: Constants = {
  single: true,
  ln2: ln2Split(true),
  atanhRemainderCoefficients: [0.29871997237205505, 0.39977532625198364, 0.6666677594184875].map(roundSingle),
  smallestNormal: roundSingle(1.1754943508222875e-38),
  subnormalScale: 33554432,
  subnormalShift: 25,
}

const double: Constants = {
  single: false,
  ln2: ln2Split(false),
  atanhRemainderCoefficients: [0.14796261357422777, 0.15314021098964994, 0.1818356540805192, 0.22222198553769484,
    0.28571428742562305, 0.39999999999413965, 0.6666666666666734],
  smallestNormal: 2.2250738585072014e-308,
  subnormalScale: 18014398509481984,
  subnormalShift: 54,
}

const SINGLE_SQRT_HALF_BITS = 0x3f3504f3
const DOUBLE_SQRT_HALF_HIGH = 0x3fe6a09e   // √½'s high word; the low word of the split is left as it is

/** x's bits plus (bits of 1 − bits of √½), the word holding log's exponent/mantissa split (float64: high word). */
function splitBits(single: boolean, x: number): number {
  return single ? (singleBits(x) + (0x3f800000 - SINGLE_SQRT_HALF_BITS)) | 0 : (highWord(x) + (0x3ff00000 - DOUBLE_SQRT_HALF_HIGH)) | 0
}

/** From splitBits: the unbiased exponent e of x = 2^e·m … */
function exponentOfSplit(single: boolean, split: number): number {
  return single ? (split >> 23) - 127 : (split >> 20) - 1023
}

/** … and the mantissa m in [√½, √2) (for float64 the low word is x's own). */
function mantissaOfSplit(single: boolean, split: number, x: number): number {
  return single
    ? singleOfBits((split & 0x007fffff) + SINGLE_SQRT_HALF_BITS)
    : doubleOfWords((split & 0x000fffff) + DOUBLE_SQRT_HALF_HIGH, lowWord(x))
}

/** log x + extra; see logPlus in assembly/logarithm.ts. */
function logPlus(p: Constants, x: number, extra: number): number {
  const single = p.single
  const subnormal = x < p.smallestNormal
  const normal = subnormal ? roundTo(single, x * p.subnormalScale) : x
  const split = splitBits(p.single, normal)
  const e = exponentOfSplit(p.single, split) - (subnormal ? p.subnormalShift : 0)
  const m = mantissaOfSplit(p.single, split, normal)

  const f = roundTo(single, m - 1)
  const s = roundTo(single, f / roundTo(single, 2 + f))
  const halfSquare = roundTo(single, roundTo(single, 0.5 * f) * f)
  const z = roundTo(single, s * s)
  const remainder = roundTo(single, horner(single, p.atanhRemainderCoefficients, z) * z)
  const lowOrder = roundTo(single, roundTo(single, e * p.ln2[1]) + extra)
  const correction = roundTo(single, roundTo(single, s * roundTo(single, halfSquare + remainder)) + lowOrder)
  const result = roundTo(single, roundTo(single, e * p.ln2[0]) - roundTo(single, roundTo(single, halfSquare - correction) - f))

  if (x > 0 && x < Infinity) return result
  return x === 0 ? -Infinity : x < 0 ? NaN : x
}

function log(p: Constants, x: number): number { return logPlus(p, x, 0) }

/** log u + c/u with u = 1 + x rounded and c its exact rounding error (TwoSum). */
function log1p(p: Constants, x: number): number {
  const single = p.single
  const u = roundTo(single, 1 + x)
  const xPart = roundTo(single, u - 1)
  const roundingError = roundTo(single, roundTo(single, 1 - roundTo(single, u - xPart)) + roundTo(single, x - xPart))
  return u === 1 ? x : logPlus(p, u, roundTo(single, roundingError / u))
}

export const logF32 = (x: number): number => log(single, x)
export const logF64 = (x: number): number => log(double, x)
export const log1pF32 = (x: number): number => log1p(single, x)
export const log1pF64 = (x: number): number => log1p(double, x)
