// B-spline kernels at 10⁶ inputs — the cubic (order-4) basis on uniform (O(1) span guess) and non-uniform knots
// (binary search), with dB/dx as a KAN backward needs it, and 1-D and 2-D curve evaluation — plus fitBSpline at
// grid 1000 on 10⁵ points. Each (dtype, backend) group's arrays are one block made in the group's first `prepare`
// (freeing the previous group's): any other allocation may grow the wasm memory and detach views made before it.
import type { BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import type { DType, FloatArray } from '../src/backend/kernels'
import { init } from '../src/init'
import { fitBSpline } from '../src/curves/fit'
import { clampedKnots, uniformKnots } from '../src/curves/knots'

const count = 1_000_000
const degree = 3
const grid = 100
const perMillion = 1e3   // the harness divides work by seconds and by 1e9: work = count·1e3 reads as millions per second

interface Arrays { block: FloatArray; x: FloatArray; uniform: FloatArray; nonUniform: FloatArray; coefficients: FloatArray; values: FloatArray; derivatives: FloatArray; out: FloatArray; spans: Int32Array }

/** Knots 0…grid pushed towards the ends (x ↦ x·|x|^0.5): spans from 0.001 to 0.03 wide, so no O(1) guess. */
function nonUniformKnots(): Float64Array {
  return clampedKnots(Float64Array.from({ length: grid + 1 }, (_, j) => { const u = -1 + (2 * j) / grid; return u * Math.sqrt(Math.abs(u)) }), degree)
}

function allocate(backend: Backend, dtype: DType): Arrays {
  const uniformValues = uniformKnots(grid, degree), nonUniformValues = nonUniformKnots()
  const rows = count * (degree + 1), size = uniformValues.length - degree - 1
  const lengths = [count, uniformValues.length, nonUniformValues.length, 2 * size, rows, rows, 2 * count]
  const spanElements = dtype === 'float32' ? count : count / 2   // the Int32 spans share the block: 4 bytes each
  const block = backend.alloc(dtype, lengths.reduce((a, b) => a + b, 0) + spanElements)
  let offset = 0
  const [x, uniform, nonUniform, coefficients, values, derivatives, out] = lengths.map((length) => block.subarray(offset, (offset += length)))
  const spans = new Int32Array(block.buffer, block.byteOffset + offset * block.BYTES_PER_ELEMENT, count)
  for (let i = 0; i < count; i++) x[i] = -1 + 2 * ((i * 0.6180339887498949) % 1)
  uniform.set(uniformValues)
  nonUniform.set(nonUniformValues)
  for (let i = 0; i < coefficients.length; i++) coefficients[i] = ((i * 37) % 11) / 11 - 0.5
  return { block, x, uniform, nonUniform, coefficients, values, derivatives, out, spans }
}

export function bsplineCases(backends: Backend[]): BenchCase[] {
  const cases: BenchCase[] = []
  let previous: { backend: Backend; block: FloatArray } | undefined   // the last group's block, freed by the next group
  for (const dtype of ['float32', 'float64'] as const) {
    for (const backend of backends) {
      let a = {} as Arrays
      const prepare = () => {
        if (previous) previous.backend.free(previous.block)
        a = allocate(backend, dtype)
        previous = { backend, block: a.block }
      }
      const base = { family: 'bspline', dtype, variant: backend.name, work: count * perMillion, unit: 'M rows/s' }
      const basis = (knots: () => FloatArray, uniform: boolean, withDerivatives: boolean) => () =>
        backend.kernels.bsplineBasis(a.spans, a.values, withDerivatives ? a.derivatives : null, a.x, count, knots(), knots().length, degree, 'zero', uniform)
      cases.push({ ...base, name: 'cubic basis 1M, uniform knots', prepare, run: basis(() => a.uniform, true, false) })
      cases.push({ ...base, name: 'cubic basis 1M, non-uniform knots', run: basis(() => a.nonUniform, false, false) })
      cases.push({ ...base, name: 'cubic basis + dB/dx 1M, uniform', run: basis(() => a.uniform, true, true) })
      for (const dimension of [1, 2]) {
        cases.push({ ...base, name: `cubic curve ${dimension}-D 1M (atMany), uniform`, unit: 'M points/s', run: () =>
          backend.kernels.bsplineEvaluate(a.out, a.x, count, a.uniform, a.uniform.length, a.coefficients, dimension, degree, 'extrapolate', true) })
      }
    }
  }
  cases.push(...fitCases(backends))
  return cases
}

/** fitBSpline runs on the runtime of init(), so each variant's prepare initialises that backend. */
function fitCases(backends: Backend[]): BenchCase[] {
  const points = 100_000
  const xs = Float64Array.from({ length: points }, (_, i) => -1 + 2 * ((i * 0.6180339887498949) % 1))
  const ys = xs.map((x) => 1 / (1 + 25 * x * x))
  return backends.map((backend) => ({
    family: 'bspline', name: 'fitBSpline grid 1000, 10⁵ points', dtype: 'float64', variant: backend.name,
    work: points * perMillion, unit: 'M points/s',
    prepare: async () => { await init({ backend: backend.name, quiet: true, threads: 1 }) },
    run: () => { fitBSpline(xs, ys, { grid: 1000, range: [-1, 1] }) },
  }))
}
