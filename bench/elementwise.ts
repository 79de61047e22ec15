// Elementwise kernels at 1M elements: add, mul, row-bias add and column sums.
import type { BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import { filled } from './backends'

export function elementwiseCases(backends: Backend[]): BenchCase[] {
  const cases: BenchCase[] = []
  const n = 1 << 20
  for (const dtype of ['float32', 'float64'] as const) {
    for (const backend of backends) {
      const a = filled(backend, dtype, n, 1)
      const b = filled(backend, dtype, n, 2)
      const out = backend.alloc(dtype, n)
      const base = { family: 'elementwise', dtype, variant: backend.name, work: n, unit: 'G elem/s' }
      cases.push({ ...base, name: 'add 1M', run: () => backend.kernels.add(out, a, b, n) })
      cases.push({ ...base, name: 'mul 1M', run: () => backend.kernels.mul(out, a, b, n) })
      cases.push({ ...base, name: 'addRowBias 4096×256', run: () => backend.kernels.addRowBias(out, a, b, 4096, 256) })
      cases.push({ ...base, name: 'sumColumns 4096×256', run: () => backend.kernels.sumColumns(out, a, 4096, 256) })
    }
  }
  return cases
}
