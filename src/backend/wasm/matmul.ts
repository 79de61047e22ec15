// Thin wrappers over assembly/matmul.ts: typed-array views on the wasm memory → byte offsets, plus
// the scratch block the backend reserved for packing (so a call never allocates or grows memory).
import type { Kernels } from '../kernels'
import type { WasmContext } from './context'

export function matmulKernels({ exports: wasm, scratch }: WasmContext): Pick<Kernels, 'matmul' | 'matmulTransposeA' | 'matmulTransposeB'> {
  return {
    matmul: (out, a, b, m, k, n) => {
      (out instanceof Float32Array ? wasm.matmulF32 : wasm.matmulF64)(out.byteOffset, a.byteOffset, b.byteOffset, m, k, n, scratch)
    },
    matmulTransposeA: (out, a, b, m, k, n) => {
      (out instanceof Float32Array ? wasm.matmulTransposeAF32 : wasm.matmulTransposeAF64)(out.byteOffset, a.byteOffset, b.byteOffset, m, k, n, scratch)
    },
    matmulTransposeB: (out, a, b, m, k, n) => {
      (out instanceof Float32Array ? wasm.matmulTransposeBF32 : wasm.matmulTransposeBF64)(out.byteOffset, a.byteOffset, b.byteOffset, m, k, n, scratch)
    },
  }
}
