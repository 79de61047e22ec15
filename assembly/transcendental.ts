// curvenet's own transcendentals, the names every kernel family imports: for each function NAME,
// NAMEF32(x: f32), NAMEF32x4(x: v128), NAMEF64(x: f64), NAMEF64x2(x: v128). Each scalar form is lane 0 of
// its vector form, so both give the same bits, equal to src/backend/js/transcendental.ts. Internal to
// the module (v128 parameters cannot be wasm exports): assembly/index.ts does not re-export this file.
import { expVector, expm1Vector, tanhVector, sigmoidVector } from './exponential'
import { logVector, log1pVector } from './logarithm'
import { sinVector, cosVector } from './trigonometric'

// @ts-ignore: decorator
@inline export function expF32x4(x: v128): v128 { return expVector<f32>(x) }
// @ts-ignore: decorator
@inline export function expF64x2(x: v128): v128 { return expVector<f64>(x) }
// @ts-ignore: decorator
@inline export function expF32(x: f32): f32 { return f32x4.extract_lane(expVector<f32>(f32x4.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function expF64(x: f64): f64 { return f64x2.extract_lane(expVector<f64>(f64x2.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function expm1F32x4(x: v128): v128 { return expm1Vector<f32>(x) }
// @ts-ignore: decorator
@inline export function expm1F64x2(x: v128): v128 { return expm1Vector<f64>(x) }
// @ts-ignore: decorator
@inline export function expm1F32(x: f32): f32 { return f32x4.extract_lane(expm1Vector<f32>(f32x4.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function expm1F64(x: f64): f64 { return f64x2.extract_lane(expm1Vector<f64>(f64x2.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function logF32x4(x: v128): v128 { return logVector<f32>(x) }
// @ts-ignore: decorator
@inline export function logF64x2(x: v128): v128 { return logVector<f64>(x) }
// @ts-ignore: decorator
@inline export function logF32(x: f32): f32 { return f32x4.extract_lane(logVector<f32>(f32x4.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function logF64(x: f64): f64 { return f64x2.extract_lane(logVector<f64>(f64x2.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function log1pF32x4(x: v128): v128 { return log1pVector<f32>(x) }
// @ts-ignore: decorator
@inline export function log1pF64x2(x: v128): v128 { return log1pVector<f64>(x) }
// @ts-ignore: decorator
@inline export function log1pF32(x: f32): f32 { return f32x4.extract_lane(log1pVector<f32>(f32x4.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function log1pF64(x: f64): f64 { return f64x2.extract_lane(log1pVector<f64>(f64x2.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function tanhF32x4(x: v128): v128 { return tanhVector<f32>(x) }
// @ts-ignore: decorator
@inline export function tanhF64x2(x: v128): v128 { return tanhVector<f64>(x) }
// @ts-ignore: decorator
@inline export function tanhF32(x: f32): f32 { return f32x4.extract_lane(tanhVector<f32>(f32x4.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function tanhF64(x: f64): f64 { return f64x2.extract_lane(tanhVector<f64>(f64x2.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function sigmoidF32x4(x: v128): v128 { return sigmoidVector<f32>(x) }
// @ts-ignore: decorator
@inline export function sigmoidF64x2(x: v128): v128 { return sigmoidVector<f64>(x) }
// @ts-ignore: decorator
@inline export function sigmoidF32(x: f32): f32 { return f32x4.extract_lane(sigmoidVector<f32>(f32x4.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function sigmoidF64(x: f64): f64 { return f64x2.extract_lane(sigmoidVector<f64>(f64x2.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function sinF32x4(x: v128): v128 { return sinVector<f32>(x) }
// @ts-ignore: decorator
@inline export function sinF64x2(x: v128): v128 { return sinVector<f64>(x) }
// @ts-ignore: decorator
@inline export function sinF32(x: f32): f32 { return f32x4.extract_lane(sinVector<f32>(f32x4.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function sinF64(x: f64): f64 { return f64x2.extract_lane(sinVector<f64>(f64x2.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function cosF32x4(x: v128): v128 { return cosVector<f32>(x) }
// @ts-ignore: decorator
@inline export function cosF64x2(x: v128): v128 { return cosVector<f64>(x) }
// @ts-ignore: decorator
@inline export function cosF32(x: f32): f32 { return f32x4.extract_lane(cosVector<f32>(f32x4.splat(x)), 0) }
// @ts-ignore: decorator
@inline export function cosF64(x: f64): f64 { return f64x2.extract_lane(cosVector<f64>(f64x2.splat(x)), 0) }
