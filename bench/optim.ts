// Optimizer steps over 1M parameters: SGD with momentum and weight decay, and AdamW.
// All arrays of one dtype and backend are slices of one block made in `prepare`, right before the
// first case runs: any further allocation may grow the wasm memory and detach views made before it.
import type { BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import type { FloatArray } from '../src/backend/kernels'

export function optimCases(backends: Backend[]): BenchCase[] {
  const cases: BenchCase[] = []
  const n = 1 << 20
  const sgd = { lr: 1e-3, momentum: 0.9, weightDecay: 1e-4, nesterov: false }
  const adam = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-2, decoupled: true,
    biasCorrection1: 1 - 0.9 ** 10, biasCorrection2: 1 - 0.999 ** 10 }
  for (const dtype of ['float32', 'float64'] as const) {
    for (const backend of backends) {
      let params: FloatArray, grads: FloatArray, first: FloatArray, second: FloatArray
      const prepare = () => {
        const block = backend.alloc(dtype, 4 * n);
        [params, grads, first, second] = [0, 1, 2, 3].map((k) => block.subarray(k * n, (k + 1) * n))
        for (let i = 0; i < n; i++) { params[i] = Math.sin(i); grads[i] = Math.cos(3 * i) }
      }
      const base = { family: 'optim', dtype, variant: backend.name, work: n, unit: 'G elem/s' }
      cases.push({ ...base, name: 'sgdStep momentum 1M', prepare, run: () => backend.kernels.sgdStep(params, grads, first, n, sgd) })
      cases.push({ ...base, name: 'adamStep AdamW 1M', run: () => backend.kernels.adamStep(params, grads, first, second, n, adam) })
    }
  }
  return cases
}
