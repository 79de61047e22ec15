// exp, expm1, tanh and sigmoid over f32x4 / f64x2 lanes: x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite,
// n rounded by the magic-number trick), e^x = 2^n·e^r with 2^n built from exponent bits.
// Registers only, no memory. Must equal src/math/exponential.ts bit for bit.
import { clamp, constant, constantOf, horner, integerOfRounded, integerSub, magic, powerOfTwo,
  powerOfTwoOfRounded, shiftRight, signBit } from './lanes'

// @ts-ignore: decorator
@inline const EXP_HIGH_F32: f64 = 89      // e^89 > f32 max: n = 128 overflows to +Inf as it should
// @ts-ignore: decorator
@inline const EXP_LOW_F32: f64 = -104     // e^−104 < half the least f32 subnormal: rounds to +0
// @ts-ignore: decorator
@inline const EXP_HIGH_F64: f64 = 710
// @ts-ignore: decorator
@inline const EXP_LOW_F64: f64 = -746

/** round(x/ln2) + MAGIC, for x already clamped so the rounded value stays far below 2^22. */
// @ts-ignore: decorator
@inline function roundedMultipleOfLn2<T>(x: v128): v128 {
  return v128.add<T>(v128.mul<T>(x, constant<T>(1.4426950408889634)), constant<T>(magic<T>()))
}

/** r = x − n·ln2 in two Cody–Waite parts; n·LN2_HI is exact (LN2_HI has trailing zero bits). */
// @ts-ignore: decorator
@inline function reduceByLn2<T>(x: v128, rounded: v128): v128 {
  const n = v128.sub<T>(rounded, constant<T>(magic<T>()))
  const high = constantOf<T>(0.693145751953125, 0.6931471803691238)
  const low = constantOf<T>(1.4286068203094173e-6, 1.9082149292705877e-10)
  return v128.sub<T>(v128.sub<T>(x, v128.mul<T>(n, high)), v128.mul<T>(n, low))
}

/** e^r − 1 for |r| ≤ ln2/2 (+ rounding slack) as r + r²/2 + r³·P(r): no constant term, so it stays
 *  accurate relative to itself near 0. P is a minimax fit (scripts/fixtures/fit_polynomials.py): relative error
 *  of the polynomial 1.4e−8 for f32 (degree 3), 2.7e−17 for f64 (degree 8), coefficients as rounded. */
// @ts-ignore: decorator
@inline function expMinusOnePolynomial<T>(r: v128): v128 {
  let p: v128
  if (sizeof<T>() == 4) {
    p = constant<T>(0.0013898256001994014)
    p = horner<T>(p, r, constant<T>(0.008366163820028305))
    p = horner<T>(p, r, constant<T>(0.04166685417294502))
    p = horner<T>(p, r, constant<T>(0.1666654795408249))
  } else {
    p = constant<T>(2.5045872586114536e-8)
    p = horner<T>(p, r, constant<T>(2.7622468061423484e-7))
    p = horner<T>(p, r, constant<T>(2.7557425898736623e-6))
    p = horner<T>(p, r, constant<T>(2.4801515820728983e-5))
    p = horner<T>(p, r, constant<T>(0.00019841269707812151))
    p = horner<T>(p, r, constant<T>(0.0013888888920861652))
    p = horner<T>(p, r, constant<T>(0.008333333333389236))
    p = horner<T>(p, r, constant<T>(0.041666666666619286))
    p = horner<T>(p, r, constant<T>(0.16666666666666602))
  }
  p = horner<T>(p, r, constant<T>(0.5))
  p = horner<T>(p, r, constant<T>(1))
  return v128.mul<T>(p, r)
}

/** e^r for the remainder r of x, given rounded = round(x/ln2) + MAGIC. */
// @ts-ignore: decorator
@inline function expOfRemainder<T>(x: v128, rounded: v128): v128 {
  return v128.add<T>(expMinusOnePolynomial<T>(reduceByLn2<T>(x, rounded)), constant<T>(1))
}

/** e^x for x in [EXP_LOW, EXP_HIGH]; 2^n = 2^(n>>1)·2^(n−(n>>1)), two exact normal factors, so that
 *  results near overflow and in the subnormal range are rounded once, correctly. */
// @ts-ignore: decorator
@inline function expInRange<T>(x: v128): v128 {
  const rounded = roundedMultipleOfLn2<T>(x)
  const p = expOfRemainder<T>(x, rounded)
  const n = integerOfRounded<T>(rounded)
  const half = shiftRight<T>(n, 1)
  return v128.mul<T>(v128.mul<T>(p, powerOfTwo<T>(half)), powerOfTwo<T>(integerSub<T>(n, half)))
}

// @ts-ignore: decorator
@inline export function expVector<T>(x: v128): v128 {
  const high = sizeof<T>() == 4 ? EXP_HIGH_F32 : EXP_HIGH_F64
  const low = sizeof<T>() == 4 ? EXP_LOW_F32 : EXP_LOW_F64
  // A NaN passes the clamp and every later operation as the only NaN operand (2^n has no NaN bit
  // pattern), so e^NaN is x itself, quieted, with no select.
  return expInRange<T>(clamp<T>(x, low, high))
}

/** (e^x − 1)/2 = (2^(n−1) − ½) + 2^(n−1)·(e^r − 1) for x in [EXPM1_LOW, EXP_HIGH]: exact near 0 (n = 0 gives
 *  ½·(e^r − 1)), and 2^(n−1) stays a normal number up to the overflow threshold. */
// @ts-ignore: decorator
@inline function halfExpMinusOneInRange<T>(x: v128): v128 {
  const rounded = roundedMultipleOfLn2<T>(x)
  const q = expMinusOnePolynomial<T>(reduceByLn2<T>(x, rounded))
  const halfScale = powerOfTwoOfRounded<T>(rounded, -1)
  return v128.add<T>(v128.sub<T>(halfScale, constant<T>(0.5)), v128.mul<T>(halfScale, q))
}

// @ts-ignore: decorator
@inline const EXPM1_LOW_F32: f64 = -20    // below, e^x − 1 rounds to −1 (e^−20 < 2^−25)
// @ts-ignore: decorator
@inline const EXPM1_LOW_F64: f64 = -40    // e^−40 < 2^−54
// @ts-ignore: decorator
@inline const EXPM1_TINY_F32: f64 = 2.9802322387695312e-8     // 2^−25: below, e^x − 1 rounds to x
// @ts-ignore: decorator
@inline const EXPM1_TINY_F64: f64 = 5.551115123125783e-17     // 2^−54

// @ts-ignore: decorator
@inline export function expm1Vector<T>(x: v128): v128 {
  const high = sizeof<T>() == 4 ? EXP_HIGH_F32 : EXP_HIGH_F64
  const low = sizeof<T>() == 4 ? EXPM1_LOW_F32 : EXPM1_LOW_F64
  const half = halfExpMinusOneInRange<T>(clamp<T>(x, low, high))
  const result = v128.add<T>(half, half)   // ×2 is exact, or overflows to +Inf as e^x − 1 does
  // Tiny x (where the ½ scaling would round subnormals), ±0 and NaN return x itself: !(|x| ≥ tiny).
  const tiny = sizeof<T>() == 4 ? EXPM1_TINY_F32 : EXPM1_TINY_F64
  return v128.bitselect(result, x, v128.ge<T>(v128.abs<T>(x), constant<T>(tiny)))
}

// ---- tanh and sigmoid: the fast paths of activations ----

// @ts-ignore: decorator
@inline const TANH_HIGH_F32: f64 = 10     // tanh(10) rounds to 1 in f32 (1 − tanh 10 ≈ 4e−9)
// @ts-ignore: decorator
@inline const TANH_HIGH_F64: f64 = 20     // 1 − tanh 20 ≈ 8e−18 < 2^−54

/** tanh|x| = (e^2|x| − 1)/(e^2|x| + 1) = h/(h + 1) with h = (e^2|x| − 1)/2; the sign of x is copied on.
 *  As in exp, a NaN flows through as the only NaN operand and comes out as x. */
// @ts-ignore: decorator
@inline export function tanhVector<T>(x: v128): v128 {
  const sign = signBit<T>()
  const magnitude = v128.pmin<T>(v128.andnot(x, sign), constant<T>(sizeof<T>() == 4 ? TANH_HIGH_F32 : TANH_HIGH_F64))
  const h = halfExpMinusOneInRange<T>(v128.add<T>(magnitude, magnitude))
  const positive = v128.div<T>(h, v128.add<T>(h, constant<T>(1)))
  return v128.or(positive, v128.and(x, sign))
}

/** e^x for x in [EXP_LOW, 0]: 2^n·p = (2^(n+64)·p)·2^−64, where 2^(n+64) is normal for every such n,
 *  so a subnormal result is rounded once, in the last multiplication. */
// @ts-ignore: decorator
@inline function expOfNonPositive<T>(x: v128): v128 {
  const rounded = roundedMultipleOfLn2<T>(x)
  const p = expOfRemainder<T>(x, rounded)
  return v128.mul<T>(v128.mul<T>(p, powerOfTwoOfRounded<T>(rounded, 64)), constant<T>(5.421010862427522e-20))
}

/** σ(x) = 1/(1 + e^−|x|) for x ≥ 0 and e^−|x|/(1 + e^−|x|) for x < 0: e^−|x| ≤ 1 never overflows, and
 *  the tail for very negative x keeps its subnormal values. −|x| is pmin(x, −x) (−x by flipping the
 *  sign bit) and the numerator pmax(e^−|x|, x ≥ 0 ? 1 : 0), so a NaN stays the only NaN operand
 *  throughout and comes out as x. */
// @ts-ignore: decorator
@inline export function sigmoidVector<T>(x: v128): v128 {
  const low = sizeof<T>() == 4 ? EXP_LOW_F32 : EXP_LOW_F64
  const decay = expOfNonPositive<T>(v128.pmax<T>(v128.pmin<T>(x, v128.xor(x, signBit<T>())), constant<T>(low)))
  const one = constant<T>(1)
  const numerator = v128.pmax<T>(decay, v128.and(v128.ge<T>(x, constant<T>(0)), one))
  return v128.div<T>(numerator, v128.add<T>(one, decay))
}
