// Activation forward and backward at 1M elements: tanh, sigmoid, relu and gelu, both backends and dtypes.
import type { BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import type { ActivationName } from '../src/backend/kernels'
import { filled } from './backends'

const benchedActivations: ActivationName[] = ['tanh', 'sigmoid', 'relu', 'gelu']

export function activationCases(backends: Backend[]): BenchCase[] {
  const cases: BenchCase[] = []
  const n = 1 << 20
  for (const dtype of ['float32', 'float64'] as const) {
    for (const backend of backends) {
      const x = filled(backend, dtype, n, 5)
      for (let i = 0; i < n; i++) x[i] *= 4   // [−4, 4): the working range of tanh, sigmoid and gelu
      const gradY = filled(backend, dtype, n, 6)
      const y = backend.alloc(dtype, n)
      const gradX = backend.alloc(dtype, n)
      const base = { family: 'activations', dtype, variant: backend.name, work: n, unit: 'G elem/s' }
      for (const name of benchedActivations) {
        backend.kernels.activationForward(name, y, x, n, 0.01)   // y for the backward cases
        cases.push({ ...base, name: `${name} forward 1M`, run: () => backend.kernels.activationForward(name, y, x, n, 0.01) })
        cases.push({ ...base, name: `${name} backward 1M`, run: () => backend.kernels.activationBackward(name, gradX, gradY, x, y, n, 0.01) })
      }
    }
  }
  return cases
}
