// Thin wrappers over assembly/kan.ts: typed-array views on the wasm memory → byte offsets; null → 0.
import type { Kernels } from '../kernels'
import { byDtype, offsetOf, type WasmContext } from './context'

export function kanKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'kanForward' | 'kanBackward'> {
  const forward = byDtype(wasm.kanForwardF32, wasm.kanForwardF64)
  const backward = byDtype(wasm.kanBackwardF32, wasm.kanBackwardF64)
  return {
    kanForward: (out, spans, values, derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, layout) => {
      const { batch, inputSize, outputSize, knotCount, degree, uniform, edges } = layout
      forward(out)(out.byteOffset, spans.byteOffset, values.byteOffset, offsetOf(derivatives), x.byteOffset, knots.byteOffset,
        coefficients.byteOffset, splineScale.byteOffset, offsetOf(baseValues), offsetOf(baseScale), batch, inputSize, outputSize, knotCount,
        degree, uniform, edges)
    },
    kanBackward: (gradX, gradBaseValues, gradCoefficients, gradSplineScale, gradBaseScale, gradOut, spans, values, derivatives,
      coefficients, splineScale, baseValues, baseScale, layout) => {
      const { batch, inputSize, outputSize, knotCount, degree, edges } = layout
      backward(gradOut)(offsetOf(gradX), offsetOf(gradBaseValues), gradCoefficients.byteOffset, gradSplineScale.byteOffset,
        offsetOf(gradBaseScale), gradOut.byteOffset, spans.byteOffset, values.byteOffset, offsetOf(derivatives), coefficients.byteOffset,
        splineScale.byteOffset, offsetOf(baseValues), offsetOf(baseScale), batch, inputSize, outputSize, knotCount, degree, edges)
    },
  }
}
