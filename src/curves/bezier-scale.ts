// Scale invariance for the measuring algorithms (length, flatten, project, extrema and bbox): the
// coordinates are multiplied by 2^−e, which brings the largest magnitude into [1, 2), the algorithm
// runs there, and lengths and points are multiplied back by 2^e. A power-of-two factor is exact in
// binary floating point — every +, −, ×, ÷ and √ of scaled values is the scaled result, rounding
// included — so for coordinates of ordinary size the results would be bit for bit those of the unscaled
// algorithm, which therefore runs on them as they are (normalisingExponent gives 0: no copy); near 1e155 the squares inside a norm no longer overflow to Infinity (which sent the
// adaptive loops to their limits for minutes), and near 1e-300 they no longer underflow to 0.
import type { ControlPoints } from './bezier-math'

const bits = new DataView(new ArrayBuffer(8))

/** 2^n for an integer n in [−1022, 1023], built from its bits (exact, the same in every engine). */
function powerOfTwo(n: number): number {
  bits.setUint32(0, (n + 1023) << 20)
  bits.setUint32(4, 0)
  return bits.getFloat64(0)
}

/** x·2^n, exact while the result is a normal number: two half steps keep each factor representable. */
export function timesPowerOfTwo(x: number, n: number): number {
  const half = Math.trunc(n / 2)
  return x * powerOfTwo(half) * powerOfTwo(n - half)
}

/** e with 2^e ≤ |x| < 2^(e+1), for a finite x ≠ 0 (subnormals included), read from the bits. */
function binaryExponent(x: number): number {
  bits.setFloat64(0, x)
  const biased = (bits.getUint32(0) >>> 20) & 0x7ff
  if (biased !== 0) return biased - 1023
  return binaryExponent(x * 2 ** 64) - 64   // subnormal: scale into the normal range first (exact)
}

/** Within 2^±ORDINARY the squares and sums of squares inside a norm (2^±512 times a dimension or degree factor) can
 *  neither overflow nor become subnormal: there scaling changes no bit of any result, and is skipped. */
const ORDINARY = 256

/** The exponent that brings the largest |value| of every array into [1, 2) — or 0 (no scaling, no copy) when that
 *  largest is 0 or of ordinary size, within 2^±ORDINARY. */
export function normalisingExponent(...arrays: ArrayLike<number>[]): number {
  let largest = 0
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const size = Math.abs(values[i])
      if (size > largest) largest = size
    }
  }
  const exponent = largest === 0 ? 0 : binaryExponent(largest)
  return Math.abs(exponent) <= ORDINARY ? 0 : exponent
}

/** values·2^−exponent, a new array (the input is untouched). */
export function scaledDown(values: ArrayLike<number>, exponent: number): Float64Array {
  const out = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = timesPowerOfTwo(values[i], -exponent)
  return out
}

/** values·2^exponent in place: the way back from scaledDown. */
export function scaleUpInPlace(values: Float64Array, exponent: number): Float64Array {
  if (exponent !== 0) for (let i = 0; i < values.length; i++) values[i] = timesPowerOfTwo(values[i], exponent)
  return values
}

/** The curve with its coordinates scaled down by 2^exponent. */
export function scaledCurve(curve: ControlPoints, exponent: number): ControlPoints {
  return exponent === 0 ? curve : { points: scaledDown(curve.points, exponent), degree: curve.degree, dimension: curve.dimension }
}
