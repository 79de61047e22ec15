// Thin wrappers over assembly/kan.ts: typed-array views on the wasm memory → byte offsets; null → 0; flags as 0/1.
import type { FloatArray, Kernels } from '../kernels'
import type { WasmContext } from './context'

const offsetOf = (array: FloatArray | null): number => (array === null ? 0 : array.byteOffset)

export function kanKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'kanForward' | 'kanBackward'> {
  return {
    kanForward: (out, spans, values, derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, layout) => {
      const { batch, inputSize, outputSize, knotCount, degree, uniform, edges } = layout;
      (out instanceof Float32Array ? wasm.kanForwardF32 : wasm.kanForwardF64)(out.byteOffset, spans.byteOffset, values.byteOffset,
        offsetOf(derivatives), x.byteOffset, knots.byteOffset, coefficients.byteOffset, splineScale.byteOffset, offsetOf(baseValues),
        offsetOf(baseScale), batch, inputSize, outputSize, knotCount, degree, uniform ? 1 : 0, edges ? 1 : 0)
    },
    kanBackward: (gradX, gradBaseValues, gradCoefficients, gradSplineScale, gradBaseScale, gradOut, spans, values, derivatives,
      coefficients, splineScale, baseValues, baseScale, layout) => {
      const { batch, inputSize, outputSize, knotCount, degree, edges } = layout;
      (gradOut instanceof Float32Array ? wasm.kanBackwardF32 : wasm.kanBackwardF64)(offsetOf(gradX), offsetOf(gradBaseValues),
        gradCoefficients.byteOffset, gradSplineScale.byteOffset, offsetOf(gradBaseScale), gradOut.byteOffset, spans.byteOffset,
        values.byteOffset, offsetOf(derivatives), coefficients.byteOffset, splineScale.byteOffset, offsetOf(baseValues), offsetOf(baseScale),
        batch, inputSize, outputSize, knotCount, degree, edges ? 1 : 0)
    },
  }
}
