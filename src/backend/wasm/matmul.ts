// Thin wrappers over assembly/matmul.ts: typed-array views on the wasm memory → byte offsets, plus
// the scratch block the backend reserved for packing (so a call never allocates or grows memory).
import type { Kernels } from '../kernels'
import { byDtype, type WasmContext } from './context'

export function matmulKernels({ exports: wasm, scratch }: WasmContext): Pick<Kernels, 'matmul' | 'matmulTransposeA' | 'matmulTransposeB'> {
  const matmul = byDtype(wasm.matmulF32, wasm.matmulF64)
  const transposeA = byDtype(wasm.matmulTransposeAF32, wasm.matmulTransposeAF64)
  const transposeB = byDtype(wasm.matmulTransposeBF32, wasm.matmulTransposeBF64)
  return {
    matmul: (out, a, b, m, k, n) => { matmul(out)(out.byteOffset, a.byteOffset, b.byteOffset, m, k, n, scratch) },
    matmulTransposeA: (out, a, b, m, k, n) => { transposeA(out)(out.byteOffset, a.byteOffset, b.byteOffset, m, k, n, scratch) },
    matmulTransposeB: (out, a, b, m, k, n) => { transposeB(out)(out.byteOffset, a.byteOffset, b.byteOffset, m, k, n, scratch) },
  }
}
