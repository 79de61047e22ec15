// Thin wrappers over assembly/matmul.ts: typed-array views on the wasm memory → byte offsets, plus each thread's scratch
// block for packing (so a call never allocates or grows memory). Threads share a product by rows of out: every out[i, j]
// is the same sum over the depth, in the same order, whichever thread computes its row.
import type { Kernels } from '../kernels'
import { byDtype, elementAt as at, type WasmContext } from './context'

/** Rows per share granule (one register tile); estimated ns per multiply–add on one thread. */
const ROWS = 4, NS_PER_MULTIPLY_ADD = 0.12

export function matmulKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'matmul' | 'matmulTransposeA' | 'matmulTransposeB'> {
  const matmul = byDtype(wasm.matmulF32, wasm.matmulF64)
  const transposeA = byDtype(wasm.matmulTransposeAF32, wasm.matmulTransposeAF64)
  const transposeB = byDtype(wasm.matmulTransposeBF32, wasm.matmulTransposeBF64)
  return {
    // rows of A·B and A·Bᵀ are rows of A: a share is the same call on offset pointers
    matmul: (out, a, b, m, k, n) => {
      threads.split(matmul(out), m, ROWS, m * k * n * NS_PER_MULTIPLY_ADD,
        (first, count, scratch) => [at(out, first * n), at(a, first * k), b.byteOffset, count, k, n, scratch])
    },
    matmulTransposeA: (out, a, b, m, k, n) => {
      threads.split(transposeA(out), m, ROWS, m * k * n * NS_PER_MULTIPLY_ADD,
        (first, count, scratch) => [out.byteOffset, a.byteOffset, b.byteOffset, m, k, n, scratch, first, count])
    },
    matmulTransposeB: (out, a, b, m, k, n) => {
      threads.split(transposeB(out), m, ROWS, m * k * n * NS_PER_MULTIPLY_ADD,
        (first, count, scratch) => [at(out, first * n), at(a, first * k), b.byteOffset, count, k, n, scratch])
    },
  }
}
