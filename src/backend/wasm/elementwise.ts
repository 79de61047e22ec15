// Thin wrappers over assembly/elementwise.ts: typed-array views on the wasm memory → byte offsets.
import type { Kernels } from '../kernels'
import { byDtype, type WasmContext } from './context'

export function elementwiseKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'add' | 'sub' | 'mul' | 'div' | 'scale' | 'addRowBias' | 'sumRows' | 'sumColumns'> {
  const add = byDtype(wasm.addF32, wasm.addF64), sub = byDtype(wasm.subF32, wasm.subF64)
  const mul = byDtype(wasm.mulF32, wasm.mulF64), div = byDtype(wasm.divF32, wasm.divF64)
  const scale = byDtype(wasm.scaleF32, wasm.scaleF64), addRowBias = byDtype(wasm.addRowBiasF32, wasm.addRowBiasF64)
  const sumRows = byDtype(wasm.sumRowsF32, wasm.sumRowsF64), sumColumns = byDtype(wasm.sumColumnsF32, wasm.sumColumnsF64)
  return {
    add: (out, a, b, n) => { add(out)(out.byteOffset, a.byteOffset, b.byteOffset, n) },
    sub: (out, a, b, n) => { sub(out)(out.byteOffset, a.byteOffset, b.byteOffset, n) },
    mul: (out, a, b, n) => { mul(out)(out.byteOffset, a.byteOffset, b.byteOffset, n) },
    div: (out, a, b, n) => { div(out)(out.byteOffset, a.byteOffset, b.byteOffset, n) },
    scale: (out, a, s, n) => { scale(out)(out.byteOffset, a.byteOffset, s, n) },
    addRowBias: (out, a, bias, rows, cols) => { addRowBias(out)(out.byteOffset, a.byteOffset, bias.byteOffset, rows, cols) },
    sumRows: (out, a, rows, cols) => { sumRows(out)(out.byteOffset, a.byteOffset, rows, cols) },
    sumColumns: (out, a, rows, cols) => { sumColumns(out)(out.byteOffset, a.byteOffset, rows, cols) },
  }
}
