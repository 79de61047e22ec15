// Thin wrappers over assembly/optim.ts: typed-array views on the wasm memory → byte offsets, options →
// scalar arguments (a float32 export rounds each option to float32 on the way in, as the js spec does).
import type { Kernels } from '../kernels'
import { byDtype, type WasmContext } from './context'

export function optimKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'sgdStep' | 'adamStep'> {
  const sgdStep = byDtype(wasm.sgdStepF32, wasm.sgdStepF64)
  const adamStep = byDtype(wasm.adamStepF32, wasm.adamStepF64)
  return {
    sgdStep: (params, grads, velocity, n, { lr, momentum, weightDecay, nesterov }) => {
      sgdStep(params)(params.byteOffset, grads.byteOffset, velocity.byteOffset, n, lr, momentum, weightDecay, nesterov ? 1 : 0)
    },
    adamStep: (params, grads, m, v, n, { lr, beta1, beta2, eps, weightDecay, decoupled, biasCorrection1, biasCorrection2 }) => {
      adamStep(params)(params.byteOffset, grads.byteOffset, m.byteOffset, v.byteOffset, n,
        lr, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0, biasCorrection1, biasCorrection2)
    },
  }
}
