// Gradient checking by central finite differences in float64: the analytic gradient from
// backward() against (f(x + h) − f(x − h)) / 2h for every element of every input.
import { expect } from 'vitest'
import { Tensor } from '../../src/tensor/tensor'
import { tensor } from '../../src/tensor/create'
import { noGrad } from '../../src/autograd/tape'
import { mul } from '../../src/ops/arithmetic'
import { sum } from '../../src/ops/reduce'
import { randomValues } from './oracle'

export interface GradInput { shape: number[]; low?: number; high?: number }

/**
 * Builds float64 inputs, reduces f's output to a scalar with fixed random weights (so every output
 * element matters differently), and compares analytic and numeric gradients.
 */
export function checkGradients(f: (...inputs: Tensor[]) => Tensor, inputs: GradInput[], seed: number, tolerance = 1e-6): void {
  const tensors = inputs.map((input, i) => {
    const size = input.shape.reduce((a, b) => a * b, 1)
    return tensor(randomValues(seed + i, size, input.low ?? -1, input.high ?? 1), { dtype: 'float64', shape: input.shape, requiresGrad: true })
  })
  const output = f(...tensors)
  const weights = tensor(randomValues(seed + 99, output.size, 0.5, 1.5), { dtype: 'float64', shape: [...output.shape] })
  const objective = (...xs: Tensor[]) => sum(mul(f(...xs), weights))
  objective(...tensors).backward()

  const h = 1e-6
  tensors.forEach((input, which) => {
    const analytic = input.grad
    expect(analytic, `input ${which} got no gradient`).not.toBeNull()
    // input.data afresh at every access: an objective() call may grow the wasm memory, which would
    // empty a view held across it (and silently drop the perturbation)
    for (let i = 0; i < input.size; i++) {
      const original = input.data[i]
      input.data[i] = original + h
      const plus = noGrad(() => objective(...tensors).item())
      input.data[i] = original - h
      const minus = noGrad(() => objective(...tensors).item())
      input.data[i] = original
      const numeric = (plus - minus) / (2 * h)
      const got = analytic!.data[i]
      const scale = Math.max(1, Math.abs(numeric))
      expect(Math.abs(got - numeric) / scale, `input ${which}, element ${i}: analytic ${got} vs numeric ${numeric}`).toBeLessThan(tolerance)
    }
  })
}
