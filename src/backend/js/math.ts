// Elementwise transcendentals over typed arrays: the specification. out[i] = f(x[i]) with curvenet's
// own scalar functions of out's dtype (src/math/); out may be x. The math kernel of assembly/math.ts
// must equal this bit for bit.
import type { FloatArray, Kernels, MathName } from '../kernels'
import { functionsOf } from '../../math/functions'

export function math(name: MathName, out: FloatArray, x: FloatArray, n: number): void {
  const f = functionsOf(out)[name]
  for (let i = 0; i < n; i++) out[i] = f(x[i])
}

export const mathKernels: Pick<Kernels, 'math'> = { math }
