// Thin wrappers over assembly/bspline.ts: typed-array views on the wasm memory → byte offsets; null → 0; the
// outside mode → its index in the kernel-index table.
import type { Kernels } from '../kernels'
import { BsplineOutsideIndex } from '../kernel-indices'
import { byDtype, offsetOf, type WasmContext } from './context'

export function bsplineKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'bsplineBasis' | 'bsplineEvaluate'> {
  const basis = byDtype(wasm.bsplineBasisF32, wasm.bsplineBasisF64)
  const evaluate = byDtype(wasm.bsplineEvaluateF32, wasm.bsplineEvaluateF64)
  return {
    bsplineBasis: (spans, values, derivatives, x, count, knots, knotCount, degree, outside, uniform) => {
      basis(values)(spans.byteOffset, values.byteOffset, offsetOf(derivatives), x.byteOffset, count, knots.byteOffset, knotCount, degree,
        BsplineOutsideIndex[outside], uniform)
    },
    bsplineEvaluate: (out, x, count, knots, knotCount, coefficients, dimension, degree, outside, uniform) => {
      evaluate(out)(out.byteOffset, x.byteOffset, count, knots.byteOffset, knotCount, coefficients.byteOffset, dimension, degree,
        BsplineOutsideIndex[outside], uniform)
    },
  }
}
