// Thin wrappers over assembly/bezier.ts: typed-array views on the wasm memory → byte offsets; the
// Bernstein weights of bezierEvaluate go to the backend's scratch block (16·(bezierMaxDegree+1) bytes fit).
import type { Kernels } from '../kernels'
import { byDtype, type WasmContext } from './context'

export function bezierKernels({ exports: wasm, scratch }: WasmContext): Pick<Kernels, 'bezierEvaluate' | 'bernsteinBasis'> {
  const evaluate = byDtype(wasm.bezierEvaluateF32, wasm.bezierEvaluateF64)
  const basis = byDtype(wasm.bernsteinBasisF32, wasm.bernsteinBasisF64)
  return {
    bezierEvaluate: (out, points, ts, degree, dimension, count) => {
      evaluate(out)(out.byteOffset, points.byteOffset, ts.byteOffset, degree, dimension, count, scratch)
    },
    bernsteinBasis: (out, ts, degree, count) => { basis(out)(out.byteOffset, ts.byteOffset, degree, count) },
  }
}
