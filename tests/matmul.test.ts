import { describe, expect, it } from 'vitest'
import { backends, expectNoMemoryGrowth, jsBackend, wasm, wasmBackend } from './support/backends'
import { dtypes, firstDifference, onBackend, randomValues, sameBits } from './support/oracle'
import type { Backend } from '../src/backend/backend'
import type { DType, FloatArray } from '../src/backend/kernels'
import { WasmAbortError } from '../src/backend/wasm/instance'

type Form = 'matmul' | 'matmulTransposeA' | 'matmulTransposeB'
const forms: Form[] = ['matmul', 'matmulTransposeA', 'matmulTransposeB']

/** Where the logical A(i, p) and B(p, j) live in each form's stored arrays (a is [k×m] for Aᵀ, b is [n×k] for Bᵀ). */
const layouts: Record<Form, (m: number, k: number, n: number) => { a: (i: number, p: number) => number, b: (p: number, j: number) => number }> = {
  matmul: (_m, k, n) => ({ a: (i, p) => i * k + p, b: (p, j) => p * n + j }),
  matmulTransposeA: (m, _k, n) => ({ a: (i, p) => p * m + i, b: (p, j) => p * n + j }),
  matmulTransposeB: (_m, k, _n) => ({ a: (i, p) => i * k + p, b: (p, j) => j * k + p }),
}

// Each of m, k, n takes every value of 1, 3, 4, 5, 17, 64, 257 in the first rows (tails of the
// 5-row tile, of the 8/4-column tile and of the 4/2-lane transposes), then shapes that cross the
// blocks: k > 256 (several depth blocks resuming from partial sums), m > 80 (row blocks),
// n > 512 (column blocks), and n = 1 or m = 1 (the matrix·vector path, with a short last panel).
const shapes: [number, number, number][] = [
  [1, 3, 4], [3, 4, 5], [4, 5, 17], [5, 17, 64], [17, 64, 257], [64, 257, 1], [257, 1, 3],
  [1, 17, 5], [3, 64, 17], [4, 257, 64], [5, 1, 257], [17, 3, 1], [64, 4, 3], [257, 5, 4],
  [1, 1, 1], [300, 300, 300], [7, 600, 9], [13, 9, 600], [90, 3, 30], [256, 64, 1], [1, 784, 130], [2, 2, 2],
]

/** The same product in float64 with the plain formula, and Σ|a||b| per output for the error bound. */
function oracle(form: Form, a: FloatArray, b: FloatArray, m: number, k: number, n: number) {
  const at = layouts[form](m, k, n)
  const product = new Float64Array(m * n)
  const magnitude = new Float64Array(m * n)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) {
        const term = a[at.a(i, p)] * b[at.b(p, j)]
        product[i * n + j] += term
        magnitude[i * n + j] += Math.abs(term)
      }
    }
  }
  return { product, magnitude }
}

/** Unit roundoff of the dtype: the largest relative error of one rounded operation. */
const unitRoundoff = (dtype: DType) => (dtype === 'float32' ? 2 ** -24 : 2 ** -53)

/** Runs one form on a backend (arrays on that backend) and checks that the elements just past out,
 *  where a whole tile stored at the matrix edge would land, are left alone. */
function multiply(backend: Backend, form: Form, dtype: DType, aValues: number[], bValues: number[], m: number, k: number, n: number): FloatArray {
  const guard = 64
  const a = onBackend(backend, dtype, aValues)
  const b = onBackend(backend, dtype, bValues)
  const out = backend.alloc(dtype, m * n + guard)
  out.fill(7, m * n)
  backend.kernels[form](out, a, b, m, k, n)
  expect(out.subarray(m * n).every((value) => value === 7), `${form} wrote past out`).toBe(true)
  const result = out.slice(0, m * n)
  for (const array of [a, b, out]) backend.free(array)
  return result
}

// A memory grow would detach every view made before it; the shared backend reserves room, and this checks it held.
expectNoMemoryGrowth()

describe.each(backends)('matmul on $name', (backend) => {
  describe.each(dtypes)('%s', (dtype) => {
    for (const form of forms) {
      it.each(shapes)(`${form} of m=%i, k=%i, n=%i is within the recursive-summation error bound`, (m, k, n) => {
        const aValues = randomValues(m * 1000 + k, m * k)
        const bValues = randomValues(k * 1000 + n, k * n)
        const out = multiply(backend, form, dtype, aValues, bValues, m, k, n)
        const rounded = (values: number[]) => onBackend(jsBackend, dtype, values)   // the inputs as the dtype holds them
        const { product, magnitude } = oracle(form, rounded(aValues), rounded(bValues), m, k, n)
        // A k-term dot product summed in order with every operation rounded is off by at most
        // γ_k·Σ|a·b|, γ_k = k·u/(1 − k·u) (Higham, Accuracy and Stability, §3.1); the float64
        // oracle's own error is at most as large again, which only matters in float64.
        const u = unitRoundoff(dtype)
        const gamma = (k * u) / (1 - k * u)
        for (let index = 0; index < m * n; index++) {
          const bound = 2 * gamma * magnitude[index]
          if (!(Math.abs(out[index] - product[index]) <= bound)) {
            expect.fail(`out[${index}] = ${out[index]}, oracle ${product[index]}, bound ${bound}`)
          }
        }
      })
    }

    it.each([[1, 1], [5, 3], [17, 64], [64, 257], [257, 9]])('the identity leaves a %i×%i matrix exactly unchanged, in every form', (rows, size) => {
      const values = randomValues(rows + size, rows * size, 0.5, 2)   // no −0: 0 + −0·1 would give +0
      const identity = Array.from({ length: size * size }, (_, index) => (index % (size + 1) === 0 ? 1 : 0))
      const expected = Array.from(onBackend(jsBackend, dtype, values))
      const transposed = Array.from({ length: rows * size }, (_, index) => expected[(index % rows) * size + Math.floor(index / rows)])
      expect(Array.from(multiply(backend, 'matmul', dtype, values, identity, rows, size, size))).toEqual(expected)             // A·I
      expect(Array.from(multiply(backend, 'matmulTransposeB', dtype, values, identity, rows, size, size))).toEqual(expected)   // A·Iᵀ
      expect(Array.from(multiply(backend, 'matmul', dtype, identity, transposed, size, size, rows))).toEqual(transposed)       // I·B
      expect(Array.from(multiply(backend, 'matmulTransposeA', dtype, transposed, identity, rows, size, size))).toEqual(expected) // (Aᵀ)ᵀ·I
    })
  })
})

describe('matmul: js and wasm give the same bits', () => {
  // Ordinary values first. Then specials sprinkled sparsely, so that small k leaves most outputs
  // finite (a NaN input or ∞·0 makes a NaN, which both store canonically). Then signed zeros,
  // subnormals and normals: products that underflow and sums of zeros must round the same way too.
  const specials = [0, -0, NaN, Infinity, -Infinity, 1e-40, -1e-45, 5e-324, -1e-310, 3e38, -1e300]
  const inputs = {
    random: (seed: number, length: number) => randomValues(seed, length, -2, 2),
    special: (seed: number, length: number) =>
      randomValues(seed, length, -2, 2).map((x, i) => ((i * 7 + seed) % 23 === 0 ? specials[(i + seed) % specials.length] : x)),
    zeros: (seed: number, length: number) =>
      randomValues(seed, length).map((x, i) => (x < -0.5 ? -0 : x < -0.25 ? 0 : x < 0.5 ? x * (i % 2 ? 1e-39 : 1e-310) : x)),
  }
  for (const [kind, values] of Object.entries(inputs)) {
    it.each(dtypes)(`%s, every form and shape, ${kind} inputs`, (dtype) => {
      for (const form of forms) {
        for (const [m, k, n] of shapes) {
          const aValues = values(m + 2 * k, m * k)
          const bValues = values(k + 3 * n, k * n)
          const fromJs = multiply(jsBackend, form, dtype, aValues, bValues, m, k, n)
          const fromWasm = multiply(wasm, form, dtype, aValues, bValues, m, k, n)
          expect(sameBits(fromJs, fromWasm), `${form} ${m}×${k}×${n}: ${firstDifference(fromJs, fromWasm)}`).toBe(true)
        }
      }
    })
  }
})

describe('matmul: debug build', () => {
  it('aborts on a size that is not positive, and otherwise agrees with the release build', async () => {
    const debug = await wasmBackend('debug')
    const a = onBackend(debug, 'float32', randomValues(1, 12))
    const b = onBackend(debug, 'float32', randomValues(2, 12))
    const out = debug.alloc('float32', 16)
    expect(() => debug.kernels.matmul(out, a, b, 4, 0, 4)).toThrow(WasmAbortError)
    expect(() => debug.kernels.matmulTransposeB(out, a, b, 4, 3, 0)).toThrow(/m, k and n must be positive/)
    debug.kernels.matmulTransposeA(out, a, b, 4, 3, 4)
    const fromRelease = multiply(wasm, 'matmulTransposeA', 'float32', Array.from(a), Array.from(b), 4, 3, 4)
    expect(sameBits(out.slice(), fromRelease)).toBe(true)
  })
})
