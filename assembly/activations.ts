// Activations and their gradients, f32x4 and f64x2: out[i] = f(x[i]) and gradX[i] = gradY[i]·f'(x[i])
// (sigmoid and tanh take f' from the forward output y). Raw byte offsets, any alignment; out may equal
// x and gradX may equal gradY (each element is read before it is written). Scalar tails are lane 0 of
// the same vector code. Must equal src/backend/js/activations.ts bit for bit.
import { sigmoidVector, tanhVector, expVector } from './exponential'
import { log1pVector } from './logarithm'
import { sinVector, cosVector } from './trigonometric'
import { constant, fromVector, lanesOf, loadLanes, signBit, storeLanes, toVector } from './lanes'
import { ActivationIndex } from '../src/backend/kernel-indices'

/** The tanh-form GELU 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) is x·σ(x·(A + B·x²)) exactly, since
 *  (1 + tanh u)/2 = σ(2u); the σ form keeps its relative accuracy for negative x (no 1 + tanh → 0). */
// @ts-ignore: decorator
@inline const GELU_A: f64 = 1.5957691216057308    // 2·√(2/π)
// @ts-ignore: decorator
@inline const GELU_B: f64 = 0.07135481627260025   // 2·√(2/π)·0.044715

// @ts-ignore: decorator
@inline function negate<T>(x: v128): v128 { return v128.xor(x, signBit<T>()) }

/** x·(A + B·x²): the argument of σ in GELU. */
// @ts-ignore: decorator
@inline function geluArgument<T>(x: v128): v128 {
  return v128.mul<T>(x, v128.add<T>(constant<T>(GELU_A), v128.mul<T>(constant<T>(GELU_B), v128.mul<T>(x, x))))
}

// @ts-ignore: decorator
@inline function forward<T>(kind: i32, x: v128, alpha: v128): v128 {
  if (kind == ActivationIndex.identity) return x
  if (kind == ActivationIndex.relu) return v128.pmax<T>(x, constant<T>(0))   // x < 0 ? 0 : x, so NaN and −0 pass through
  if (kind == ActivationIndex.leakyRelu) return v128.bitselect(v128.mul<T>(x, alpha), x, v128.lt<T>(x, constant<T>(0)))
  if (kind == ActivationIndex.sigmoid) return sigmoidVector<T>(x)
  if (kind == ActivationIndex.tanh) return tanhVector<T>(x)
  if (kind == ActivationIndex.silu) return v128.mul<T>(x, sigmoidVector<T>(x))
  if (kind == ActivationIndex.gelu) return v128.mul<T>(x, sigmoidVector<T>(geluArgument<T>(x)))
  if (kind == ActivationIndex.softplus) {
    // max(x, 0) + log1p(e^−|x|): e^−|x| ≤ 1 never overflows; −|x| = pmin(x, −x) keeps a NaN as x.
    const decay = expVector<T>(v128.pmin<T>(x, negate<T>(x)))
    return v128.add<T>(v128.pmax<T>(x, constant<T>(0)), log1pVector<T>(decay))
  }
  if (kind == ActivationIndex.sin) return sinVector<T>(x)
  return cosVector<T>(x)
}

/** f'(x) for the smooth activations, from x or from the forward output y. */
// @ts-ignore: decorator
@inline function derivative<T>(kind: i32, x: v128, y: v128): v128 {
  const one = constant<T>(1)
  if (kind == ActivationIndex.sigmoid) return v128.mul<T>(y, v128.sub<T>(one, y))
  if (kind == ActivationIndex.tanh) return v128.sub<T>(one, v128.mul<T>(y, y))
  if (kind == ActivationIndex.silu) {
    const s = sigmoidVector<T>(x)   // (x·σ(x))' = σ(x)·(1 + x·(1 − σ(x)))
    return v128.mul<T>(s, v128.add<T>(one, v128.mul<T>(x, v128.sub<T>(one, s))))
  }
  if (kind == ActivationIndex.gelu) {
    // (x·σ(v))' = σ(v)·(1 + x·(1 − σ(v))·v'), v = x·(A + B·x²), v' = A + 3B·x²
    const s = sigmoidVector<T>(geluArgument<T>(x))
    const slope = v128.add<T>(constant<T>(GELU_A), v128.mul<T>(constant<T>(3 * GELU_B), v128.mul<T>(x, x)))
    return v128.mul<T>(s, v128.add<T>(one, v128.mul<T>(v128.mul<T>(x, v128.sub<T>(one, s)), slope)))
  }
  if (kind == ActivationIndex.softplus) return sigmoidVector<T>(x)
  if (kind == ActivationIndex.sin) return cosVector<T>(x)
  return negate<T>(sinVector<T>(x))
}

/** out = f(x) for the element(s) at byte `offset`. */
// @ts-ignore: decorator
@inline function forwardLanes<T, V>(kind: i32, out: usize, x: usize, offset: usize, alpha: v128): void {
  storeLanes<T, V>(out + offset, fromVector<T, V>(forward<T>(kind, toVector<T, V>(loadLanes<T, V>(x + offset)), alpha)))
}

// @ts-ignore: decorator
@inline function forwardLoop<T>(kind: i32, out: usize, x: usize, n: i32, alpha: T): void {
  const lanes = lanesOf<T>()
  const alphaLanes = v128.splat<T>(alpha)
  let i = 0
  // Two vectors per step, loaded before either is stored: as in math.ts's map, and for the same measured reasons.
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    const offset = <usize>i * sizeof<T>()
    const first = v128.load(x + offset), second = v128.load(x + offset, 16)
    v128.store(out + offset, forward<T>(kind, first, alphaLanes))
    v128.store(out + offset, forward<T>(kind, second, alphaLanes), 16)
  }
  if (i + lanes <= n) {
    forwardLanes<T, v128>(kind, out, x, <usize>i * sizeof<T>(), alphaLanes)
    i += lanes
  }
  for (; i < n; i++) forwardLanes<T, T>(kind, out, x, <usize>i * sizeof<T>(), alphaLanes)
}

/** gradY·f'(x). The piecewise-linear ones select instead of multiplying, so an infinite gradY stays
 *  infinite or becomes +0, never NaN. relu'(0) = 0 (and leakyRelu'(0) = alpha): the left slope, as
 *  PyTorch and TensorFlow choose, so a unit sitting exactly at 0 passes no gradient; a NaN x takes the
 *  left branch too (x > 0 is false). */
// @ts-ignore: decorator
@inline function backwardStep<T>(kind: i32, gradY: v128, x: v128, y: v128, alpha: v128): v128 {
  if (kind == ActivationIndex.identity) return gradY
  if (kind == ActivationIndex.relu) return v128.and(gradY, v128.gt<T>(x, constant<T>(0)))
  if (kind == ActivationIndex.leakyRelu) return v128.bitselect(gradY, v128.mul<T>(gradY, alpha), v128.gt<T>(x, constant<T>(0)))
  return v128.mul<T>(gradY, derivative<T>(kind, x, y))
}

/** gradX = gradY·f'(x) for the element(s) at byte `offset`. */
// @ts-ignore: decorator
@inline function backwardLanes<T, V>(kind: i32, gradX: usize, gradY: usize, x: usize, y: usize, offset: usize, alpha: v128): void {
  const step = backwardStep<T>(kind, toVector<T, V>(loadLanes<T, V>(gradY + offset)), toVector<T, V>(loadLanes<T, V>(x + offset)),
    toVector<T, V>(loadLanes<T, V>(y + offset)), alpha)
  storeLanes<T, V>(gradX + offset, fromVector<T, V>(step))
}

// @ts-ignore: decorator
@inline function backwardLoop<T>(kind: i32, gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void {
  const lanes = lanesOf<T>()
  const alphaLanes = v128.splat<T>(alpha)
  let i = 0
  for (; i + lanes <= n; i += lanes) backwardLanes<T, v128>(kind, gradX, gradY, x, y, <usize>i * sizeof<T>(), alphaLanes)
  for (; i < n; i++) backwardLanes<T, T>(kind, gradX, gradY, x, y, <usize>i * sizeof<T>(), alphaLanes)
}

// Per-kind loops, the one answer for every family that takes a kind (activations, math, unary): one export
// per family and dtype takes the index from src/backend/kernel-indices.ts, and a switch calls one function per
// kind, so binaryen optimizes each loop for its constant kind. A shared loop with the choice inside ran
// 10–15% slower; loops inlined into the switch ran 1.4–3.6× slower (math, float32, measured in this layout).
// Measured result: the math and activation loops compile to the same wasm as one export per math function did.
function identityForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.identity, out, x, n, alpha) }
function reluForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.relu, out, x, n, alpha) }
function leakyReluForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.leakyRelu, out, x, n, alpha) }
function sigmoidForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.sigmoid, out, x, n, alpha) }
function tanhForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.tanh, out, x, n, alpha) }
function siluForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.silu, out, x, n, alpha) }
function geluForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.gelu, out, x, n, alpha) }
function softplusForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.softplus, out, x, n, alpha) }
function sinForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.sin, out, x, n, alpha) }
function cosForward<T>(out: usize, x: usize, n: i32, alpha: T): void { forwardLoop<T>(ActivationIndex.cos, out, x, n, alpha) }

// @ts-ignore: decorator
@inline function activationForward<T>(kind: i32, out: usize, x: usize, n: i32, alpha: T): void {
  switch (kind) {
    case ActivationIndex.identity: identityForward<T>(out, x, n, alpha); break
    case ActivationIndex.relu: reluForward<T>(out, x, n, alpha); break
    case ActivationIndex.leakyRelu: leakyReluForward<T>(out, x, n, alpha); break
    case ActivationIndex.sigmoid: sigmoidForward<T>(out, x, n, alpha); break
    case ActivationIndex.tanh: tanhForward<T>(out, x, n, alpha); break
    case ActivationIndex.silu: siluForward<T>(out, x, n, alpha); break
    case ActivationIndex.gelu: geluForward<T>(out, x, n, alpha); break
    case ActivationIndex.softplus: softplusForward<T>(out, x, n, alpha); break
    case ActivationIndex.sin: sinForward<T>(out, x, n, alpha); break
    default: cosForward<T>(out, x, n, alpha)
  }
}

function identityBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.identity, gradX, gradY, x, y, n, alpha) }
function reluBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.relu, gradX, gradY, x, y, n, alpha) }
function leakyReluBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.leakyRelu, gradX, gradY, x, y, n, alpha) }
function sigmoidBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.sigmoid, gradX, gradY, x, y, n, alpha) }
function tanhBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.tanh, gradX, gradY, x, y, n, alpha) }
function siluBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.silu, gradX, gradY, x, y, n, alpha) }
function geluBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.gelu, gradX, gradY, x, y, n, alpha) }
function softplusBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.softplus, gradX, gradY, x, y, n, alpha) }
function sinBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.sin, gradX, gradY, x, y, n, alpha) }
function cosBackward<T>(gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void { backwardLoop<T>(ActivationIndex.cos, gradX, gradY, x, y, n, alpha) }

// @ts-ignore: decorator
@inline function activationBackward<T>(kind: i32, gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: T): void {
  switch (kind) {
    case ActivationIndex.identity: identityBackward<T>(gradX, gradY, x, y, n, alpha); break
    case ActivationIndex.relu: reluBackward<T>(gradX, gradY, x, y, n, alpha); break
    case ActivationIndex.leakyRelu: leakyReluBackward<T>(gradX, gradY, x, y, n, alpha); break
    case ActivationIndex.sigmoid: sigmoidBackward<T>(gradX, gradY, x, y, n, alpha); break
    case ActivationIndex.tanh: tanhBackward<T>(gradX, gradY, x, y, n, alpha); break
    case ActivationIndex.silu: siluBackward<T>(gradX, gradY, x, y, n, alpha); break
    case ActivationIndex.gelu: geluBackward<T>(gradX, gradY, x, y, n, alpha); break
    case ActivationIndex.softplus: softplusBackward<T>(gradX, gradY, x, y, n, alpha); break
    case ActivationIndex.sin: sinBackward<T>(gradX, gradY, x, y, n, alpha); break
    default: cosBackward<T>(gradX, gradY, x, y, n, alpha)
  }
}

/** kind = an index of ActivationIndex; alpha is read by leakyRelu only. */
export function activationForwardF32(kind: i32, out: usize, x: usize, n: i32, alpha: f32): void { activationForward<f32>(kind, out, x, n, alpha) }
export function activationForwardF64(kind: i32, out: usize, x: usize, n: i32, alpha: f64): void { activationForward<f64>(kind, out, x, n, alpha) }
export function activationBackwardF32(kind: i32, gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: f32): void {
  activationBackward<f32>(kind, gradX, gradY, x, y, n, alpha)
}
export function activationBackwardF64(kind: i32, gradX: usize, gradY: usize, x: usize, y: usize, n: i32, alpha: f64): void {
  activationBackward<f64>(kind, gradX, gradY, x, y, n, alpha)
}
