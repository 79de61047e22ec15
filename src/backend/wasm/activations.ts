// Thin wrapper over assembly/activations.ts: typed-array views on the wasm memory → byte offsets, and
// the activation name → its index in activationNames.
import { activationNames, type Kernels } from '../kernels'
import type { WasmContext } from './context'

export function activationKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'activationForward' | 'activationBackward'> {
  return {
    activationForward: (name, out, x, n, alpha) => {
      (out instanceof Float32Array ? wasm.activationForwardF32 : wasm.activationForwardF64)(
        activationNames.indexOf(name), out.byteOffset, x.byteOffset, n, alpha)
    },
    activationBackward: (name, gradX, gradY, x, y, n, alpha) => {
      (gradX instanceof Float32Array ? wasm.activationBackwardF32 : wasm.activationBackwardF64)(
        activationNames.indexOf(name), gradX.byteOffset, gradY.byteOffset, x.byteOffset, y.byteOffset, n, alpha)
    },
  }
}
