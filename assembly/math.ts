// Elementwise transcendentals over arrays, f32x4 and f64x2: out[i] = f(x[i]) for each function of
// mathNames (src/backend/kernels.ts), one export `math<Name>F32/F64(out, x, n)` each. Raw byte offsets,
// any alignment; out may equal x (each element is read before it is written). Must equal
// src/backend/js/math.ts bit for bit.
import { expF32, expF32x4, expF64, expF64x2, expm1F32, expm1F32x4, expm1F64, expm1F64x2, logF32, logF32x4,
  logF64, logF64x2, log1pF32, log1pF32x4, log1pF64, log1pF64x2, tanhF32, tanhF32x4, tanhF64, tanhF64x2,
  sigmoidF32, sigmoidF32x4, sigmoidF64, sigmoidF64x2, sinF32, sinF32x4, sinF64, sinF64x2, cosF32, cosF32x4,
  cosF64, cosF64x2 } from './transcendental'

const EXP = 0
const LOG = 1
const TANH = 2
const SIGMOID = 3
const SIN = 4
const COS = 5
const EXPM1 = 6
const LOG1P = 7

// @ts-ignore: decorator
@inline function applyVector<T>(op: i32, x: v128): v128 {
  const single = sizeof<T>() == 4
  if (op == EXP) return single ? expF32x4(x) : expF64x2(x)
  if (op == LOG) return single ? logF32x4(x) : logF64x2(x)
  if (op == TANH) return single ? tanhF32x4(x) : tanhF64x2(x)
  if (op == SIGMOID) return single ? sigmoidF32x4(x) : sigmoidF64x2(x)
  if (op == SIN) return single ? sinF32x4(x) : sinF64x2(x)
  if (op == COS) return single ? cosF32x4(x) : cosF64x2(x)
  if (op == EXPM1) return single ? expm1F32x4(x) : expm1F64x2(x)
  return single ? log1pF32x4(x) : log1pF64x2(x)
}

// @ts-ignore: decorator
@inline function applyScalar<T>(op: i32, x: T): T {
  if (sizeof<T>() == 4) {
    const value = <f32>x
    if (op == EXP) return <T>expF32(value)
    if (op == LOG) return <T>logF32(value)
    if (op == TANH) return <T>tanhF32(value)
    if (op == SIGMOID) return <T>sigmoidF32(value)
    if (op == SIN) return <T>sinF32(value)
    if (op == COS) return <T>cosF32(value)
    if (op == EXPM1) return <T>expm1F32(value)
    return <T>log1pF32(value)
  }
  const value = <f64>x
  if (op == EXP) return <T>expF64(value)
  if (op == LOG) return <T>logF64(value)
  if (op == TANH) return <T>tanhF64(value)
  if (op == SIGMOID) return <T>sigmoidF64(value)
  if (op == SIN) return <T>sinF64(value)
  if (op == COS) return <T>cosF64(value)
  if (op == EXPM1) return <T>expm1F64(value)
  return <T>log1pF64(value)
}

/** Two vectors per iteration (halves the loop overhead), then one vector, then scalars: every lane is
 *  the same function of its own element, so the split changes no result. */
// @ts-ignore: decorator
@inline function map<T>(op: i32, out: usize, x: usize, n: i32): void {
  const lanes = 16 / sizeof<T>()
  let i = 0
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    const offset = <usize>i * sizeof<T>()
    const first = v128.load(x + offset)
    const second = v128.load(x + offset, 16)
    v128.store(out + offset, applyVector<T>(op, first))
    v128.store(out + offset, applyVector<T>(op, second), 16)
  }
  if (i + lanes <= n) {
    const offset = <usize>i * sizeof<T>()
    v128.store(out + offset, applyVector<T>(op, v128.load(x + offset)))
    i += lanes
  }
  for (; i < n; i++) {
    const offset = <usize>i * sizeof<T>()
    store<T>(out + offset, applyScalar<T>(op, load<T>(x + offset)))
  }
}

// One export per function and dtype, so that each loop holds one function's constants in registers
// (one shared loop with the choice inside ran 10–15% slower).
export function mathExpF32(out: usize, x: usize, n: i32): void { map<f32>(EXP, out, x, n) }
export function mathExpF64(out: usize, x: usize, n: i32): void { map<f64>(EXP, out, x, n) }
export function mathLogF32(out: usize, x: usize, n: i32): void { map<f32>(LOG, out, x, n) }
export function mathLogF64(out: usize, x: usize, n: i32): void { map<f64>(LOG, out, x, n) }
export function mathTanhF32(out: usize, x: usize, n: i32): void { map<f32>(TANH, out, x, n) }
export function mathTanhF64(out: usize, x: usize, n: i32): void { map<f64>(TANH, out, x, n) }
export function mathSigmoidF32(out: usize, x: usize, n: i32): void { map<f32>(SIGMOID, out, x, n) }
export function mathSigmoidF64(out: usize, x: usize, n: i32): void { map<f64>(SIGMOID, out, x, n) }
export function mathSinF32(out: usize, x: usize, n: i32): void { map<f32>(SIN, out, x, n) }
export function mathSinF64(out: usize, x: usize, n: i32): void { map<f64>(SIN, out, x, n) }
export function mathCosF32(out: usize, x: usize, n: i32): void { map<f32>(COS, out, x, n) }
export function mathCosF64(out: usize, x: usize, n: i32): void { map<f64>(COS, out, x, n) }
export function mathExpm1F32(out: usize, x: usize, n: i32): void { map<f32>(EXPM1, out, x, n) }
export function mathExpm1F64(out: usize, x: usize, n: i32): void { map<f64>(EXPM1, out, x, n) }
export function mathLog1pF32(out: usize, x: usize, n: i32): void { map<f32>(LOG1P, out, x, n) }
export function mathLog1pF64(out: usize, x: usize, n: i32): void { map<f64>(LOG1P, out, x, n) }
