// abs, sqrt, sign, clamp and clamp's gradient, f32x4 and f64x2; every op is exact IEEE arithmetic
// or a compare-and-select, so NaN and ±0 come out the same as src/backend/js/unary.ts, bit for bit.
// Layout: raw byte offsets, any alignment. Aliasing: out may equal x (gradX may equal gradY).

const ABS = 0
const SQRT = 1
const SIGN = 2

// @ts-ignore: decorator
@inline function unaryVector<T>(op: i32, x: v128): v128 {
  if (op == ABS) return v128.abs<T>(x)
  if (op == SQRT) return v128.sqrt<T>(x)
  // sign: 1 where x > 0, −1 where x < 0, x itself otherwise (keeps ±0 and NaN)
  const positive = v128.gt<T>(x, v128.splat<T>(0))
  const negative = v128.lt<T>(x, v128.splat<T>(0))
  return v128.bitselect(v128.splat<T>(1), v128.bitselect(v128.splat<T>(-1), x, negative), positive)
}

// @ts-ignore: decorator
@inline function unaryScalar<T>(op: i32, x: T): T {
  if (op == ABS) return abs<T>(x)
  if (op == SQRT) return sqrt<T>(x)
  return x > 0 ? <T>1 : (x < 0 ? <T>-1 : x)
}

// @ts-ignore: decorator
@inline function unary<T>(op: i32, out: usize, x: usize, n: i32): void {
  const lanes = 16 / sizeof<T>()
  let i = 0
  for (; i + lanes <= n; i += lanes) {
    const offset = <usize>i * sizeof<T>()
    v128.store(out + offset, unaryVector<T>(op, v128.load(x + offset)))
  }
  for (; i < n; i++) {
    const offset = <usize>i * sizeof<T>()
    store<T>(out + offset, unaryScalar<T>(op, load<T>(x + offset)))
  }
}

/** op: 0 abs, 1 sqrt, 2 sign (the order of unaryNames in src/backend/kernels.ts). */
export function unaryF32(op: i32, out: usize, x: usize, n: i32): void {
  if (op == ABS) unary<f32>(ABS, out, x, n)
  else if (op == SQRT) unary<f32>(SQRT, out, x, n)
  else unary<f32>(SIGN, out, x, n)
}

export function unaryF64(op: i32, out: usize, x: usize, n: i32): void {
  if (op == ABS) unary<f64>(ABS, out, x, n)
  else if (op == SQRT) unary<f64>(SQRT, out, x, n)
  else unary<f64>(SIGN, out, x, n)
}

// @ts-ignore: decorator
@inline function clamp<T>(out: usize, x: usize, low: T, high: T, n: i32): void {
  const lanes = 16 / sizeof<T>()
  const lows = v128.splat<T>(low), highs = v128.splat<T>(high)
  let i = 0
  for (; i + lanes <= n; i += lanes) {
    const offset = <usize>i * sizeof<T>()
    const value = v128.load(x + offset)
    const raised = v128.bitselect(lows, value, v128.lt<T>(value, lows))
    v128.store(out + offset, v128.bitselect(highs, raised, v128.gt<T>(raised, highs)))
  }
  for (; i < n; i++) {
    const offset = <usize>i * sizeof<T>()
    const value = load<T>(x + offset)
    const raised = value < low ? low : value
    store<T>(out + offset, raised > high ? high : raised)
  }
}

export function clampF32(out: usize, x: usize, low: f32, high: f32, n: i32): void { clamp<f32>(out, x, low, high, n) }
export function clampF64(out: usize, x: usize, low: f64, high: f64, n: i32): void { clamp<f64>(out, x, low, high, n) }

/** gradX = gradY where low ≤ x ≤ high, else 0 (NaN x: 0). */
// @ts-ignore: decorator
@inline function clampBackward<T>(gradX: usize, gradY: usize, x: usize, low: T, high: T, n: i32): void {
  const lanes = 16 / sizeof<T>()
  const lows = v128.splat<T>(low), highs = v128.splat<T>(high), zeros = v128.splat<T>(0)
  let i = 0
  for (; i + lanes <= n; i += lanes) {
    const offset = <usize>i * sizeof<T>()
    const value = v128.load(x + offset)
    const inside = v128.and(v128.ge<T>(value, lows), v128.le<T>(value, highs))
    v128.store(gradX + offset, v128.bitselect(v128.load(gradY + offset), zeros, inside))
  }
  for (; i < n; i++) {
    const offset = <usize>i * sizeof<T>()
    const value = load<T>(x + offset)
    store<T>(gradX + offset, value >= low && value <= high ? load<T>(gradY + offset) : <T>0)
  }
}

export function clampBackwardF32(gradX: usize, gradY: usize, x: usize, low: f32, high: f32, n: i32): void { clampBackward<f32>(gradX, gradY, x, low, high, n) }
export function clampBackwardF64(gradX: usize, gradY: usize, x: usize, low: f64, high: f64, n: i32): void { clampBackward<f64>(gradX, gradY, x, low, high, n) }
