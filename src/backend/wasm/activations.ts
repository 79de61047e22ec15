// Thin wrapper over assembly/activations.ts: typed-array views on the wasm memory → byte offsets, and
// the activation name → its index in the kernel-index table.
import type { Kernels } from '../kernels'
import { ActivationIndex } from '../kernel-indices'
import { byDtype, type WasmContext } from './context'

export function activationKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'activationForward' | 'activationBackward'> {
  const forward = byDtype(wasm.activationForwardF32, wasm.activationForwardF64)
  const backward = byDtype(wasm.activationBackwardF32, wasm.activationBackwardF64)
  return {
    activationForward: (name, out, x, n, alpha) => { forward(out)(ActivationIndex[name], out.byteOffset, x.byteOffset, n, alpha) },
    activationBackward: (name, gradX, gradY, x, y, n, alpha) => {
      backward(gradX)(ActivationIndex[name], gradX.byteOffset, gradY.byteOffset, x.byteOffset, y.byteOffset, n, alpha)
    },
  }
}
