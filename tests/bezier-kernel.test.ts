import { describe, expect, it } from 'vitest'
import { backends, expectNoMemoryGrowth, jsBackend, wasm } from './support/backends'
import { dtypes, firstDifference, onBackend, randomValues, sameBits, sizes } from './support/oracle'
import { checkedKernels } from '../src/backend/validate'
import type { Backend } from '../src/backend/backend'
import type { DType } from '../src/backend/kernels'

expectNoMemoryGrowth()

function binomial(n: number, k: number): number {
  let value = 1
  for (let i = 1; i <= k; i++) value = (value * (n - k + i)) / i   // exact integers for n ≤ 20
  return value
}

/** The explicit Bernstein sum in float64: B_{i,n}(t) = C(n,i)·t^i·(1−t)^(n−i). */
function bernsteinOracle(t: number, degree: number): number[] {
  return Array.from({ length: degree + 1 }, (_, i) => binomial(degree, i) * t ** i * (1 - t) ** (degree - i))
}

/** Unit roundoff of the dtype: every rounded operation has relative error ≤ u. */
const roundoff = (dtype: DType) => (dtype === 'float32' ? 2 ** -24 : 2 ** -53)

/**
 * Error bound of the kernel for t in [0, 1]: each of the `degree` triangle steps (two products and a
 * sum of non-negative terms, s = 1 − t rounded once) adds ≤ 3u to a weight's relative error, and the
 * sum Σ w_i·P_i adds ≤ (degree+1)u relative to Σ w_i|P_i|: (4n+1)u. The float64 oracle (powers and
 * 1 − t rounded) adds ≤ (2n+2)·2^-53 of its own; 2u of slack covers the second-order terms.
 */
function tolerance(dtype: DType, degree: number, scale: number): number {
  return ((4 * degree + 3) * roundoff(dtype) + (2 * degree + 2) * 2 ** -53) * scale
}

// (degree, dimension) pairs from 1…20 × 1…768, chosen to cover both SIMD paths (dimension ≤ lanes goes
// across parameters) and every coordinate tail; degree 0 is the hodograph of a line.
const shapes = [
  [0, 3], [1, 1], [2, 2], [3, 2], [3, 3], [3, 4], [3, 5], [4, 17], [5, 768], [6, 1], [7, 3],
  [8, 6], [9, 23], [10, 64], [12, 1], [15, 257], [18, 9], [20, 2], [20, 768],
] as const

function parameters(count: number, seed: number): number[] {
  return randomValues(seed, count, 0, 1).map((t, i) => (i === 0 ? 0 : i === 1 ? 1 : t))
}

describe.each(backends)('bezier kernels on $name', (backend: Backend) => {
  describe.each(dtypes)('%s', (dtype) => {
    it.each(shapes.map(([degree, dimension], i) => [degree, dimension, sizes[i % sizes.length]]))(
      'bezierEvaluate, degree %i, dimension %i, %i parameters, equals the Bernstein sum within its error bound',
      (degree, dimension, count) => {
        const points = onBackend(backend, dtype, randomValues(degree * 1000 + dimension, (degree + 1) * dimension, -5, 5))
        const ts = onBackend(backend, dtype, parameters(count, count + degree))
        const out = backend.alloc(dtype, count * dimension)
        checkedKernels(backend).bezierEvaluate(out, points, ts, degree, dimension, count)
        for (let p = 0; p < count; p++) {
          const weights = bernsteinOracle(ts[p], degree)
          for (let j = 0; j < dimension; j++) {
            let expected = 0, scale = 0
            weights.forEach((w, i) => { expected += w * points[i * dimension + j]; scale += w * Math.abs(points[i * dimension + j]) })
            const error = Math.abs(out[p * dimension + j] - expected)
            expect(error, `t = ${ts[p]}, coordinate ${j}`).toBeLessThanOrEqual(tolerance(dtype, degree, scale))
            if (dtype === 'float32') expect(error).toBeLessThanOrEqual(1e-5 * scale)
          }
        }
        backend.free(out); backend.free(ts); backend.free(points)
      })

    it.each([0, 1, 2, 3, 7, 20])('bernsteinBasis of degree %i: the binomial weights, summing to 1', (degree) => {
      const count = 17
      const ts = onBackend(backend, dtype, parameters(count, degree))
      const out = backend.alloc(dtype, count * (degree + 1))
      checkedKernels(backend).bernsteinBasis(out, ts, degree, count)
      for (let p = 0; p < count; p++) {
        const weights = bernsteinOracle(ts[p], degree)
        let total = 0
        weights.forEach((w, i) => {
          total += out[p * (degree + 1) + i]
          expect(Math.abs(out[p * (degree + 1) + i] - w)).toBeLessThanOrEqual(tolerance(dtype, degree, w))
        })
        expect(Math.abs(total - 1)).toBeLessThanOrEqual(tolerance(dtype, 2 * degree, 1))
      }
      backend.free(out); backend.free(ts)
    })
  })
})

describe('bezier kernels: js and wasm give the same bits', () => {
  const specialTs = [0, -0, 1, 0.5, NaN, Infinity, -Infinity, 1e-45, 1e-300, -0.5, 1.5, 3e38, 0.999999]
  const specialPoints = [0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4e38, -1e-310]
  const run = (backend: Backend, dtype: DType, degree: number, dimension: number, count: number, kernel: 'bezierEvaluate' | 'bernsteinBasis') => {
    const ts = onBackend(backend, dtype, randomValues(count, count, -0.2, 1.2).map((t, i) => specialTs[i] ?? t))
    if (kernel === 'bernsteinBasis') {
      const out = backend.alloc(dtype, count * (degree + 1))
      backend.kernels.bernsteinBasis(out, ts, degree, count)
      return out
    }
    const size = (degree + 1) * dimension
    // specials in some coordinates only, so the other outputs stay finite and are compared too
    const points = onBackend(backend, dtype, randomValues(size + 1, size, -1e3, 1e3).map((x, i) => (i % 7 === 3 ? specialPoints[(i / 7) % 8 | 0] : x)))
    const out = backend.alloc(dtype, count * dimension)
    backend.kernels.bezierEvaluate(out, points, ts, degree, dimension, count)
    return out
  }
  it.each(dtypes)('%s: bezierEvaluate for dimensions 1…9, 16, 17, 23, 31, 770 and counts 1…9, 17 (every SIMD tail), with special values', (dtype) => {
    for (const degree of [0, 1, 3, 6]) {
      for (const dimension of [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 23, 31, 770]) {
        for (const count of [1, 2, 3, 4, 5, 6, 7, 8, 9, 17]) {
          const fromJs = run(jsBackend, dtype, degree, dimension, count, 'bezierEvaluate')
          const fromWasm = run(wasm, dtype, degree, dimension, count, 'bezierEvaluate')
          expect(sameBits(fromJs, fromWasm), `degree ${degree}, dimension ${dimension}, count ${count}: ${firstDifference(fromJs, fromWasm)}`).toBe(true)
          wasm.free(fromWasm)
        }
      }
    }
  })
  it.each(dtypes)('%s: bernsteinBasis with special parameters', (dtype) => {
    for (const degree of [0, 1, 2, 5, 20]) {
      const fromJs = run(jsBackend, dtype, degree, 1, 17, 'bernsteinBasis')
      const fromWasm = run(wasm, dtype, degree, 1, 17, 'bernsteinBasis')
      expect(sameBits(fromJs, fromWasm), `degree ${degree}: ${firstDifference(fromJs, fromWasm)}`).toBe(true)
    }
  })
})

describe.each(backends)('bezier kernels refuse bad arguments on $name', (backend: Backend) => {
  const kernels = checkedKernels(backend)
  const points = backend.alloc('float64', 8)
  const ts = backend.alloc('float64', 4)
  const out = backend.alloc('float64', 8)
  it.each([
    ['a degree above the maximum', () => kernels.bezierEvaluate(out, points, ts, 1025, 1, 1), /degree must be in \[0, 1024\], got 1025/],
    ['a negative degree', () => kernels.bernsteinBasis(out, ts, -1, 1), /degree must be a non-negative integer/],
    ['too few control points', () => kernels.bezierEvaluate(out, points, ts, 3, 4, 1), /points must hold at least \(degree\+1\)·dimension \(4·4\) = 16 elements, got 8/],
    ['out too short', () => kernels.bezierEvaluate(out, points, ts, 1, 4, 4), /out must hold at least count·dimension \(4·4\) = 16/],
    ['out overlapping the points', () => kernels.bezierEvaluate(points, points, ts, 1, 2, 2), /out overlaps points/],
    ['mixed dtypes', () => kernels.bezierEvaluate(out, backend.alloc('float32', 8), ts, 1, 2, 2), /points is a Float32Array but out is a Float64Array/],
  ] as const)('%s', (_, call, message) => {
    expect(call).toThrow(message)
  })
})
