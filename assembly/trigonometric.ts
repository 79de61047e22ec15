// sin and cos over f32x4 / f64x2 lanes, always computed in f64: x = k·π/2 + r with k rounded by the
// magic-number trick and r = x − k·P1 − k·P2 − k·P3 − k·P4 (Cody–Waite; P1, P2, P3 of 23 bits, so their
// products with |k| < 2^30 are exact and each subtraction is exact or rounds relative to r; P4 the rest
// of π/2), then a sine or cosine polynomial in r chosen by k mod 4. f32 lanes are widened exactly,
// evaluated with shorter polynomials and rounded once at the end.
// Registers only, no memory. Must equal src/math/trigonometric.ts bit for bit.
import { DOUBLE_MAGIC, horner, signBit } from './lanes'

/** Above this |x| the reduction is meaningless (k·P1 no longer exact by far): the result is NaN, as for ±Inf. */
// @ts-ignore: decorator
@inline const TRIG_LIMIT: f64 = 1125899906842624   // 2^50
/** Below this |x|, sin x = x − x³/6 rounds to x (x²/6 < 2^−54). */
// @ts-ignore: decorator
@inline const SIN_IS_X_BELOW: f64 = 7.450580596923828e-9   // 2^−27

/** sin r = r + r³·S(r²) and cos r = 1 − r²/2 + r⁴·C(r²) for |r| ≤ π/4 (+ slack): minimax fits
 *  (scripts/fixtures/fit_polynomials.py), relative error of the polynomial ≤ 3.8e−9 for the f32 lanes' degree
 *  and ≤ 8.1e−18 for f64, coefficients as rounded to f64. */
// @ts-ignore: decorator
@inline function sinPolynomial<T>(r: v128, z: v128): v128 {
  let p: v128
  if (sizeof<T>() == 4) {
    p = f64x2.splat(-0.0001951463189877979)
    p = horner<f64>(p, z, f64x2.splat(0.008332156053812751))
    p = horner<f64>(p, z, f64x2.splat(-0.16666654536628692))
  } else {
    p = f64x2.splat(1.5895904733822972e-10)
    p = horner<f64>(p, z, f64x2.splat(-2.5050742307728626e-8))
    p = horner<f64>(p, z, f64x2.splat(2.7557313587617606e-6))
    p = horner<f64>(p, z, f64x2.splat(-0.00019841269829495487))
    p = horner<f64>(p, z, f64x2.splat(0.008333333333322005))
    p = horner<f64>(p, z, f64x2.splat(-0.1666666666666663))
  }
  return f64x2.add(r, f64x2.mul(f64x2.mul(r, z), p))
}

// @ts-ignore: decorator
@inline function cosPolynomial<T>(z: v128): v128 {
  let p: v128
  if (sizeof<T>() == 4) {
    p = f64x2.splat(2.4432412980838708e-5)
    p = horner<f64>(p, z, f64x2.splat(-0.0013887309866636897))
    p = horner<f64>(p, z, f64x2.splat(0.04166664555447098))
  } else {
    p = f64x2.splat(-1.1358310466027027e-11)
    p = horner<f64>(p, z, f64x2.splat(2.0875696572106566e-9))
    p = horner<f64>(p, z, f64x2.splat(-2.755731414861989e-7))
    p = horner<f64>(p, z, f64x2.splat(2.4801587288748173e-5))
    p = horner<f64>(p, z, f64x2.splat(-0.0013888888888872895))
    p = horner<f64>(p, z, f64x2.splat(0.041666666666666595))
  }
  p = horner<f64>(p, z, f64x2.splat(-0.5))
  return horner<f64>(p, z, f64x2.splat(1))
}

/** sin (quarterTurns = 0) or cos (quarterTurns = 1, since cos x = sin(x + π/2)) of f64 lanes, with the
 *  polynomial degree of precision T. */
// @ts-ignore: decorator
@inline function sinOfQuarterTurns<T>(x: v128, quarterTurns: i64): v128 {
  const rounded = f64x2.add(f64x2.mul(x, f64x2.splat(0.6366197723675814)), f64x2.splat(DOUBLE_MAGIC))
  const k = f64x2.sub(rounded, f64x2.splat(DOUBLE_MAGIC))
  let r = f64x2.sub(x, f64x2.mul(k, f64x2.splat(1.570796251296997)))
  r = f64x2.sub(r, f64x2.mul(k, f64x2.splat(7.549789415861596e-8)))
  r = f64x2.sub(r, f64x2.mul(k, f64x2.splat(5.390302529957765e-15)))
  r = f64x2.sub(r, f64x2.mul(k, f64x2.splat(3.2820035428735005e-22)))
  const z = f64x2.mul(r, r)
  // The low bits of `rounded` are k mod 2^52: bit 0 picks cosine over sine, bit 1 flips the sign.
  const quadrant = i64x2.add(rounded, i64x2.splat(quarterTurns))
  const useCosine = i64x2.shr_s(i64x2.shl(quadrant, 63), 63)
  const negate = v128.and(i64x2.shl(quadrant, 62), signBit<f64>())
  const result = v128.xor(v128.bitselect(cosPolynomial<T>(z), sinPolynomial<T>(r, z), useCosine), negate)
  // Lanes outside [smallest, TRIG_LIMIT]: beyond the limit and ±Inf give NaN; below it (sin's tiny x,
  // where sin x rounds to x and the polynomial would lose −0) and NaN give x itself.
  const magnitude = f64x2.abs(x)
  const notSmall = f64x2.ge(magnitude, f64x2.splat(quarterTurns == 0 ? SIN_IS_X_BELOW : 0))
  const special = v128.bitselect(f64x2.splat(NaN), x, notSmall)
  return v128.bitselect(result, special, v128.and(notSmall, f64x2.le(magnitude, f64x2.splat(TRIG_LIMIT))))
}

/** T = f64: the lanes themselves. T = f32: both halves widened (exactly), evaluated, narrowed back. */
// @ts-ignore: decorator
@inline function inDouble<T>(x: v128, quarterTurns: i64): v128 {
  if (sizeof<T>() == 8) return sinOfQuarterTurns<f64>(x, quarterTurns)
  const low = sinOfQuarterTurns<f32>(f64x2.promote_low_f32x4(x), quarterTurns)
  const high = sinOfQuarterTurns<f32>(f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1)), quarterTurns)
  return i32x4.shuffle(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5)
}

// @ts-ignore: decorator
@inline export function sinVector<T>(x: v128): v128 { return inDouble<T>(x, 0) }
// @ts-ignore: decorator
@inline export function cosVector<T>(x: v128): v128 { return inDouble<T>(x, 1) }
