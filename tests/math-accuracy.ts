// Measures curvenet's transcendentals against tests/fixtures/math-reference.json (exact values from
// mpmath, see scripts/fixtures/math_reference.py): the largest error per function, dtype and input
// range, in ulps of the exact result and relative. tests/math.test.ts asserts bounds on these numbers;
// scripts/math-accuracy.mjs prints them as the README's table.
import type { Backend } from '../src/backend/backend'
import type { DType, MathName } from '../src/backend/kernels'
import reference from './fixtures/math-reference.json'

export interface ReferenceCase {
  function: MathName
  dtype: DType
  range: string
  inputs: number[]
  values: number[]              // the exact result's nearest double …
  relativeResiduals: number[]   // … and (exact − that double)/exact
}

export interface AccuracyRow {
  function: MathName
  dtype: DType
  range: string
  count: number
  maxUlps: number       // ulps of the dtype at the exact result (subnormal ulp below the normal range)
  maxRelative: number   // |computed − exact| / |exact|
  worstInput: number    // where maxUlps occurs
}

export const referenceCases = reference.cases as ReferenceCase[]

const bits = new DataView(new ArrayBuffer(8))

/** The dtype's ulp at |y|: 2^(exponent of y − mantissa bits), never below the least subnormal. */
export function ulpOf(y: number, dtype: DType): number {
  bits.setFloat64(0, Math.abs(y))
  const exponent = (bits.getUint16(0) >> 4) - 1023
  return dtype === 'float32' ? 2 ** (Math.max(exponent, -126) - 23) : 2 ** (Math.max(exponent, -1022) - 52)
}

export function measure(backend: Backend, testCase: ReferenceCase): AccuracyRow {
  const n = testCase.inputs.length
  const block = backend.alloc(testCase.dtype, 2 * n)   // one allocation: a second could grow memory and detach the first
  const x = block.subarray(0, n)
  const out = block.subarray(n)
  x.set(testCase.inputs)
  backend.kernels.math(testCase.function, out, x, n)
  let maxUlps = 0
  let maxRelative = 0
  let worstInput = NaN
  for (let i = 0; i < n; i++) {
    const nearest = testCase.values[i]
    const residual = testCase.relativeResiduals[i]
    const ulp = ulpOf(nearest, testCase.dtype)
    // exact = nearest/(1 − residual), so computed − exact = (computed − nearest) − residual·exact: each
    // step is exact or errs far below 1e−3 ulp, also where exact is subnormal (the fixture has no zeros).
    const exactOverUlp = nearest / ulp / (1 - residual)
    const ulps = Math.abs((out[i] - nearest) / ulp - residual * exactOverUlp)
    const relative = ulps / Math.abs(exactOverUlp)
    if (!(ulps <= maxUlps)) { maxUlps = ulps; worstInput = x[i] }
    if (!(relative <= maxRelative)) maxRelative = relative
  }
  backend.free(block)
  return { function: testCase.function, dtype: testCase.dtype, range: testCase.range, count: n, maxUlps, maxRelative, worstInput }
}
