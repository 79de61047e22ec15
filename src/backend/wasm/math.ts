// Thin wrapper over assembly/math.ts: typed-array views on the wasm memory → byte offsets, and the
// function name → its index in the kernel-index table.
import type { Kernels } from '../kernels'
import { MathIndex } from '../kernel-indices'
import { byDtype, type WasmContext } from './context'

export function mathKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'math'> {
  const math = byDtype(wasm.mathF32, wasm.mathF64)
  return {
    math: (name, out, x, n) => { math(out)(MathIndex[name], out.byteOffset, x.byteOffset, n) },
  }
}
