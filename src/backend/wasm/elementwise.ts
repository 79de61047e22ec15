// Thin wrappers over assembly/elementwise.ts: typed-array views on the wasm memory → byte offsets, split over threads by
// chunks of elements or whole rows (sumColumns sums over rows, so it stays on one thread).
import type { Kernels } from '../kernels'
import { byDtype, elementAt as at, type WasmContext } from './context'

/** Elements per share granule (a multiple of every vector width); estimated ns per element on one thread. */
const CHUNK = 64, NS_PER_ELEMENT = 0.3

export function elementwiseKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'add' | 'sub' | 'mul' | 'div' | 'scale' | 'addRowBias' | 'sumRows' | 'sumColumns'> {
  const add = byDtype(wasm.addF32, wasm.addF64), sub = byDtype(wasm.subF32, wasm.subF64)
  const mul = byDtype(wasm.mulF32, wasm.mulF64), div = byDtype(wasm.divF32, wasm.divF64)
  const scale = byDtype(wasm.scaleF32, wasm.scaleF64), addRowBias = byDtype(wasm.addRowBiasF32, wasm.addRowBiasF64)
  const sumRows = byDtype(wasm.sumRowsF32, wasm.sumRowsF64), sumColumns = byDtype(wasm.sumColumnsF32, wasm.sumColumnsF64)
  const binary = (kernel: typeof add): Kernels['add'] => (out, a, b, n) => {
    threads.split(kernel(out), n, CHUNK, n * NS_PER_ELEMENT, (first, count) => [at(out, first), at(a, first), at(b, first), count])
  }
  return {
    add: binary(add), sub: binary(sub), mul: binary(mul), div: binary(div),
    scale: (out, a, s, n) => { threads.split(scale(out), n, CHUNK, n * NS_PER_ELEMENT, (first, count) => [at(out, first), at(a, first), s, count]) },
    addRowBias: (out, a, bias, rows, cols) => {
      threads.split(addRowBias(out), rows, 1, rows * cols * NS_PER_ELEMENT,
        (first, count) => [at(out, first * cols), at(a, first * cols), bias.byteOffset, count, cols])
    },
    sumRows: (out, a, rows, cols) => {
      threads.split(sumRows(out), rows, 1, rows * cols * NS_PER_ELEMENT, (first, count) => [at(out, first), at(a, first * cols), count, cols])
    },
    sumColumns: (out, a, rows, cols) => { sumColumns(out)(out.byteOffset, a.byteOffset, rows, cols) },
  }
}
