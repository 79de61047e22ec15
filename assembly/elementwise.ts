// Elementwise arithmetic, row-bias broadcast and row/column sums, f32x4 and f64x2.
// Layout: row-major, raw byte offsets, any alignment (v128 loads are unaligned-safe).
// Aliasing: elementwise out may equal an input; sums must not overlap. Must equal src/backend/js/elementwise.ts bit for bit.

const ADD = 0
const SUB = 1
const MUL = 2
const DIV = 3

// @ts-ignore: decorator
@inline function applyVector<T>(op: i32, x: v128, y: v128): v128 {
  if (op == ADD) return v128.add<T>(x, y)
  if (op == SUB) return v128.sub<T>(x, y)
  if (op == MUL) return v128.mul<T>(x, y)
  return v128.div<T>(x, y)
}

// @ts-ignore: decorator
@inline function applyScalar<T>(op: i32, x: T, y: T): T {
  if (op == ADD) return x + y
  if (op == SUB) return x - y
  if (op == MUL) return x * y
  return x / y
}

// @ts-ignore: decorator
@inline function binary<T>(op: i32, out: usize, a: usize, b: usize, n: i32): void {
  const lanes = 16 / sizeof<T>()
  let i = 0
  for (; i + lanes <= n; i += lanes) {
    const offset = <usize>i * sizeof<T>()
    v128.store(out + offset, applyVector<T>(op, v128.load(a + offset), v128.load(b + offset)))
  }
  for (; i < n; i++) {
    const offset = <usize>i * sizeof<T>()
    store<T>(out + offset, applyScalar<T>(op, load<T>(a + offset), load<T>(b + offset)))
  }
}

export function addF32(out: usize, a: usize, b: usize, n: i32): void { binary<f32>(ADD, out, a, b, n) }
export function subF32(out: usize, a: usize, b: usize, n: i32): void { binary<f32>(SUB, out, a, b, n) }
export function mulF32(out: usize, a: usize, b: usize, n: i32): void { binary<f32>(MUL, out, a, b, n) }
export function divF32(out: usize, a: usize, b: usize, n: i32): void { binary<f32>(DIV, out, a, b, n) }
export function addF64(out: usize, a: usize, b: usize, n: i32): void { binary<f64>(ADD, out, a, b, n) }
export function subF64(out: usize, a: usize, b: usize, n: i32): void { binary<f64>(SUB, out, a, b, n) }
export function mulF64(out: usize, a: usize, b: usize, n: i32): void { binary<f64>(MUL, out, a, b, n) }
export function divF64(out: usize, a: usize, b: usize, n: i32): void { binary<f64>(DIV, out, a, b, n) }

// @ts-ignore: decorator
@inline function scale<T>(out: usize, a: usize, s: T, n: i32): void {
  const lanes = 16 / sizeof<T>()
  const factor = v128.splat<T>(s)
  let i = 0
  for (; i + lanes <= n; i += lanes) {
    const offset = <usize>i * sizeof<T>()
    v128.store(out + offset, v128.mul<T>(v128.load(a + offset), factor))
  }
  for (; i < n; i++) {
    const offset = <usize>i * sizeof<T>()
    store<T>(out + offset, load<T>(a + offset) * s)
  }
}

export function scaleF32(out: usize, a: usize, s: f32, n: i32): void { scale<f32>(out, a, s, n) }
export function scaleF64(out: usize, a: usize, s: f64, n: i32): void { scale<f64>(out, a, s, n) }

/** out[r, c] = a[r, c] + bias[c]: each row is one vector add against the bias row. */
// @ts-ignore: decorator
@inline function addRowBias<T>(out: usize, a: usize, bias: usize, rows: i32, cols: i32): void {
  const rowBytes = <usize>cols * sizeof<T>()
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * rowBytes
    binary<T>(ADD, out + offset, a + offset, bias, cols)
  }
}

export function addRowBiasF32(out: usize, a: usize, bias: usize, rows: i32, cols: i32): void { addRowBias<f32>(out, a, bias, rows, cols) }
export function addRowBiasF64(out: usize, a: usize, bias: usize, rows: i32, cols: i32): void { addRowBias<f64>(out, a, bias, rows, cols) }

/** out[r] = Σ_c a[r, c] in c order. The sum runs along a row, so it stays scalar: no reordering. */
// @ts-ignore: decorator
@inline function sumRows<T>(out: usize, a: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = a + <usize>r * <usize>cols * sizeof<T>()
    let total: T = 0
    for (let c = 0; c < cols; c++) total += load<T>(row + <usize>c * sizeof<T>())
    store<T>(out + <usize>r * sizeof<T>(), total)
  }
}

export function sumRowsF32(out: usize, a: usize, rows: i32, cols: i32): void { sumRows<f32>(out, a, rows, cols) }
export function sumRowsF64(out: usize, a: usize, rows: i32, cols: i32): void { sumRows<f64>(out, a, rows, cols) }

/**
 * out[c] = Σ_r a[r, c] in r order: out starts at zero and each row is added to it in turn, which
 * streams memory row by row yet keeps every column's own summation order.
 */
// @ts-ignore: decorator
@inline function sumColumns<T>(out: usize, a: usize, rows: i32, cols: i32): void {
  memory.fill(out, 0, <usize>cols * sizeof<T>())
  const rowBytes = <usize>cols * sizeof<T>()
  for (let r = 0; r < rows; r++) binary<T>(ADD, out, out, a + <usize>r * rowBytes, cols)
}

export function sumColumnsF32(out: usize, a: usize, rows: i32, cols: i32): void { sumColumns<f32>(out, a, rows, cols) }
export function sumColumnsF64(out: usize, a: usize, rows: i32, cols: i32): void { sumColumns<f64>(out, a, rows, cols) }
