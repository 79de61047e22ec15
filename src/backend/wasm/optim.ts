// Thin wrappers over assembly/optim.ts: typed-array views on the wasm memory → byte offsets, options → scalar arguments (a
// float32 export rounds each option to float32 on the way in, as the js spec does), split over threads by chunks of
// parameters (each parameter's update reads only its own gradient and state).
import type { Kernels } from '../kernels'
import { byDtype, elementAt as at, type WasmContext } from './context'

/** Parameters per share granule; estimated ns per parameter on one thread. */
const CHUNK = 64, NS_PER_PARAMETER = 1

export function optimKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'sgdStep' | 'adamStep'> {
  const sgdStep = byDtype(wasm.sgdStepF32, wasm.sgdStepF64)
  const adamStep = byDtype(wasm.adamStepF32, wasm.adamStepF64)
  return {
    sgdStep: (params, grads, velocity, n, { lr, momentum, weightDecay, nesterov }) => {
      threads.split(sgdStep(params), n, CHUNK, n * NS_PER_PARAMETER,
        (first, count) => [at(params, first), at(grads, first), at(velocity, first), count, lr, momentum, weightDecay, nesterov ? 1 : 0])
    },
    adamStep: (params, grads, m, v, n, { lr, beta1, beta2, eps, weightDecay, decoupled, biasCorrection1, biasCorrection2 }) => {
      threads.split(adamStep(params), n, CHUNK, n * NS_PER_PARAMETER, (first, count) => [at(params, first), at(grads, first), at(m, first),
        at(v, first), count, lr, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0, biasCorrection1, biasCorrection2])
    },
  }
}
