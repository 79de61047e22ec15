// Elementwise transcendentals over arrays, f32x4 and f64x2: out[i] = f(x[i]) for the function f at index
// `kind` of MathIndex (src/backend/kernel-indices.ts). Raw byte offsets, any alignment; out may equal x (each
// element is read before it is written). The scalar tail is lane 0 of the same vector code. Must equal
// src/backend/js/math.ts bit for bit.
import { MathIndex } from '../src/backend/kernel-indices'
import { expVector, expm1Vector, sigmoidVector, tanhVector } from './exponential'
import { log1pVector, logVector } from './logarithm'
import { cosVector, sinVector } from './trigonometric'
import { fromVector, lanesOf, loadLanes, storeLanes, toVector } from './lanes'

// @ts-ignore: decorator
@inline function apply<T>(kind: i32, x: v128): v128 {
  if (kind == MathIndex.exp) return expVector<T>(x)
  if (kind == MathIndex.log) return logVector<T>(x)
  if (kind == MathIndex.tanh) return tanhVector<T>(x)
  if (kind == MathIndex.sigmoid) return sigmoidVector<T>(x)
  if (kind == MathIndex.sin) return sinVector<T>(x)
  if (kind == MathIndex.cos) return cosVector<T>(x)
  if (kind == MathIndex.expm1) return expm1Vector<T>(x)
  return log1pVector<T>(x)
}

/** out = f(x) for the element(s) at byte `offset`. */
// @ts-ignore: decorator
@inline function mapLanes<T, V>(kind: i32, out: usize, x: usize, offset: usize): void {
  storeLanes<T, V>(out + offset, fromVector<T, V>(apply<T>(kind, toVector<T, V>(loadLanes<T, V>(x + offset)))))
}

// @ts-ignore: decorator
@inline function map<T>(kind: i32, out: usize, x: usize, n: i32): void {
  const lanes = lanesOf<T>()
  let i = 0
  // Two vectors per step, both loaded before either is stored (out may be x, so a store would keep the second
  // load behind it): the two chains overlap and the loop overhead halves. It also keeps each per-kind loop big
  // enough that binaryen does not inline it into the switch, where it ran 1.4–3.6× slower (measured).
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    const offset = <usize>i * sizeof<T>()
    const first = v128.load(x + offset), second = v128.load(x + offset, 16)
    v128.store(out + offset, apply<T>(kind, first))
    v128.store(out + offset, apply<T>(kind, second), 16)
  }
  if (i + lanes <= n) {
    mapLanes<T, v128>(kind, out, x, <usize>i * sizeof<T>())
    i += lanes
  }
  for (; i < n; i++) mapLanes<T, T>(kind, out, x, <usize>i * sizeof<T>())
}

// One function per kind, called through the switch below: see "Per-kind loops" in activations.ts.
function expMap<T>(out: usize, x: usize, n: i32): void { map<T>(MathIndex.exp, out, x, n) }
function logMap<T>(out: usize, x: usize, n: i32): void { map<T>(MathIndex.log, out, x, n) }
function tanhMap<T>(out: usize, x: usize, n: i32): void { map<T>(MathIndex.tanh, out, x, n) }
function sigmoidMap<T>(out: usize, x: usize, n: i32): void { map<T>(MathIndex.sigmoid, out, x, n) }
function sinMap<T>(out: usize, x: usize, n: i32): void { map<T>(MathIndex.sin, out, x, n) }
function cosMap<T>(out: usize, x: usize, n: i32): void { map<T>(MathIndex.cos, out, x, n) }
function expm1Map<T>(out: usize, x: usize, n: i32): void { map<T>(MathIndex.expm1, out, x, n) }
function log1pMap<T>(out: usize, x: usize, n: i32): void { map<T>(MathIndex.log1p, out, x, n) }

// @ts-ignore: decorator
@inline function mathOfKind<T>(kind: i32, out: usize, x: usize, n: i32): void {
  switch (kind) {
    case MathIndex.exp: expMap<T>(out, x, n); break
    case MathIndex.log: logMap<T>(out, x, n); break
    case MathIndex.tanh: tanhMap<T>(out, x, n); break
    case MathIndex.sigmoid: sigmoidMap<T>(out, x, n); break
    case MathIndex.sin: sinMap<T>(out, x, n); break
    case MathIndex.cos: cosMap<T>(out, x, n); break
    case MathIndex.expm1: expm1Map<T>(out, x, n); break
    default: log1pMap<T>(out, x, n)
  }
}

/** kind = an index of MathIndex. */
export function mathF32(kind: i32, out: usize, x: usize, n: i32): void { mathOfKind<f32>(kind, out, x, n) }
export function mathF64(kind: i32, out: usize, x: usize, n: i32): void { mathOfKind<f64>(kind, out, x, n) }
