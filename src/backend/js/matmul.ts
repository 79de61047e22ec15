// Matrix products: the specification. Row-major typed arrays; out must not overlap a or b.
// Each out[i, j] starts at +0 and adds a[i, p]·b[p, j] for p = 0, 1, …, k−1 in that order, every
// product and sum rounded to the dtype (src/math/precision.ts); a NaN result is stored as the canonical
// NaN. matmul, matmulTransposeA and matmulTransposeB of assembly/matmul.ts must equal this bit for bit.
import type { FloatArray, Kernels } from '../kernels'
import { canonical, roundingOf } from '../../math/precision'

/** out[m×n] = A·B where A(i, p) = a[i·aRowStride + p·aDepthStride] and B(p, j) = b[p·bDepthStride + j·bColumnStride]. */
function multiply(out: FloatArray, a: FloatArray, b: FloatArray, m: number, k: number, n: number,
  aRowStride: number, aDepthStride: number, bDepthStride: number, bColumnStride: number): void {
  const round = roundingOf(out)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0
      for (let p = 0; p < k; p++) {
        sum = round(sum + round(a[i * aRowStride + p * aDepthStride] * b[p * bDepthStride + j * bColumnStride]))
      }
      out[i * n + j] = canonical(sum)   // a NaN input meeting ∞·0 adds two NaNs
    }
  }
}

export function matmul(out: FloatArray, a: FloatArray, b: FloatArray, m: number, k: number, n: number): void {
  multiply(out, a, b, m, k, n, k, 1, n, 1)
}

/** a is stored [k×m]. */
export function matmulTransposeA(out: FloatArray, a: FloatArray, b: FloatArray, m: number, k: number, n: number): void {
  multiply(out, a, b, m, k, n, 1, m, n, 1)
}

/** b is stored [n×k]. */
export function matmulTransposeB(out: FloatArray, a: FloatArray, b: FloatArray, m: number, k: number, n: number): void {
  multiply(out, a, b, m, k, n, k, 1, 1, k)
}

export const matmulKernels: Pick<Kernels, 'matmul' | 'matmulTransposeA' | 'matmulTransposeB'> =
  { matmul, matmulTransposeA, matmulTransposeB }
