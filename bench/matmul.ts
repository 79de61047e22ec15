// Matrix products, all three forms, at the shapes training uses. Work = 2·m·n·k FLOP per call.
// Shapes are m×k·k×n of the logical operands (Aᵀ and Bᵀ already transposed).
import type { BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import type { Kernels } from '../src/backend/kernels'
import { filled } from './backends'

type Form = 'matmul' | 'matmulTransposeA' | 'matmulTransposeB'
export const formNames: Record<Form, string> = { matmul: 'A·B', matmulTransposeA: 'Aᵀ·B', matmulTransposeB: 'A·Bᵀ' }
const allForms: Form[] = ['matmul', 'matmulTransposeA', 'matmulTransposeB']

export const matmulShapes: { m: number, k: number, n: number, forms: Form[] }[] = [
  { m: 256, k: 256, n: 256, forms: allForms },
  { m: 64, k: 784, n: 128, forms: allForms },          // 784→128 layer forward, batch 64
  { m: 784, k: 64, n: 128, forms: ['matmulTransposeA'] },  // its weight gradient xᵀ·dy
  { m: 64, k: 128, n: 784, forms: ['matmulTransposeB'] },  // its input gradient dy·Wᵀ
  { m: 64, k: 128, n: 10, forms: ['matmul'] },          // the 128→10 head
  { m: 256, k: 2, n: 64, forms: ['matmul'] },          // 2→64 layer, batch 256
  { m: 256, k: 64, n: 64, forms: allForms },           // 64→64 layer and its gradients
  { m: 256, k: 64, n: 1, forms: ['matmul'] },          // 64→1 output layer
]

export function matmulCases(backends: Backend[]): BenchCase[] {
  const cases: BenchCase[] = []
  for (const dtype of ['float32', 'float64'] as const) {
    for (const { m, k, n, forms } of matmulShapes) {
      for (const form of forms) {
        for (const backend of backends) {
          const a = filled(backend, dtype, m * k, 1)
          const b = filled(backend, dtype, k * n, 2)
          const out = backend.alloc(dtype, m * n)
          const kernel: Kernels[Form] = backend.kernels[form]
          cases.push({
            family: 'matmul', name: `${formNames[form]} ${m}×${k}·${k}×${n}`, dtype, variant: backend.name,
            work: 2 * m * n * k, unit: 'GFLOP/s', run: () => kernel(out, a, b, m, k, n),
          })
        }
      }
    }
  }
  return cases
}
