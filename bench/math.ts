// curvenet's transcendentals at 1M elements: every function of the math kernel, both backends and dtypes.
import type { BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import { mathNames } from '../src/backend/kernels'
import { filled } from './backends'

export function mathCases(backends: Backend[]): BenchCase[] {
  const cases: BenchCase[] = []
  const n = 1 << 20
  for (const dtype of ['float32', 'float64'] as const) {
    for (const backend of backends) {
      // Ordinary inputs: x in [−4, 4) (the working range of exp, tanh, sigmoid), |x| + 1e−3 for log.
      const x = filled(backend, dtype, n, 3)
      const positive = backend.alloc(dtype, n)
      for (let i = 0; i < n; i++) {
        x[i] *= 4
        positive[i] = Math.abs(x[i]) + 1e-3
      }
      const out = backend.alloc(dtype, n)
      const base = { family: 'math', dtype, variant: backend.name, work: n, unit: 'G elem/s' }
      for (const name of mathNames) {
        const input = name === 'log' ? positive : x
        cases.push({ ...base, name: `${name} 1M`, run: () => backend.kernels.math(name, out, input, n) })
      }
    }
  }
  return cases
}
