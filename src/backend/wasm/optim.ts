// Thin wrappers over assembly/optim.ts: typed-array views on the wasm memory → byte offsets, options →
// scalar arguments (a float32 export rounds each option to float32 on the way in, as the js spec does).
import type { Kernels } from '../kernels'
import type { WasmContext } from './context'

export function optimKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'sgdStep' | 'adamStep'> {
  return {
    sgdStep: (params, grads, velocity, n, { lr, momentum, weightDecay, nesterov }) => {
      (params instanceof Float32Array ? wasm.sgdStepF32 : wasm.sgdStepF64)(
        params.byteOffset, grads.byteOffset, velocity.byteOffset, n, lr, momentum, weightDecay, nesterov ? 1 : 0)
    },
    adamStep: (params, grads, m, v, n, { lr, beta1, beta2, eps, weightDecay, decoupled, biasCorrection1, biasCorrection2 }) => {
      (params instanceof Float32Array ? wasm.adamStepF32 : wasm.adamStepF64)(
        params.byteOffset, grads.byteOffset, m.byteOffset, v.byteOffset, n,
        lr, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0, biasCorrection1, biasCorrection2)
    },
  }
}
