// Thin wrappers over assembly/unary.ts.
import { unaryNames, type Kernels } from '../kernels'
import type { WasmContext } from './context'

export function unaryKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'unary' | 'clamp' | 'clampBackward'> {
  return {
    unary: (name, out, x, n) => { (out instanceof Float32Array ? wasm.unaryF32 : wasm.unaryF64)(unaryNames.indexOf(name), out.byteOffset, x.byteOffset, n) },
    clamp: (out, x, low, high, n) => { (out instanceof Float32Array ? wasm.clampF32 : wasm.clampF64)(out.byteOffset, x.byteOffset, low, high, n) },
    clampBackward: (gradX, gradY, x, low, high, n) => {
      (gradX instanceof Float32Array ? wasm.clampBackwardF32 : wasm.clampBackwardF64)(gradX.byteOffset, gradY.byteOffset, x.byteOffset, low, high, n)
    },
  }
}
