// abs, sqrt, sign, clamp and clamp's gradient: the specification. out (gradX) may be x (gradY). Each
// result is one exact IEEE operation or a compare-and-select, rounded to out's dtype (src/math/precision.ts;
// sqrt in float64 then rounded once is float32's correctly rounded sqrt). unary, clamp and clampBackward
// of assembly/unary.ts must equal this bit for bit.
import type { FloatArray, Kernels, UnaryName } from '../kernels'
import { roundingOf } from '../../math/precision'

const unaryFunctions: Record<UnaryName, (x: number) => number> = {
  abs: Math.abs,
  sqrt: Math.sqrt,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),   // keeps ±0 and NaN, as the kernel's selects do
}

export function unary(name: UnaryName, out: FloatArray, x: FloatArray, n: number): void {
  const round = roundingOf(out)
  const f = unaryFunctions[name]
  for (let i = 0; i < n; i++) out[i] = round(f(x[i]))
}

export function clamp(out: FloatArray, x: FloatArray, low: number, high: number, n: number): void {
  const round = roundingOf(out)
  const lowest = round(low), highest = round(high)
  for (let i = 0; i < n; i++) {
    const raised = x[i] < lowest ? lowest : x[i]
    out[i] = raised > highest ? highest : raised
  }
}

export function clampBackward(gradX: FloatArray, gradY: FloatArray, x: FloatArray, low: number, high: number, n: number): void {
  const round = roundingOf(gradX)
  const lowest = round(low), highest = round(high)
  for (let i = 0; i < n; i++) gradX[i] = x[i] >= lowest && x[i] <= highest ? gradY[i] : 0
}

export const unaryKernels: Pick<Kernels, 'unary' | 'clamp' | 'clampBackward'> = { unary, clamp, clampBackward }
