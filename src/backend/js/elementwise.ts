// Elementwise arithmetic, row-bias broadcast and row/column sums: the specification.
// Plain loops over row-major typed arrays; out may be a or b (never bias). Every operation is rounded
// to out's dtype (src/math/precision.ts); the kernels of the same names in assembly/elementwise.ts
// must equal this bit for bit.
import type { FloatArray, Kernels } from '../kernels'
import { roundingOf } from '../../math/precision'

export function add(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  const round = roundingOf(out)
  for (let i = 0; i < n; i++) out[i] = round(a[i] + b[i])
}

export function sub(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  const round = roundingOf(out)
  for (let i = 0; i < n; i++) out[i] = round(a[i] - b[i])
}

export function mul(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  const round = roundingOf(out)
  for (let i = 0; i < n; i++) out[i] = round(a[i] * b[i])
}

export function div(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  const round = roundingOf(out)
  for (let i = 0; i < n; i++) out[i] = round(a[i] / b[i])
}

export function scale(out: FloatArray, a: FloatArray, s: number, n: number): void {
  const round = roundingOf(out)
  const factor = round(s)
  for (let i = 0; i < n; i++) out[i] = round(a[i] * factor)
}

export function addRowBias(out: FloatArray, a: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  const round = roundingOf(out)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = round(a[r * cols + c] + bias[c])
  }
}

/** out[o] = Σ_i a[o·outerStride + i·innerStride] for o < outerCount, i ascending from 0 to innerCount − 1. */
function sumAlong(out: FloatArray, a: FloatArray, outerCount: number, innerCount: number, outerStride: number, innerStride: number): void {
  const round = roundingOf(out)
  for (let o = 0; o < outerCount; o++) {
    let total = 0
    for (let i = 0; i < innerCount; i++) total = round(total + a[o * outerStride + i * innerStride])
    out[o] = total
  }
}

export function sumRows(out: FloatArray, a: FloatArray, rows: number, cols: number): void {
  sumAlong(out, a, rows, cols, cols, 1)
}

export function sumColumns(out: FloatArray, a: FloatArray, rows: number, cols: number): void {
  sumAlong(out, a, cols, rows, 1, cols)
}

export const elementwiseKernels: Pick<Kernels, 'add' | 'sub' | 'mul' | 'div' | 'scale' | 'addRowBias' | 'sumRows' | 'sumColumns'> =
  { add, sub, mul, div, scale, addRowBias, sumRows, sumColumns }
