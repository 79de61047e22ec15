// Lane-generic building blocks for the transcendental functions: T is f32 (f32x4 / i32x4 lanes) or
// f64 (f64x2 / i64x2 lanes), chosen at compile time. No memory access; every helper is one or two
// wasm SIMD instructions. src/backend/js/transcendental.ts writes the same operations out per value.

// @ts-ignore: decorator
@inline export const SINGLE_MAGIC: f64 = 12582912            // 1.5·2^23: x + MAGIC − MAGIC rounds x to an integer
// @ts-ignore: decorator
@inline export const DOUBLE_MAGIC: f64 = 6755399441055744    // 1.5·2^52

/** Both lanes' constant: an f64 rounded once to f32 for single precision. */
// @ts-ignore: decorator
@inline export function constant<T>(value: f64): v128 {
  return sizeof<T>() == 4 ? f32x4.splat(<f32>value) : f64x2.splat(value)
}

/** A constant whose single- and double-precision values differ by design (Cody–Waite splits, polynomial coefficients). */
// @ts-ignore: decorator
@inline export function constantOf<T>(single: f64, double: f64): v128 {
  return sizeof<T>() == 4 ? f32x4.splat(<f32>single) : f64x2.splat(double)
}

// @ts-ignore: decorator
@inline export function integerConstant<T>(value: i64): v128 {
  return sizeof<T>() == 4 ? i32x4.splat(<i32>value) : i64x2.splat(value)
}

// @ts-ignore: decorator
@inline export function integerAdd<T>(a: v128, b: v128): v128 {
  return sizeof<T>() == 4 ? i32x4.add(a, b) : i64x2.add(a, b)
}

// @ts-ignore: decorator
@inline export function integerSub<T>(a: v128, b: v128): v128 {
  return sizeof<T>() == 4 ? i32x4.sub(a, b) : i64x2.sub(a, b)
}

// @ts-ignore: decorator
@inline export function shiftLeft<T>(a: v128, bits: i32): v128 {
  return sizeof<T>() == 4 ? i32x4.shl(a, bits) : i64x2.shl(a, bits)
}

/** Arithmetic (sign-extending) shift. */
// @ts-ignore: decorator
@inline export function shiftRight<T>(a: v128, bits: i32): v128 {
  return sizeof<T>() == 4 ? i32x4.shr_s(a, bits) : i64x2.shr_s(a, bits)
}

// @ts-ignore: decorator
@inline export function mantissaBits<T>(): i32 { return sizeof<T>() == 4 ? 23 : 52 }
// @ts-ignore: decorator
@inline export function exponentBias<T>(): i32 { return sizeof<T>() == 4 ? 127 : 1023 }
// @ts-ignore: decorator
@inline export function magic<T>(): f64 { return sizeof<T>() == 4 ? SINGLE_MAGIC : DOUBLE_MAGIC }
// @ts-ignore: decorator
@inline export function signBit<T>(): v128 { return constant<T>(-0.0) }

/** One Horner step: accumulator·x + c. Separate multiply and add (no FMA), as in the js spec. */
// @ts-ignore: decorator
@inline export function horner<T>(accumulator: v128, x: v128, coefficient: v128): v128 {
  return v128.add<T>(v128.mul<T>(accumulator, x), coefficient)
}

/** wasm pmin/pmax are exactly `b < a ? b : a` / `a < b ? b : a`, which the js spec writes out. */
// @ts-ignore: decorator
@inline export function clamp<T>(x: v128, low: f64, high: f64): v128 {
  return v128.pmax<T>(v128.pmin<T>(x, constant<T>(high)), constant<T>(low))
}

/** 2^n for integer lanes n in the normal exponent range, built from exponent bits. */
// @ts-ignore: decorator
@inline export function powerOfTwo<T>(n: v128): v128 {
  return shiftLeft<T>(integerAdd<T>(n, integerConstant<T>(exponentBias<T>())), mantissaBits<T>())
}

/** The integer n held in the low mantissa bits of t = (something rounded) + MAGIC. */
// @ts-ignore: decorator
@inline export function integerOfRounded<T>(t: v128): v128 {
  return integerSub<T>(t, constant<T>(magic<T>()))
}

/** 2^(n + offset) for t = n + MAGIC, straight from t's bits: one integer subtraction and a shift. */
// @ts-ignore: decorator
@inline export function powerOfTwoOfRounded<T>(t: v128, offset: i32): v128 {
  const magicBits: i64 = sizeof<T>() == 4 ? 0x4b400000 : 0x4338000000000000
  return shiftLeft<T>(integerSub<T>(t, integerConstant<T>(magicBits - exponentBias<T>() - offset)), mantissaBits<T>())
}

/** Integer lanes (|n| < 2^22) to floats, exactly: the magic-number trick run backwards. */
// @ts-ignore: decorator
@inline export function floatOfInteger<T>(n: v128): v128 {
  const magicValue = constant<T>(magic<T>())
  return v128.sub<T>(integerAdd<T>(n, magicValue), magicValue)
}

