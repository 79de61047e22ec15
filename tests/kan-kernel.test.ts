// The kan kernel family: kanForward and kanBackward against a float64 oracle built on the recursive B-spline oracle, on both
// backends and dtypes, and js against wasm byte for byte.
import { describe, expect, it } from 'vitest'
import { backends, expectNoMemoryGrowth, jsBackend, wasm } from './support/backends'
import { dtypes, firstDifference, onBackend, randomValues, sameBits, sizes } from './support/oracle'
import { checkedKernels } from '../src/backend/validate'
import type { Backend } from '../src/backend/backend'
import type { DType, FloatArray, KanLayout } from '../src/backend/kernels'
import { clampedNonUniform, oracleBasis, openUniform } from './bspline-oracle'

expectNoMemoryGrowth()

interface Problem {
  layout: KanLayout
  knots: number[]; x: number[]; coefficients: number[]; splineScale: number[]
  baseValues: number[] | null; baseScale: number[] | null; gradOut: number[]
}

/** Input i's knots: open uniform on [−1, 1] shifted by 0.05·i; with grid 6 and degree ≥ 1 every third input's knots are
 *  clamped non-uniform instead (same knot count). */
function knotsOf(inputSize: number, grid: number, degree: number): { knots: number[]; uniform: boolean } {
  const clampedFits = degree >= 1 && clampedNonUniform(degree).length === grid + 2 * degree + 1
  const rows = Array.from({ length: inputSize }, (_, i) =>
    (clampedFits && i % 3 === 2 ? clampedNonUniform(degree) : openUniform(grid, degree).map((t) => t + 0.05 * i)))
  return { knots: rows.flat(), uniform: !(clampedFits && inputSize > 2) }
}

function problem(seed: number, batch: number, inputSize: number, outputSize: number, options: { degree?: number; grid?: number; base?: boolean; edges?: boolean } = {}): Problem {
  const degree = options.degree ?? 3, grid = options.grid ?? 6
  const { knots, uniform } = knotsOf(inputSize, grid, degree)
  const knotCount = grid + 2 * degree + 1, basisCount = grid + degree
  const layout = { batch, inputSize, outputSize, knotCount, degree, uniform, edges: options.edges ?? false }
  const base = options.base ?? true
  return {
    layout, knots,
    x: randomValues(seed, batch * inputSize, -2.6, 2.7),   // some beyond the grid (end polynomials), some beyond all knots (0)
    coefficients: randomValues(seed + 1, inputSize * basisCount * outputSize, -2, 2),
    splineScale: randomValues(seed + 2, inputSize * outputSize, -1.5, 1.5),
    baseValues: base ? randomValues(seed + 3, batch * inputSize, -3, 3) : null,
    baseScale: base ? randomValues(seed + 4, inputSize * outputSize, -1, 1) : null,
    gradOut: randomValues(seed + 5, (layout.edges ? inputSize : 1) * batch * outputSize, -1, 1),
  }
}

interface Run {
  out: FloatArray; spans: Int32Array; values: FloatArray; derivatives: FloatArray
  gradX: FloatArray; gradBaseValues: FloatArray | null; gradCoefficients: FloatArray; gradSplineScale: FloatArray; gradBaseScale: FloatArray | null
}

function run(backend: Backend, dtype: DType, p: Problem, kernels = backend.kernels): Run {
  const { batch, inputSize, outputSize, degree, edges } = p.layout
  const on = (values: number[] | null) => (values === null ? null : onBackend(backend, dtype, values))
  const rows = inputSize * batch * (degree + 1)
  const r: Run = {
    out: backend.alloc(dtype, (edges ? inputSize : 1) * batch * outputSize), spans: backend.allocInt32(inputSize * batch),
    values: backend.alloc(dtype, rows), derivatives: backend.alloc(dtype, rows), gradX: backend.alloc(dtype, batch * inputSize),
    gradBaseValues: p.baseValues ? backend.alloc(dtype, batch * inputSize) : null, gradCoefficients: backend.alloc(dtype, p.coefficients.length),
    gradSplineScale: backend.alloc(dtype, p.splineScale.length), gradBaseScale: p.baseScale ? backend.alloc(dtype, p.splineScale.length) : null,
  }
  const [x, knots, coefficients, splineScale, gradOut] = [p.x, p.knots, p.coefficients, p.splineScale, p.gradOut].map((v) => on(v)!)
  const baseValues = on(p.baseValues), baseScale = on(p.baseScale)
  kernels.kanForward(r.out, r.spans, r.values, r.derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, p.layout)
  kernels.kanBackward(r.gradX, r.gradBaseValues, r.gradCoefficients, r.gradSplineScale, r.gradBaseScale, gradOut, r.spans, r.values,
    r.derivatives, coefficients, splineScale, baseValues, baseScale, p.layout)
  return r
}

/** The float64 oracle: each value with the magnitude Σ|terms| that bounds its rounding error. */
function oracle(p: Problem, dtype: DType) {
  const round = dtype === 'float32' ? Math.fround : (v: number) => v
  const { batch, inputSize, outputSize, knotCount, degree, edges } = p.layout
  const basisCount = knotCount - degree - 1
  const c = p.coefficients.map(round), ss = p.splineScale.map(round), bs = p.baseScale?.map(round), bv = p.baseValues?.map(round)
  const g = p.gradOut.map(round)
  const result = (length: number) => ({ value: new Float64Array(length), magnitude: new Float64Array(length) })
  const out = result(p.gradOut.length), gradX = result(batch * inputSize), gradBase = result(batch * inputSize)
  const gradC = result(c.length), gradSs = result(ss.length), gradBs = result(ss.length)
  const add = (target: ReturnType<typeof result>, k: number, value: number, magnitude: number) => { target.value[k] += value; target.magnitude[k] += magnitude }
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < inputSize; i++) {
      const knots = p.knots.slice(i * knotCount, (i + 1) * knotCount).map(round)
      const x = round(p.x[b * inputSize + i])
      const row = oracleBasis(knots, degree, x)   // beyond the grid: the end polynomials; zero beyond the whole knot vector
      const inside = x >= knots[0] && x <= knots[knotCount - 1]
      const values = row.values.map((v) => (inside ? v : 0)), slopes = row.derivatives.map((v) => (inside ? v : 0))
      const base = bv ? bv[b * inputSize + i] : 0
      for (let o = 0; o < outputSize; o++) {
        const edge = i * outputSize + o, at = (r: number) => (i * basisCount + row.span - degree + r) * outputSize + o
        let spline = 0, splineSize = 0, slope = 0, slopeSize = 0
        values.forEach((v, r) => { spline += v * c[at(r)]; splineSize += Math.abs(v * c[at(r)]); slope += slopes[r] * c[at(r)]; slopeSize += Math.abs(slopes[r] * c[at(r)]) })
        const baseTerm = bs ? bs[edge] * base : 0
        const k = edges ? (b * inputSize + i) * outputSize + o : b * outputSize + o
        add(out, k, baseTerm + ss[edge] * spline, Math.abs(baseTerm) + Math.abs(ss[edge]) * splineSize)
        const grad = g[k]
        add(gradSs, edge, grad * spline, Math.abs(grad) * splineSize)
        if (bs) add(gradBs, edge, grad * base, Math.abs(grad * base))
        if (bs) add(gradBase, b * inputSize + i, grad * bs[edge], Math.abs(grad * bs[edge]))
        values.forEach((v, r) => add(gradC, at(r), grad * ss[edge] * v, Math.abs(grad * ss[edge] * v)))
        add(gradX, b * inputSize + i, grad * ss[edge] * slope, Math.abs(grad * ss[edge]) * slopeSize)
      }
    }
  }
  return { out, gradX, gradBase, gradC, gradSs, gradBs }
}

/**
 * |got − exact| ≤ (64 + terms)·u·magnitude: the basis values carry ≤ 64u of their scale (the bspline kernel's bound), and each
 * result is a chain of at most `terms` = inputs + outputs + samples + degree + 4 rounded additions and products of those.
 */
function expectClose(got: FloatArray, expected: { value: Float64Array; magnitude: Float64Array }, dtype: DType, terms: number, what: string): void {
  const u = dtype === 'float32' ? 2 ** -24 : 2 ** -53
  for (let k = 0; k < expected.value.length; k++) {
    const bound = (64 + terms) * u * expected.magnitude[k]
    expect(Math.abs(got[k] - expected.value[k]), `${what}[${k}]: ${got[k]} vs ${expected.value[k]}`).toBeLessThanOrEqual(bound)
  }
}

const shapes = [[1, 1], [2, 5], [3, 4], [5, 3], [4, 17]] as const

describe.each(backends)('kan kernels on $name', (backend) => {
  describe.each(dtypes)('%s', (dtype) => {
    it.each(sizes)('batch %i, several [in, out], with and without a base, summed and per edge: the oracle', (batch) => {
      for (const [inputSize, outputSize] of shapes) {
        for (const [base, edges] of [[true, false], [false, false], [true, true]]) {
          const p = problem(batch * 7 + inputSize, batch, inputSize, outputSize, { base, edges })
          const r = run(backend, dtype, p)
          const e = oracle(p, dtype)
          const terms = inputSize + outputSize + batch + p.layout.degree + 4
          expectClose(r.out, e.out, dtype, terms, 'out')
          expectClose(r.gradX, e.gradX, dtype, terms, 'gradX')
          expectClose(r.gradCoefficients, e.gradC, dtype, terms, 'gradCoefficients')
          expectClose(r.gradSplineScale, e.gradSs, dtype, terms, 'gradSplineScale')
          if (base) {
            expectClose(r.gradBaseValues!, e.gradBase, dtype, terms, 'gradBaseValues')
            expectClose(r.gradBaseScale!, e.gradBs, dtype, terms, 'gradBaseScale')
          }
        }
      }
    })

    it.each([0, 1, 2, 4, 5])('degree %i and the basis cache: spans and rows as bsplineBasis (extrapolate) gives them for each column of x, zero beyond the knots', (degree) => {
      const p = problem(degree + 40, 70, 3, 2, { degree, grid: 5 })
      const r = run(backend, dtype, p)
      const { batch, inputSize, knotCount } = p.layout
      for (let i = 0; i < inputSize; i++) {
        const spans = backend.allocInt32(batch), values = backend.alloc(dtype, batch * (degree + 1)), derivatives = backend.alloc(dtype, batch * (degree + 1))
        const column = onBackend(backend, dtype, Array.from({ length: batch }, (_, b) => p.x[b * inputSize + i]))
        const knots = onBackend(backend, dtype, p.knots.slice(i * knotCount, (i + 1) * knotCount))
        backend.kernels.bsplineBasis(spans, values, derivatives, column, batch, knots, knotCount, degree, 'extrapolate', false)
        column.forEach((x, b) => {
          if (x >= knots[0] && x <= knots[knotCount - 1]) return
          values.fill(0, b * (degree + 1), (b + 1) * (degree + 1))
          derivatives.fill(0, b * (degree + 1), (b + 1) * (degree + 1))
        })
        expect(Array.from(r.spans.subarray(i * batch, (i + 1) * batch))).toEqual(Array.from(spans))
        const rows = r.values.subarray(i * batch * (degree + 1), (i + 1) * batch * (degree + 1)) as FloatArray
        expect(sameBits(rows, values)).toBe(true)
        expect(sameBits(r.derivatives.subarray(i * batch * (degree + 1), (i + 1) * batch * (degree + 1)) as FloatArray, derivatives)).toBe(true)
      }
      expectClose(r.out, oracle(p, dtype).out, dtype, 3 + 2 + 70 + degree + 4, 'out')
    })

    it('without gradX and derivatives (an input that needs no gradient) the other gradients keep their bits', () => {
      const p = problem(5, 33, 3, 5)
      const full = run(backend, dtype, p)
      const on = (values: number[]) => onBackend(backend, dtype, values)
      const gradCoefficients = backend.alloc(dtype, p.coefficients.length), gradSplineScale = backend.alloc(dtype, p.splineScale.length)
      const gradBaseScale = backend.alloc(dtype, p.splineScale.length)
      backend.kernels.kanBackward(null, null, gradCoefficients, gradSplineScale, gradBaseScale, on(p.gradOut), full.spans, full.values, null,
        on(p.coefficients), on(p.splineScale), on(p.baseValues!), on(p.baseScale!), p.layout)
      expect(sameBits(gradCoefficients, full.gradCoefficients) && sameBits(gradSplineScale, full.gradSplineScale) && sameBits(gradBaseScale, full.gradBaseScale!)).toBe(true)
    })
  })
})

describe('kan kernels: js and wasm give the same bits', () => {
  const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4e38, -1e-310]
  it.each(dtypes)('%s: every output-lane tail, block edges, specials in x, coefficients and gradients', (dtype) => {
    for (const outputSize of [1, 2, 3, 4, 5, 7, 8, 9]) {
      for (const [batch, inputSize] of [[1, 1], [63, 2], [64, 3], [65, 1], [130, 2]]) {
        for (const edges of [false, true]) {
          const p = problem(outputSize * 31 + batch, batch, inputSize, outputSize, { edges })
          p.x = p.x.map((v, k) => (k % 7 === 3 ? specials[k % specials.length] : v))
          p.coefficients = p.coefficients.map((v, k) => (k % 11 === 5 ? specials[k % specials.length] : v))
          p.gradOut = p.gradOut.map((v, k) => (k % 13 === 6 ? specials[k % specials.length] : v))
          const [fromJs, fromWasm] = [jsBackend, wasm].map((backend) => run(backend, dtype, p))
          for (const key of Object.keys(fromJs) as (keyof Run)[]) {
            const a = fromJs[key], b = fromWasm[key]
            if (a instanceof Int32Array || b instanceof Int32Array) { expect(Array.from(b as Int32Array)).toEqual(Array.from(a as Int32Array)); continue }
            if (a === null || b === null) { expect(a).toBe(b); continue }
            expect(sameBits(a, b), `${key} out ${outputSize} batch ${batch} in ${inputSize} edges ${edges}: ${firstDifference(a, b)}`).toBe(true)
          }
        }
      }
    }
  })
})

describe('kan kernels: the validating façade', () => {
  const checked = checkedKernels(wasm)
  const p = problem(3, 4, 2, 3)
  it.each([
    ['knots that decrease', (q: Problem) => { q.knots[4] = 5 }, /knots of input 0.*non-decreasing/],
    ['a base branch without its scales', (q: Problem) => { q.baseScale = null }, /baseValues and baseScale together/],
    ['a degree above 5', (q: Problem) => { q.layout = { ...q.layout, degree: 6 } }, /layout.degree must be in \[0, 5\]/],
    ['a flag that is not a boolean', (q: Problem) => { q.layout = { ...q.layout, uniform: 1 as unknown as boolean } }, /layout.uniform must be a boolean/],
  ])('refuses %s', (_, spoil, message) => {
    const q: Problem = { ...p, knots: [...p.knots] }
    spoil(q)
    expect(() => run(wasm, 'float64', q, checked)).toThrow(message)
  })

  it('refuses an output that overlaps an input', () => {
    const block = wasm.alloc('float64', 32)
    const x = block.subarray(0, 8), out = block.subarray(4, 16)
    x.set(p.x)
    const on = (v: number[]) => onBackend(wasm, 'float64', v)
    expect(() => checked.kanForward(out, wasm.allocInt32(8), wasm.alloc('float64', 32), null, x, on(p.knots), on(p.coefficients), on(p.splineScale),
      on(p.baseValues!), on(p.baseScale!), p.layout)).toThrow(/kanForward: out overlaps x/)
  })
})
