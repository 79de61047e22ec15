// Rounding to a dtype, the one way every js spec file does it: after every float32 operation Math.fround,
// for float64 the value itself. The float64 result of +, −, ×, ÷ or sqrt on float32 inputs, rounded to
// float32, is exactly wasm's f32 result (53 ≥ 2·24 + 2 bits, so double rounding cannot differ); that is why
// assembly/ and these files agree bit for bit in both dtypes.

/** x rounded to float32 when `single`, else x itself: a direct Math.fround behind one predictable branch. The
 *  scalar math (exponential.ts, logarithm.ts) and the activations use it: their call sites see both dtypes in
 *  one process, and there it measured 1.1–1.25× faster than calling a dtype's Round closure (below). */
export function roundTo(single: boolean, x: number): number {
  return single ? Math.fround(x) : x
}

export type Round = (value: number) => number

// A kernel's loop picks its dtype's Round once and calls it per element. Both roundings are closures of one
// function literal, so V8 keeps inlining `round` at a call site that has seen both dtypes (two different
// functions there would turn every round into a real call, about 8× slower; Math.fround passed as a value has
// the same effect on the float64 path).
const rounding = (single: boolean): Round => (value) => (single ? Math.fround(value) : value)
export const roundSingle: Round = rounding(true)
export const roundDouble: Round = rounding(false)

/** The rounding of a dtype by name (math/ sits below backend/, so the name is spelt out rather than imported). */
export function roundingOfDtype(dtype: 'float32' | 'float64'): Round {
  return dtype === 'float32' ? roundSingle : roundDouble
}

/** The rounding of the array's dtype. */
export function roundingOf(array: Float32Array | Float64Array): Round {
  return array instanceof Float32Array ? roundSingle : roundDouble
}

/** NaN → the canonical quiet NaN, as the wasm kernels store it: which NaN an operation on two NaNs returns
 *  depends on the operand order the engine's compiler picked (even between tiers), so only NaN-ness is kept. */
export function canonical(value: number): number {
  return value !== value ? NaN : value
}
