// Thin wrapper over assembly/math.ts: typed-array views on the wasm memory → byte offsets, split over threads by chunks of
// elements.
import type { Kernels } from '../kernels'
import { MathIndex } from '../kernel-indices'
import { byDtype, elementAt as at, type WasmContext } from './context'

/** Elements per share granule; estimated ns per element on one thread (transcendental). */
const CHUNK = 64, NS_PER_ELEMENT = 1.5

export function mathKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'math'> {
  const math = byDtype(wasm.mathF32, wasm.mathF64)
  return {
    math: (name, out, x, n) => {
      threads.split(math(out), n, CHUNK, n * NS_PER_ELEMENT, (first, count) => [MathIndex[name], at(out, first), at(x, first), count])
    },
  }
}
