// Thin wrappers over assembly/activations.ts: typed-array views on the wasm memory → byte offsets, split over threads by
// chunks of elements.
import type { Kernels } from '../kernels'
import { ActivationIndex } from '../kernel-indices'
import { byDtype, elementAt as at, type WasmContext } from './context'

/** Elements per share granule; estimated ns per element on one thread (the transcendental ones). */
const CHUNK = 64, NS_PER_ELEMENT = 1.5

export function activationKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'activationForward' | 'activationBackward'> {
  const forward = byDtype(wasm.activationForwardF32, wasm.activationForwardF64)
  const backward = byDtype(wasm.activationBackwardF32, wasm.activationBackwardF64)
  return {
    activationForward: (name, out, x, n, alpha) => {
      threads.split(forward(out), n, CHUNK, n * NS_PER_ELEMENT, (first, count) => [ActivationIndex[name], at(out, first), at(x, first), count, alpha])
    },
    activationBackward: (name, gradX, gradY, x, y, n, alpha) => {
      threads.split(backward(gradX), n, CHUNK, n * NS_PER_ELEMENT,
        (first, count) => [ActivationIndex[name], at(gradX, first), at(gradY, first), at(x, first), at(y, first), count, alpha])
    },
  }
}
