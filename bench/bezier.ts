// Batched Bezier evaluation: a cubic at 10⁶ parameters in 2-D and in 768-D, js and wasm, in the dtype
// of the run, as points/s and as GB/s of output written. 10⁶ points of 768 coordinates (3–6 GB) cannot
// live in the wasm memory, so the 768-D case evaluates its parameters in calls of 1000 into one reused
// output block (3 MB in f32, 6 MB in f64); the js spec would take minutes for 10⁶ of them, so it runs
// 10⁴ (rates are per point and per byte, so the rows compare).
import type { BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import type { DType } from '../src/backend/kernels'
import { filled } from './backends'

const degree = 3
const shapes = [
  { name: 'cubic 2-D, 10⁶ t', dimension: 2, perCall: 1_000_000, calls: { js: 1, wasm: 1 } },
  { name: 'cubic 768-D, 10⁶ t (js 10⁴)', dimension: 768, perCall: 1000, calls: { js: 10, wasm: 1000 } },
]

export function bezierCases(backends: Backend[], dtype: DType): BenchCase[] {
  const cases: BenchCase[] = []
  for (const { name, dimension, perCall, calls: callsOf } of shapes) {
    for (const backend of backends) {
      const calls = callsOf[backend.name]
      const points = filled(backend, dtype, (degree + 1) * dimension, 3)
      const ts = backend.alloc(dtype, perCall * calls)
      ts.forEach((_, i) => { ts[i] = i / (ts.length - 1) })
      const out = backend.alloc(dtype, perCall * dimension)
      const run = () => {
        for (let call = 0; call < calls; call++) {
          backend.kernels.bezierEvaluate(out, points, ts.subarray(call * perCall, (call + 1) * perCall), degree, dimension, perCall)
        }
      }
      const count = perCall * calls
      const base = { family: 'bezier', dtype, variant: backend.name, run }
      cases.push({ ...base, name: `${name}: points`, work: count, unit: 'G points/s' })
      cases.push({ ...base, name: `${name}: output written`, work: count * dimension * ts.BYTES_PER_ELEMENT, unit: 'GB/s' })
    }
  }
  return cases
}
