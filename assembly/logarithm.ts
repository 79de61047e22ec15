// log and log1p over f32x4 / f64x2 lanes: x = 2^e·m with m in [√½, √2), log m = 2·atanh(s) with
// s = (m − 1)/(m + 1), written in the cancellation-free form f − (f²/2 − s·(f²/2 + R(s²))), f = m − 1;
// log x = e·ln2 + log m with ln2 in two parts.
// Registers only, no memory. Must equal src/math/logarithm.ts bit for bit.
import { constant, constantOf, floatOfInteger, horner, integerConstant, integerAdd, integerSub,
  mantissaBits, exponentBias, shiftRight } from './lanes'

/** Bit patterns: 1.0, and √½ (the mantissa split point; for f64 only its high word, as the split needs no more). */
// @ts-ignore: decorator
@inline function oneBits<T>(): i64 { return sizeof<T>() == 4 ? 0x3f800000 : 0x3ff0000000000000 }
// @ts-ignore: decorator
@inline function sqrtHalfBits<T>(): i64 { return sizeof<T>() == 4 ? 0x3f3504f3 : 0x3fe6a09e00000000 }

/** R(z) ≈ (2·atanh(s) − 2s)/s with z = s², |s| ≤ 3 − 2√2: minimax (scripts/fixtures/fit_polynomials.py), absolute
 *  error 1.8e−9 (f32, 3 terms) and 3.9e−18 (f64, 7 terms), coefficients as rounded. Written out Horner step by step
 *  like exp's and sin's polynomials (the same shape with other coefficients, on purpose): each coefficient stays a
 *  literal the js spec mirrors line for line, and binaryen keeps every one an immediate constant. */
// @ts-ignore: decorator
@inline function atanhRemainder<T>(z: v128): v128 {
  let p: v128
  if (sizeof<T>() == 4) {
    p = constant<T>(0.29871997237205505)
    p = horner<T>(p, z, constant<T>(0.39977532625198364))
    p = horner<T>(p, z, constant<T>(0.6666677594184875))
  } else {
    p = constant<T>(0.14796261357422777)
    p = horner<T>(p, z, constant<T>(0.15314021098964994))
    p = horner<T>(p, z, constant<T>(0.1818356540805192))
    p = horner<T>(p, z, constant<T>(0.22222198553769484))
    p = horner<T>(p, z, constant<T>(0.28571428742562305))
    p = horner<T>(p, z, constant<T>(0.39999999999413965))
    p = horner<T>(p, z, constant<T>(0.6666666666666734))
  }
  return v128.mul<T>(p, z)
}

/** log x + extra, with `extra` (a correction far below one ulp of the result, or 0) added among the
 *  low-order terms. Subnormal x is first scaled into the normal range; x ≤ 0, +Inf and NaN are selected
 *  last: log ±0 = −Inf, log x<0 = NaN, log +Inf = +Inf, NaN stays x. */
// @ts-ignore: decorator
@inline function logPlus<T>(x: v128, extra: v128): v128 {
  const subnormal = v128.lt<T>(x, constantOf<T>(1.1754943508222875e-38, 2.2250738585072014e-308))
  const subnormalShift = sizeof<T>() == 4 ? 25 : 54
  const normal = v128.bitselect(v128.mul<T>(x, constantOf<T>(33554432, 18014398509481984)), x, subnormal)
  // Adding 1.0 − √½ to the bits carries into the exponent exactly when the mantissa is ≥ √½.
  const shifted = integerAdd<T>(normal, integerConstant<T>(oneBits<T>() - sqrtHalfBits<T>()))
  const exponent = integerSub<T>(
    integerSub<T>(shiftRight<T>(shifted, mantissaBits<T>()), integerConstant<T>(exponentBias<T>())),
    v128.and(subnormal, integerConstant<T>(subnormalShift)))
  const mantissaMask = sizeof<T>() == 4 ? <i64>0x007fffff : 0x000fffffffffffff
  const m = integerAdd<T>(v128.and(shifted, integerConstant<T>(mantissaMask)), integerConstant<T>(sqrtHalfBits<T>()))

  const f = v128.sub<T>(m, constant<T>(1))
  const s = v128.div<T>(f, v128.add<T>(constant<T>(2), f))
  const halfSquare = v128.mul<T>(v128.mul<T>(constant<T>(0.5), f), f)
  const e = floatOfInteger<T>(exponent)
  const ln2High = constantOf<T>(0.693145751953125, 0.6931471803691238)   // e·ln2High is exact
  const ln2Low = constantOf<T>(1.4286068203094173e-6, 1.9082149292705877e-10)
  const lowOrder = v128.add<T>(v128.mul<T>(e, ln2Low), extra)
  const correction = v128.add<T>(v128.mul<T>(s, v128.add<T>(halfSquare, atanhRemainder<T>(v128.mul<T>(s, s)))), lowOrder)
  const result = v128.sub<T>(v128.mul<T>(e, ln2High), v128.sub<T>(v128.sub<T>(halfSquare, correction), f))

  const zero = constant<T>(0)
  const special = v128.bitselect(constant<T>(-Infinity), v128.bitselect(constant<T>(NaN), x, v128.lt<T>(x, zero)), v128.eq<T>(x, zero))
  return v128.bitselect(result, special, v128.and(v128.gt<T>(x, zero), v128.lt<T>(x, constant<T>(Infinity))))
}

// @ts-ignore: decorator
@inline export function logVector<T>(x: v128): v128 { return logPlus<T>(x, constant<T>(0)) }

/** log(1 + x) = log u + c/u, where u = 1 + x rounded and c = (1 + x) − u exactly (Knuth's TwoSum):
 *  log(u + c) = log u + log(1 + c/u) and c/u is below half an ulp. u = 1 (tiny x, ±0) returns x itself;
 *  x = −1, x < −1, ±Inf and NaN are log's special cases of u. */
// @ts-ignore: decorator
@inline export function log1pVector<T>(x: v128): v128 {
  const one = constant<T>(1)
  const u = v128.add<T>(one, x)
  const xPart = v128.sub<T>(u, one)
  const roundingError = v128.add<T>(v128.sub<T>(one, v128.sub<T>(u, xPart)), v128.sub<T>(x, xPart))
  return v128.bitselect(x, logPlus<T>(u, v128.div<T>(roundingError, u)), v128.eq<T>(u, one))
}
