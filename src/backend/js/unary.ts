// abs, sqrt, sign, clamp and clamp's gradient: the specification of assembly/unary.ts.
// Each result is one exact IEEE operation or a compare-and-select, so storing into a Float32Array
// (or Math.fround of the float64 sqrt, which is correctly rounded) gives wasm's bits.
import type { FloatArray, Kernels, UnaryName } from '../kernels'

const unaryFunctions: Record<UnaryName, (x: number) => number> = {
  abs: Math.abs,
  sqrt: Math.sqrt,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),   // keeps ±0 and NaN, as the kernel's selects do
}

export function unary(name: UnaryName, out: FloatArray, x: FloatArray, n: number): void {
  const f = unaryFunctions[name]
  for (let i = 0; i < n; i++) out[i] = f(x[i])
}

export function clamp(out: FloatArray, x: FloatArray, low: number, high: number, n: number): void {
  const round = out instanceof Float32Array ? Math.fround : (value: number) => value
  const lowest = round(low), highest = round(high)
  for (let i = 0; i < n; i++) {
    const raised = x[i] < lowest ? lowest : x[i]
    out[i] = raised > highest ? highest : raised
  }
}

export function clampBackward(gradX: FloatArray, gradY: FloatArray, x: FloatArray, low: number, high: number, n: number): void {
  const round = gradX instanceof Float32Array ? Math.fround : (value: number) => value
  const lowest = round(low), highest = round(high)
  for (let i = 0; i < n; i++) gradX[i] = x[i] >= lowest && x[i] <= highest ? gradY[i] : 0
}

export const unaryKernels: Pick<Kernels, 'unary' | 'clamp' | 'clampBackward'> = { unary, clamp, clampBackward }
