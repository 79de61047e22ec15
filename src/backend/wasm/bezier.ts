// Thin wrappers over assembly/bezier.ts: typed-array views on the wasm memory → byte offsets, each thread's scratch block
// for the Bernstein weights, split over threads by blocks of parameters (each point is evaluated on its own).
import type { Kernels } from '../kernels'
import { byDtype, elementAt as at, type WasmContext } from './context'

/** Parameters per share granule; estimated ns per parameter and control-point coordinate on one thread. */
const CHUNK = 16, NS_PER_TERM = 0.5

export function bezierKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'bezierEvaluate' | 'bernsteinBasis'> {
  const evaluate = byDtype(wasm.bezierEvaluateF32, wasm.bezierEvaluateF64)
  const basis = byDtype(wasm.bernsteinBasisF32, wasm.bernsteinBasisF64)
  return {
    bezierEvaluate: (out, points, ts, degree, dimension, count) => {
      threads.split(evaluate(out), count, CHUNK, count * (degree + 1) * (dimension + 1) * NS_PER_TERM,
        (first, share, scratch) => [at(out, first * dimension), points.byteOffset, at(ts, first), degree, dimension, share, scratch])
    },
    bernsteinBasis: (out, ts, degree, count) => {
      threads.split(basis(out), count, CHUNK, count * (degree + 1) * NS_PER_TERM,
        (first, share) => [at(out, first * (degree + 1)), at(ts, first), degree, share])
    },
  }
}
