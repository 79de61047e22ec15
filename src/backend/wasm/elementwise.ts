// Thin wrappers over assembly/elementwise.ts: typed-array views on the wasm memory → byte offsets.
import type { Kernels } from '../kernels'
import type { WasmContext } from './context'

export function elementwiseKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'add' | 'sub' | 'mul' | 'div' | 'scale' | 'addRowBias' | 'sumRows' | 'sumColumns'> {
  return {
    add: (out, a, b, n) => { (out instanceof Float32Array ? wasm.addF32 : wasm.addF64)(out.byteOffset, a.byteOffset, b.byteOffset, n) },
    sub: (out, a, b, n) => { (out instanceof Float32Array ? wasm.subF32 : wasm.subF64)(out.byteOffset, a.byteOffset, b.byteOffset, n) },
    mul: (out, a, b, n) => { (out instanceof Float32Array ? wasm.mulF32 : wasm.mulF64)(out.byteOffset, a.byteOffset, b.byteOffset, n) },
    div: (out, a, b, n) => { (out instanceof Float32Array ? wasm.divF32 : wasm.divF64)(out.byteOffset, a.byteOffset, b.byteOffset, n) },
    scale: (out, a, s, n) => { (out instanceof Float32Array ? wasm.scaleF32 : wasm.scaleF64)(out.byteOffset, a.byteOffset, s, n) },
    addRowBias: (out, a, bias, rows, cols) => {
      (out instanceof Float32Array ? wasm.addRowBiasF32 : wasm.addRowBiasF64)(out.byteOffset, a.byteOffset, bias.byteOffset, rows, cols)
    },
    sumRows: (out, a, rows, cols) => { (out instanceof Float32Array ? wasm.sumRowsF32 : wasm.sumRowsF64)(out.byteOffset, a.byteOffset, rows, cols) },
    sumColumns: (out, a, rows, cols) => { (out instanceof Float32Array ? wasm.sumColumnsF32 : wasm.sumColumnsF64)(out.byteOffset, a.byteOffset, rows, cols) },
  }
}
