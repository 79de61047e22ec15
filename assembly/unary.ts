// abs, sqrt, sign, clamp and clamp's gradient, f32x4 and f64x2; every op is exact IEEE arithmetic
// or a compare-and-select, so NaN and ±0 come out the same as src/backend/js/unary.ts, bit for bit.
// Layout: raw byte offsets, any alignment. Aliasing: out may equal x (gradX may equal gradY).
// Scalar tails are lane 0 of the same vector code.
import { UnaryIndex } from '../src/backend/kernel-indices'
import { constant, fromVector, lanesOf, loadLanes, storeLanes, toVector } from './lanes'

// @ts-ignore: decorator
@inline function apply<T>(kind: i32, x: v128): v128 {
  if (kind == UnaryIndex.abs) return v128.abs<T>(x)
  if (kind == UnaryIndex.sqrt) return v128.sqrt<T>(x)
  // sign: 1 where x > 0, −1 where x < 0, x itself otherwise (keeps ±0 and NaN)
  const positive = v128.gt<T>(x, constant<T>(0))
  const negative = v128.lt<T>(x, constant<T>(0))
  return v128.bitselect(constant<T>(1), v128.bitselect(constant<T>(-1), x, negative), positive)
}

/** out = f(x) for the element(s) at byte `offset`. This loop and the per-kind functions below repeat math.ts's over
 *  another kind table, on purpose: AssemblyScript cannot hand a per-element function to a shared loop except as a
 *  function reference, an indirect call per vector. */
// @ts-ignore: decorator
@inline function unaryLanes<T, V>(kind: i32, out: usize, x: usize, offset: usize): void {
  storeLanes<T, V>(out + offset, fromVector<T, V>(apply<T>(kind, toVector<T, V>(loadLanes<T, V>(x + offset)))))
}

// @ts-ignore: decorator
@inline function unary<T>(kind: i32, out: usize, x: usize, n: i32): void {
  const lanes = lanesOf<T>()
  let i = 0
  for (; i + lanes <= n; i += lanes) unaryLanes<T, v128>(kind, out, x, <usize>i * sizeof<T>())
  for (; i < n; i++) unaryLanes<T, T>(kind, out, x, <usize>i * sizeof<T>())
}

// One function per kind, called through the switch below: see "Per-kind loops" in activations.ts.
function absMap<T>(out: usize, x: usize, n: i32): void { unary<T>(UnaryIndex.abs, out, x, n) }
function sqrtMap<T>(out: usize, x: usize, n: i32): void { unary<T>(UnaryIndex.sqrt, out, x, n) }
function signMap<T>(out: usize, x: usize, n: i32): void { unary<T>(UnaryIndex.sign, out, x, n) }

// @ts-ignore: decorator
@inline function unaryOfKind<T>(kind: i32, out: usize, x: usize, n: i32): void {
  switch (kind) {
    case UnaryIndex.abs: absMap<T>(out, x, n); break
    case UnaryIndex.sqrt: sqrtMap<T>(out, x, n); break
    default: signMap<T>(out, x, n)
  }
}

/** kind = an index of UnaryIndex. */
export function unaryF32(kind: i32, out: usize, x: usize, n: i32): void { unaryOfKind<f32>(kind, out, x, n) }
export function unaryF64(kind: i32, out: usize, x: usize, n: i32): void { unaryOfKind<f64>(kind, out, x, n) }

/** x < low ? low : (x > high ? high : x) for the element(s) at byte `offset`. */
// @ts-ignore: decorator
@inline function clampLanes<T, V>(out: usize, x: usize, offset: usize, lows: v128, highs: v128): void {
  const value = toVector<T, V>(loadLanes<T, V>(x + offset))
  const raised = v128.bitselect(lows, value, v128.lt<T>(value, lows))
  storeLanes<T, V>(out + offset, fromVector<T, V>(v128.bitselect(highs, raised, v128.gt<T>(raised, highs))))
}

// @ts-ignore: decorator
@inline function clamp<T>(out: usize, x: usize, low: T, high: T, n: i32): void {
  const lanes = lanesOf<T>()
  const lows = v128.splat<T>(low), highs = v128.splat<T>(high)
  let i = 0
  for (; i + lanes <= n; i += lanes) clampLanes<T, v128>(out, x, <usize>i * sizeof<T>(), lows, highs)
  for (; i < n; i++) clampLanes<T, T>(out, x, <usize>i * sizeof<T>(), lows, highs)
}

export function clampF32(out: usize, x: usize, low: f32, high: f32, n: i32): void { clamp<f32>(out, x, low, high, n) }
export function clampF64(out: usize, x: usize, low: f64, high: f64, n: i32): void { clamp<f64>(out, x, low, high, n) }

/** gradX = gradY where low ≤ x ≤ high, else 0 (NaN x: 0), for the element(s) at byte `offset`. */
// @ts-ignore: decorator
@inline function clampBackwardLanes<T, V>(gradX: usize, gradY: usize, x: usize, offset: usize, lows: v128, highs: v128): void {
  const value = toVector<T, V>(loadLanes<T, V>(x + offset))
  const inside = v128.and(v128.ge<T>(value, lows), v128.le<T>(value, highs))
  storeLanes<T, V>(gradX + offset, fromVector<T, V>(v128.and(toVector<T, V>(loadLanes<T, V>(gradY + offset)), inside)))
}

// @ts-ignore: decorator
@inline function clampBackward<T>(gradX: usize, gradY: usize, x: usize, low: T, high: T, n: i32): void {
  const lanes = lanesOf<T>()
  const lows = v128.splat<T>(low), highs = v128.splat<T>(high)
  let i = 0
  for (; i + lanes <= n; i += lanes) clampBackwardLanes<T, v128>(gradX, gradY, x, <usize>i * sizeof<T>(), lows, highs)
  for (; i < n; i++) clampBackwardLanes<T, T>(gradX, gradY, x, <usize>i * sizeof<T>(), lows, highs)
}

export function clampBackwardF32(gradX: usize, gradY: usize, x: usize, low: f32, high: f32, n: i32): void { clampBackward<f32>(gradX, gradY, x, low, high, n) }
export function clampBackwardF64(gradX: usize, gradY: usize, x: usize, low: f64, high: f64, n: i32): void { clampBackward<f64>(gradX, gradY, x, low, high, n) }
