// Thin wrappers over assembly/unary.ts: typed-array views on the wasm memory → byte offsets, and the
// function name → its index in the kernel-index table.
import type { Kernels } from '../kernels'
import { UnaryIndex } from '../kernel-indices'
import { byDtype, type WasmContext } from './context'

export function unaryKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'unary' | 'clamp' | 'clampBackward'> {
  const unary = byDtype(wasm.unaryF32, wasm.unaryF64)
  const clamp = byDtype(wasm.clampF32, wasm.clampF64)
  const clampBackward = byDtype(wasm.clampBackwardF32, wasm.clampBackwardF64)
  return {
    unary: (name, out, x, n) => { unary(out)(UnaryIndex[name], out.byteOffset, x.byteOffset, n) },
    clamp: (out, x, low, high, n) => { clamp(out)(out.byteOffset, x.byteOffset, low, high, n) },
    clampBackward: (gradX, gradY, x, low, high, n) => { clampBackward(gradX)(gradX.byteOffset, gradY.byteOffset, x.byteOffset, low, high, n) },
  }
}
