// Thin wrappers over assembly/bspline.ts and bspline-evaluate.ts: typed-array views on the wasm memory → byte offsets; null → 0; the outside mode →
// its index in the kernel-index table. Split over threads by blocks of inputs (each input's span and basis are its own).
import type { Kernels } from '../kernels'
import { BsplineOutsideIndex } from '../kernel-indices'
import { byDtype, elementAt as at, type WasmContext } from './context'

/** Inputs per share granule; estimated ns per input and basis term on one thread. */
const CHUNK = 16, NS_PER_TERM = 1

export function bsplineKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'bsplineBasis' | 'bsplineEvaluate'> {
  const basis = byDtype(wasm.bsplineBasisF32, wasm.bsplineBasisF64)
  const evaluate = byDtype(wasm.bsplineEvaluateF32, wasm.bsplineEvaluateF64)
  return {
    bsplineBasis: (spans, values, derivatives, x, count, knots, knotCount, degree, outside, uniform) => {
      const width = degree + 1
      threads.split(basis(values), count, CHUNK, count * width * width * NS_PER_TERM, (first, share) => [at(spans, first),
        at(values, first * width), derivatives === null ? 0 : at(derivatives, first * width), at(x, first), share, knots.byteOffset, knotCount,
        degree, BsplineOutsideIndex[outside], uniform ? 1 : 0])
    },
    bsplineEvaluate: (out, x, count, knots, knotCount, coefficients, dimension, degree, outside, uniform) => {
      const width = degree + 1
      threads.split(evaluate(out), count, CHUNK, count * width * (width + dimension) * NS_PER_TERM, (first, share) => [at(out, first * dimension),
        at(x, first), share, knots.byteOffset, knotCount, coefficients.byteOffset, dimension, degree, BsplineOutsideIndex[outside], uniform ? 1 : 0])
    },
  }
}
