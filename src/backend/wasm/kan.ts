// Thin wrappers over assembly/kan.ts and kan-backward.ts: typed-array views on the wasm memory → byte offsets; null → 0. Threads share the
// forward by blocks of samples (a sample's outputs are its own) and the backward by inputs (an input's coefficient and
// scale gradients, and its column of gradX, are its own; each still sums its samples in order).
import type { Kernels } from '../kernels'
import { byDtype, offsetOf, type WasmContext } from './context'

/** Samples per forward share granule (the kernel's basis block); estimated ns per sample, edge and basis term on one thread. */
const SAMPLES = 64, NS_PER_TERM = 0.3, NS_PER_BASIS = 8

export function kanKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'kanForward' | 'kanBackward'> {
  const forward = byDtype(wasm.kanForwardF32, wasm.kanForwardF64)
  const backward = byDtype(wasm.kanBackwardF32, wasm.kanBackwardF64)
  const nanoseconds = (batch: number, inputSize: number, outputSize: number, degree: number) =>
    batch * inputSize * ((degree + 1) * outputSize * NS_PER_TERM + NS_PER_BASIS)
  return {
    kanForward: (out, spans, values, derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, layout) => {
      const { batch, inputSize, outputSize, knotCount, degree, uniform, edges } = layout
      threads.split(forward(out), batch, SAMPLES, nanoseconds(batch, inputSize, outputSize, degree), (first, count) => [out.byteOffset,
        spans.byteOffset, values.byteOffset, offsetOf(derivatives), x.byteOffset, knots.byteOffset, coefficients.byteOffset,
        splineScale.byteOffset, offsetOf(baseValues), offsetOf(baseScale), batch, inputSize, outputSize, knotCount, degree, uniform ? 1 : 0,
        edges ? 1 : 0, first, count])
    },
    kanBackward: (gradX, gradBaseValues, gradCoefficients, gradSplineScale, gradBaseScale, gradOut, spans, values, derivatives,
      coefficients, splineScale, baseValues, baseScale, layout) => {
      const { batch, inputSize, outputSize, knotCount, degree, edges } = layout
      threads.split(backward(gradOut), inputSize, 1, 2 * nanoseconds(batch, inputSize, outputSize, degree), (first, count) => [offsetOf(gradX),
        offsetOf(gradBaseValues), gradCoefficients.byteOffset, gradSplineScale.byteOffset, offsetOf(gradBaseScale), gradOut.byteOffset,
        spans.byteOffset, values.byteOffset, offsetOf(derivatives), coefficients.byteOffset, splineScale.byteOffset, offsetOf(baseValues),
        offsetOf(baseScale), batch, inputSize, outputSize, knotCount, degree, edges ? 1 : 0, first, count])
    },
  }
}
