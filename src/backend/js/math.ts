// Elementwise transcendentals over typed arrays: the specification. out[i] = f(x[i]) with curvenet's
// own functions from ./transcendental, float32 or float64 by the array type; out may be x.
// assembly/math.ts must equal this bit for bit.
import type { FloatArray, Kernels, MathName } from '../kernels'
import {
  cosF32, cosF64, expF32, expF64, expm1F32, expm1F64, log1pF32, log1pF64, logF32, logF64, sigmoidF32, sigmoidF64,
  sinF32, sinF64, tanhF32, tanhF64,
} from './transcendental'

const functions: Record<MathName, readonly [(x: number) => number, (x: number) => number]> = {
  exp: [expF32, expF64],
  log: [logF32, logF64],
  tanh: [tanhF32, tanhF64],
  sigmoid: [sigmoidF32, sigmoidF64],
  sin: [sinF32, sinF64],
  cos: [cosF32, cosF64],
  expm1: [expm1F32, expm1F64],
  log1p: [log1pF32, log1pF64],
}

export function math(name: MathName, out: FloatArray, x: FloatArray, n: number): void {
  const f = functions[name][out instanceof Float32Array ? 0 : 1]
  for (let i = 0; i < n; i++) out[i] = f(x[i])
}

export const mathKernels: Pick<Kernels, 'math'> = { math }
