// Elementwise arithmetic, row-bias broadcast and row/column sums, f32x4 and f64x2.
// Layout: row-major, raw byte offsets, any alignment (v128 loads are unaligned-safe).
// Aliasing: elementwise out may equal an input; sums must not overlap. Must equal src/backend/js/elementwise.ts bit for bit.
import { addLanes, divLanes, lanesOf, loadLanes, mulLanes, splatLanes, storeLanes, subLanes } from './lanes'

const ADD = 0
const SUB = 1
const MUL = 2
const DIV = 3

/** out = a ∘ b for the element(s) at byte `offset`. */
// @ts-ignore: decorator
@inline function binaryLanes<T, V>(op: i32, out: usize, a: usize, b: usize, offset: usize): void {
  const x = loadLanes<T, V>(a + offset), y = loadLanes<T, V>(b + offset)
  let result: V
  if (op == ADD) result = addLanes<T, V>(x, y)
  else if (op == SUB) result = subLanes<T, V>(x, y)
  else if (op == MUL) result = mulLanes<T, V>(x, y)
  else result = divLanes<T, V>(x, y)
  storeLanes<T, V>(out + offset, result)
}

// @ts-ignore: decorator
@inline function binary<T>(op: i32, out: usize, a: usize, b: usize, n: i32): void {
  const lanes = lanesOf<T>()
  let i = 0
  for (; i + lanes <= n; i += lanes) binaryLanes<T, v128>(op, out, a, b, <usize>i * sizeof<T>())
  for (; i < n; i++) binaryLanes<T, T>(op, out, a, b, <usize>i * sizeof<T>())
}

export function addF32(out: usize, a: usize, b: usize, n: i32): void { binary<f32>(ADD, out, a, b, n) }
export function subF32(out: usize, a: usize, b: usize, n: i32): void { binary<f32>(SUB, out, a, b, n) }
export function mulF32(out: usize, a: usize, b: usize, n: i32): void { binary<f32>(MUL, out, a, b, n) }
export function divF32(out: usize, a: usize, b: usize, n: i32): void { binary<f32>(DIV, out, a, b, n) }
export function addF64(out: usize, a: usize, b: usize, n: i32): void { binary<f64>(ADD, out, a, b, n) }
export function subF64(out: usize, a: usize, b: usize, n: i32): void { binary<f64>(SUB, out, a, b, n) }
export function mulF64(out: usize, a: usize, b: usize, n: i32): void { binary<f64>(MUL, out, a, b, n) }
export function divF64(out: usize, a: usize, b: usize, n: i32): void { binary<f64>(DIV, out, a, b, n) }

/** out = a·s for the element(s) at byte `offset`. */
// @ts-ignore: decorator
@inline function scaleLanes<T, V>(out: usize, a: usize, offset: usize, factor: V): void {
  storeLanes<T, V>(out + offset, mulLanes<T, V>(loadLanes<T, V>(a + offset), factor))
}

// @ts-ignore: decorator
@inline function scale<T>(out: usize, a: usize, s: T, n: i32): void {
  const lanes = lanesOf<T>()
  const factor = splatLanes<T, v128>(s)
  let i = 0
  for (; i + lanes <= n; i += lanes) scaleLanes<T, v128>(out, a, <usize>i * sizeof<T>(), factor)
  for (; i < n; i++) scaleLanes<T, T>(out, a, <usize>i * sizeof<T>(), s)
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
