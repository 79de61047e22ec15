// Activations and their gradients, f32x4 and f64x2: out[i] = f(x[i]) and gradX[i] = gradY[i]·f'(x[i])
// (sigmoid and tanh take f' from the forward output y). Raw byte offsets, any alignment; out may equal
// x and gradX may equal gradY (each element is read before it is written). Scalar tails are lane 0 of
// the same vector code. Must equal src/backend/js/activations.ts bit for bit.
import { sigmoidVector, tanhVector, expVector } from './exponential'
import { log1pVector } from './logarithm'
import { sinVector, cosVector } from './trigonometric'

// Indices in activationNames (src/backend/kernels.ts).
const IDENTITY = 0
const RELU = 1
const LEAKY_RELU = 2
const SIGMOID = 3
const TANH = 4
const SILU = 5
const GELU = 6
const SOFTPLUS = 7
const SIN = 8
const COS = 9

/** The tanh-form GELU 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) is x·σ(x·(A + B·x²)) exactly, since
 *  (1 + tanh u)/2 = σ(2u); the σ form keeps its relative accuracy for negative x (no 1 + tanh → 0). */
// @ts-ignore: decorator
@inline const GELU_A: f64 = 1.5957691216057308    // 2·√(2/π)
// @ts-ignore: decorator
@inline const GELU_B: f64 = 0.07135481627260025   // 2·√(2/π)·0.044715

// @ts-ignore: decorator
@inline function splat<T>(value: f64): v128 {
  return sizeof<T>() == 4 ? f32x4.splat(<f32>value) : f64x2.splat(value)
}

// @ts-ignore: decorator
@inline function negate<T>(x: v128): v128 { return v128.xor(x, splat<T>(-0.0)) }

/** x·(A + B·x²): the argument of σ in GELU. */
// @ts-ignore: decorator
@inline function geluArgument<T>(x: v128): v128 {
  return v128.mul<T>(x, v128.add<T>(splat<T>(GELU_A), v128.mul<T>(splat<T>(GELU_B), v128.mul<T>(x, x))))
}

// @ts-ignore: decorator
@inline function forward<T>(kind: i32, x: v128, alpha: v128): v128 {
  if (kind == IDENTITY) return x
  if (kind == RELU) return v128.pmax<T>(x, splat<T>(0))   // x < 0 ? 0 : x, so NaN and −0 pass through
  if (kind == LEAKY_RELU) return v128.bitselect(v128.mul<T>(x, alpha), x, v128.lt<T>(x, splat<T>(0)))
  if (kind == SIGMOID) return sigmoidVector<T>(x)
  if (kind == TANH) return tanhVector<T>(x)
  if (kind == SILU) return v128.mul<T>(x, sigmoidVector<T>(x))
  if (kind == GELU) return v128.mul<T>(x, sigmoidVector<T>(geluArgument<T>(x)))
  if (kind == SOFTPLUS) {
    // max(x, 0) + log1p(e^−|x|): e^−|x| ≤ 1 never overflows; −|x| = pmin(x, −x) keeps a NaN as x.
    const decay = expVector<T>(v128.pmin<T>(x, negate<T>(x)))
    return v128.add<T>(v128.pmax<T>(x, splat<T>(0)), log1pVector<T>(decay))
  }
  if (kind == SIN) return sinVector<T>(x)
  return cosVector<T>(x)
}

/** f'(x) for the smooth activations, from x or from the forward output y. */
// @ts-ignore: decorator
@inline function derivative<T>(kind: i32, x: v128, y: v128): v128 {
  const one = splat<T>(1)
  if (kind == SIGMOID) return v128.mul<T>(y, v128.sub<T>(one, y))
  if (kind == TANH) return v128.sub<T>(one, v128.mul<T>(y, y))
  if (kind == SILU) {
    const s = sigmoidVector<T>(x)   // (x·σ(x))' = σ(x)·(1 + x·(1 − σ(x)))
    return v128.mul<T>(s, v128.add<T>(one, v128.mul<T>(x, v128.sub<T>(one, s))))
  }
  if (kind == GELU) {
    // (x·σ(v))' = σ(v)·(1 + x·(1 − σ(v))·v'), v = x·(A + B·x²), v' = A + 3B·x²
    const s = sigmoidVector<T>(geluArgument<T>(x))
    const slope = v128.add<T>(splat<T>(GELU_A), v128.mul<T>(splat<T>(3 * GELU_B), v128.mul<T>(x, x)))
    return v128.mul<T>(s, v128.add<T>(one, v128.mul<T>(v128.mul<T>(x, v128.sub<T>(one, s)), slope)))
  }
  if (kind == SOFTPLUS) return sigmoidVector<T>(x)
  if (kind == SIN) return cosVector<T>(x)
  return negate<T>(sinVector<T>(x))
}

// @ts-ignore: decorator
@inline function lane0<T>(x: v128): T {
  return sizeof<T>() == 4 ? <T>f32x4.extract_lane(x, 0) : <T>f64x2.extract_lane(x, 0)
}

/** Two vectors per iteration, then one, then scalars as lane 0 of a vector: every element gets the same bits. */
// @ts-ignore: decorator
@inline function forwardLoop<T>(kind: i32, out: usize, x: usize, n: i32, alpha: T): void {
  const lanes = 16 / sizeof<T>()
  const alphaLanes = v128.splat<T>(alpha)
  let i = 0
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    const offset = <usize>i * sizeof<T>()
    const first = v128.load(x + offset)
    const second = v128.load(x + offset, 16)
    v128.store(out + offset, forward<T>(kind, first, alphaLanes))
    v128.store(out + offset, forward<T>(kind, second, alphaLanes), 16)
  }
  if (i + lanes <= n) {
    const offset = <usize>i * sizeof<T>()
    v128.store(out + offset, forward<T>(kind, v128.load(x + offset), alphaLanes))
    i += lanes
  }
  for (; i < n; i++) {
    const offset = <usize>i * sizeof<T>()
    store<T>(out + offset, lane0<T>(forward<T>(kind, v128.splat<T>(load<T>(x + offset)), alphaLanes)))
  }
}

/** gradY·f'(x). The piecewise-linear ones select instead of multiplying, so an infinite gradY stays
 *  infinite or becomes +0, never NaN. relu'(0) = 0 (and leakyRelu'(0) = alpha): the left slope, as
 *  PyTorch and TensorFlow choose, so a unit sitting exactly at 0 passes no gradient; a NaN x takes the
 *  left branch too (x > 0 is false). */
// @ts-ignore: decorator
@inline function backwardStep<T>(kind: i32, gradY: v128, x: v128, y: v128, alpha: v128): v128 {
  if (kind == IDENTITY) return gradY
  if (kind == RELU) return v128.and(gradY, v128.gt<T>(x, splat<T>(0)))
  if (kind == LEAKY_RELU) return v128.bitselect(gradY, v128.mul<T>(gradY, alpha), v128.gt<T>(x, splat<T>(0)))
  return v128.mul<T>(gradY, derivative<T>(kind, x, y))
}

// @ts-ignore: decorator
@inline function backwardLoop<T>(kind: i32, gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void {
  const lanes = 16 / sizeof<T>()
  const alphaLanes = v128.splat<T>(alpha)
  let i = 0
  for (; i + lanes <= n; i += lanes) {
    const offset = <usize>i * sizeof<T>()
    v128.store(gradX + offset, backwardStep<T>(kind, v128.load(gradY + offset), v128.load(x + offset), v128.load(y + offset), alphaLanes))
  }
  for (; i < n; i++) {
    const offset = <usize>i * sizeof<T>()
    const g = v128.splat<T>(load<T>(gradY + offset))
    store<T>(gradX + offset, lane0<T>(backwardStep<T>(kind, g, v128.splat<T>(load<T>(x + offset)), v128.splat<T>(load<T>(y + offset)), alphaLanes)))
  }
}

// One function per kind, so that binaryen optimizes each loop for its constant kind before inlining it
// into the switch below (with the loops inlined first, it folds them back into one loop that tests the
// kind on every element, 10–15% slower).
function identityForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(IDENTITY, out, x, n, alpha) }
function reluForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(RELU, out, x, n, alpha) }
function leakyReluForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(LEAKY_RELU, out, x, n, alpha) }
function sigmoidForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(SIGMOID, out, x, n, alpha) }
function tanhForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(TANH, out, x, n, alpha) }
function siluForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(SILU, out, x, n, alpha) }
function geluForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(GELU, out, x, n, alpha) }
function softplusForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(SOFTPLUS, out, x, n, alpha) }
function sinForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(SIN, out, x, n, alpha) }
function cosForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(COS, out, x, n, alpha) }

// @ts-ignore: decorator
@inline function activationForward<T>(kind: i32, out: usize, x: usize, n: i32, alpha: T): void {
  switch (kind) {
    case IDENTITY: identityForward<T>(out, x, n, alpha); break
    case RELU: reluForward<T>(out, x, n, alpha); break
    case LEAKY_RELU: leakyReluForward<T>(out, x, n, alpha); break
    case SIGMOID: sigmoidForward<T>(out, x, n, alpha); break
    case TANH: tanhForward<T>(out, x, n, alpha); break
    case SILU: siluForward<T>(out, x, n, alpha); break
    case GELU: geluForward<T>(out, x, n, alpha); break
    case SOFTPLUS: softplusForward<T>(out, x, n, alpha); break
    case SIN: sinForward<T>(out, x, n, alpha); break
    default: cosForward<T>(out, x, n, alpha)
  }
}

function identityBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(IDENTITY, gradX, gradY, x, y, n, alpha) }
function reluBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(RELU, gradX, gradY, x, y, n, alpha) }
function leakyReluBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(LEAKY_RELU, gradX, gradY, x, y, n, alpha) }
function sigmoidBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(SIGMOID, gradX, gradY, x, y, n, alpha) }
function tanhBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(TANH, gradX, gradY, x, y, n, alpha) }
function siluBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(SILU, gradX, gradY, x, y, n, alpha) }
function geluBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(GELU, gradX, gradY, x, y, n, alpha) }
function softplusBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(SOFTPLUS, gradX, gradY, x, y, n, alpha) }
function sinBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(SIN, gradX, gradY, x, y, n, alpha) }
function cosBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(COS, gradX, gradY, x, y, n, alpha) }

// @ts-ignore: decorator
@inline function activationBackward<T>(kind: i32, gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void {
  switch (kind) {
    case IDENTITY: identityBackward<T>(gradX, gradY, x, y, n, alpha); break
    case RELU: reluBackward<T>(gradX, gradY, x, y, n, alpha); break
    case LEAKY_RELU: leakyReluBackward<T>(gradX, gradY, x, y, n, alpha); break
    case SIGMOID: sigmoidBackward<T>(gradX, gradY, x, y, n, alpha); break
    case TANH: tanhBackward<T>(gradX, gradY, x, y, n, alpha); break
    case SILU: siluBackward<T>(gradX, gradY, x, y, n, alpha); break
    case GELU: geluBackward<T>(gradX, gradY, x, y, n, alpha); break
    case SOFTPLUS: softplusBackward<T>(gradX, gradY, x, y, n, alpha); break
    case SIN: sinBackward<T>(gradX, gradY, x, y, n, alpha); break
    default: cosBackward<T>(gradX, gradY, x, y, n, alpha)
  }
}

/** kind = index in activationNames; alpha is read by leakyRelu only. */
export function activationForwardF32(kind: i32, out: usize, x: usize, n: i32, alpha: f32): void { activationForward<f32>(kind, out, x, n, alpha) }
export function activationForwardF64(kind: i32, out: usize, x: usize, n: i32, alpha: f64): void { activationForward<f64>(kind, out, x, n, alpha) }
export function activationBackwardF32(kind: i32, gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: f32): void {
  activationBackward<f32>(kind, gradX, gradY, x, y, n, alpha)
}
export function activationBackwardF64(kind: i32, gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: f64): void {
  activationBackward<f64>(kind, gradX, gradY, x, y, n, alpha)
}
