// Thin wrappers over assembly/unary.ts: typed-array views on the wasm memory → byte offsets, split over threads by chunks
// of elements. Every family's wrapper (matmul.ts, elementwise.ts, …) has this shape on purpose — its share granule and cost
// estimate, byDtype picks of its exports, then one threads.split per kernel: a wrapper is a table of calls, not logic.
import type { Kernels } from '../kernels'
import { UnaryIndex } from '../kernel-indices'
import { byDtype, elementAt as at, type WasmContext } from './context'

/** Elements per share granule; estimated ns per element on one thread. */
const CHUNK = 64, NS_PER_ELEMENT = 0.5

export function unaryKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'unary' | 'clamp' | 'clampBackward'> {
  const unary = byDtype(wasm.unaryF32, wasm.unaryF64)
  const clamp = byDtype(wasm.clampF32, wasm.clampF64)
  const clampBackward = byDtype(wasm.clampBackwardF32, wasm.clampBackwardF64)
  return {
    unary: (name, out, x, n) => {
      threads.split(unary(out), n, CHUNK, n * NS_PER_ELEMENT, (first, count) => [UnaryIndex[name], at(out, first), at(x, first), count])
    },
    clamp: (out, x, low, high, n) => {
      threads.split(clamp(out), n, CHUNK, n * NS_PER_ELEMENT, (first, count) => [at(out, first), at(x, first), low, high, count])
    },
    clampBackward: (gradX, gradY, x, low, high, n) => {
      threads.split(clampBackward(gradX), n, CHUNK, n * NS_PER_ELEMENT,
        (first, count) => [at(gradX, first), at(gradY, first), at(x, first), low, high, count])
    },
  }
}
