// Elementwise arithmetic, row-bias broadcast and row/column sums: the specification.
// Plain loops over row-major typed arrays; storing into a Float32Array rounds each single
// operation to float32 exactly as wasm f32 arithmetic does. assembly/elementwise.ts must equal this.
import type { FloatArray, Kernels } from '../kernels'

export function add(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] + b[i]
}

export function sub(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] - b[i]
}

export function mul(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] * b[i]
}

export function div(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] / b[i]
}

export function scale(out: FloatArray, a: FloatArray, s: number, n: number): void {
  const factor = out instanceof Float32Array ? Math.fround(s) : s
  for (let i = 0; i < n; i++) out[i] = a[i] * factor
}

export function addRowBias(out: FloatArray, a: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = a[r * cols + c] + bias[c]
  }
}

export function sumRows(out: FloatArray, a: FloatArray, rows: number, cols: number): void {
  const round = out instanceof Float32Array ? Math.fround : (x: number) => x
  for (let r = 0; r < rows; r++) {
    let total = 0
    for (let c = 0; c < cols; c++) total = round(total + a[r * cols + c])
    out[r] = total
  }
}

export function sumColumns(out: FloatArray, a: FloatArray, rows: number, cols: number): void {
  const round = out instanceof Float32Array ? Math.fround : (x: number) => x
  for (let c = 0; c < cols; c++) {
    let total = 0
    for (let r = 0; r < rows; r++) total = round(total + a[r * cols + c])
    out[c] = total
  }
}

export const elementwiseKernels: Pick<Kernels, 'add' | 'sub' | 'mul' | 'div' | 'scale' | 'addRowBias' | 'sumRows' | 'sumColumns'> =
  { add, sub, mul, div, scale, addRowBias, sumRows, sumColumns }
