// Thin wrappers over assembly/bspline.ts: typed-array views on the wasm memory → byte offsets; flags as 0/1.
import type { Kernels } from '../kernels'
import type { WasmContext } from './context'

export function bsplineKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'bsplineBasis' | 'bsplineEvaluate'> {
  return {
    bsplineBasis: (spans, values, derivatives, x, count, knots, knotCount, degree, outside, uniform) => {
      (values instanceof Float32Array ? wasm.bsplineBasisF32 : wasm.bsplineBasisF64)(spans.byteOffset, values.byteOffset,
        derivatives === null ? 0 : derivatives.byteOffset, x.byteOffset, count, knots.byteOffset, knotCount, degree,
        outside === 'zero' ? 1 : 0, uniform ? 1 : 0)
    },
    bsplineEvaluate: (out, x, count, knots, knotCount, coefficients, dimension, degree, outside, uniform) => {
      (out instanceof Float32Array ? wasm.bsplineEvaluateF32 : wasm.bsplineEvaluateF64)(out.byteOffset, x.byteOffset, count,
        knots.byteOffset, knotCount, coefficients.byteOffset, dimension, degree, outside === 'zero' ? 1 : 0, uniform ? 1 : 0)
    },
  }
}
