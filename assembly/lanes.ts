// The lanes module: every helper the kernels share for working on SIMD lanes. T is the element type, f32
// (f32x4 / i32x4 lanes) or f64 (f64x2 / i64x2 lanes), chosen at compile time. Three groups: splats, selects
// and the canonical NaN; the lane arithmetic of the transcendentals (the js spec writes the same operations
// out per value); and the <T, V> helpers behind the one kernel template, "vector body + scalar tail".
// No memory access except loadLanes / storeLanes.

// ---- splats, selects, the canonical NaN ----

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

/**
 * ifTrue where mask is set, else ifFalse: v128.bitselect written out, as V8 compiles this form about 1.4× faster in
 * the B-spline kernels (measured on x64). The same bits as v128.bitselect(ifTrue, ifFalse, mask).
 */
// @ts-ignore: decorator
@inline export function choose(ifTrue: v128, ifFalse: v128, mask: v128): v128 {
  return v128.or(v128.and(ifTrue, mask), v128.andnot(ifFalse, mask))
}

/** A NaN made the canonical quiet NaN, any other value kept: which NaN an operation returns when two meet
 *  differs between engines and JIT tiers, so the contract keeps only NaN-ness (as the js spec does). */
// @ts-ignore: decorator
@inline export function canonicalLanes<T, V>(value: V): V {
  if (isVector<V>()) return <V>choose(<v128>value, v128.splat<T>(<T>NaN), v128.eq<T>(<v128>value, <v128>value))
  return <T>value != <T>value ? <V><T>NaN : value
}

// ---- the lane arithmetic of the transcendentals ----

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


// ---- the <T, V> helpers: the one template for "vector body + scalar tail" ----
// A kernel writes its per-element work once as a function generic over the value type V, then runs it
// with V = v128 over whole f32x4 / f64x2 vectors and with V = T over the leftover elements:
//   for (; i + lanes <= n; i += lanes) element<T, v128>(i · size, …)
//   for (; i < n; i++) element<T, T>(i · size, …)
// Plain IEEE arithmetic (addLanes, …) gives the same bits either way. Code that only exists on vectors
// (the transcendentals, masks and selects) runs on V = T as lane 0 of a splat: toVector / fromVector.

/** Lanes per vector: 4 for f32, 2 for f64. */
// @ts-ignore: decorator
@inline export function lanesOf<T>(): i32 { return 16 / sizeof<T>() }

// @ts-ignore: decorator
@inline export function splatLanes<T, V>(value: T): V {
  if (isVector<V>()) return <V>v128.splat<T>(value)
  return <V>value
}

/** V = T: the value in every lane; V = v128: the vector itself. */
// @ts-ignore: decorator
@inline export function toVector<T, V>(value: V): v128 {
  if (isVector<V>()) return <v128>value
  return v128.splat<T>(<T>value)
}

/** The byte address of element `index` of the T array at `base`. */
// @ts-ignore: decorator
@inline export function at<T>(base: usize, index: i32): usize {
  return base + (<usize>index << alignof<T>())
}

/** V = T: lane 0; V = v128: the vector itself. */
// @ts-ignore: decorator
@inline export function fromVector<T, V>(vector: v128): V {
  if (isVector<V>()) return <V>vector
  return <V>v128.extract_lane<T>(vector, 0)
}


// @ts-ignore: decorator
@inline export function loadLanes<T, V>(address: usize): V {
  if (isVector<V>()) return <V>v128.load(address)
  return <V>load<T>(address)
}

// @ts-ignore: decorator
@inline export function storeLanes<T, V>(address: usize, value: V): void {
  if (isVector<V>()) v128.store(address, <v128>value)
  else store<T>(address, <T>value)
}

// @ts-ignore: decorator
@inline export function addLanes<T, V>(a: V, b: V): V {
  if (isVector<V>()) return <V>v128.add<T>(<v128>a, <v128>b)
  return <V>(<T>a + <T>b)
}

// @ts-ignore: decorator
@inline export function subLanes<T, V>(a: V, b: V): V {
  if (isVector<V>()) return <V>v128.sub<T>(<v128>a, <v128>b)
  return <V>(<T>a - <T>b)
}

// @ts-ignore: decorator
@inline export function mulLanes<T, V>(a: V, b: V): V {
  if (isVector<V>()) return <V>v128.mul<T>(<v128>a, <v128>b)
  return <V>(<T>a * <T>b)
}

// @ts-ignore: decorator
@inline export function divLanes<T, V>(a: V, b: V): V {
  if (isVector<V>()) return <V>v128.div<T>(<v128>a, <v128>b)
  return <V>(<T>a / <T>b)
}

// @ts-ignore: decorator
@inline export function sqrtLanes<T, V>(a: V): V {
  if (isVector<V>()) return <V>v128.sqrt<T>(<v128>a)
  return <V>sqrt<T>(<T>a)
}

// @ts-ignore: decorator
@inline export function absLanes<T, V>(a: V): V {
  if (isVector<V>()) return <V>v128.abs<T>(<v128>a)
  return <V>abs<T>(<T>a)
}

// @ts-ignore: decorator
@inline export function negLanes<T, V>(a: V): V {
  if (isVector<V>()) return <V>v128.neg<T>(<v128>a)
  return <V>(-<T>a)
}

/** x > 0 ? x : 0 as a compare and select (so NaN and −0 give +0, the same on both backends). */
// @ts-ignore: decorator
@inline export function positivePartLanes<T, V>(a: V): V {
  if (isVector<V>()) return <V>v128.bitselect(<v128>a, v128.splat<T>(0), v128.gt<T>(<v128>a, v128.splat<T>(0)))
  return <V>(<T>a > <T>0 ? <T>a : <T>0)
}

/** total + e in lane order: ((total + e[0]) + e[1]) + … for a vector, total + e for a scalar. */
// @ts-ignore: decorator
@inline export function sumInLaneOrder<T, V>(total: T, e: V): T {
  if (isVector<V>()) {
    total += v128.extract_lane<T>(<v128>e, 0)
    total += v128.extract_lane<T>(<v128>e, 1)
    if (sizeof<T>() == 4) {
      total += v128.extract_lane<T>(<v128>e, 2)
      total += v128.extract_lane<T>(<v128>e, 3)
    }
    return total
  }
  return total + <T>e
}
