import { describe, expect, it } from 'vitest'
import { backends, expectNoMemoryGrowth, jsBackend, wasm } from './support/backends'
import { dtypes, firstDifference, onBackend, randomValues, sameBits, sizes } from './support/oracle'
import type { FloatArray } from '../src/backend/kernels'

expectNoMemoryGrowth()

const binaryCases = [
  { name: 'add', oracle: (x: number, y: number) => x + y },
  { name: 'sub', oracle: (x: number, y: number) => x - y },
  { name: 'mul', oracle: (x: number, y: number) => x * y },
  { name: 'div', oracle: (x: number, y: number) => x / y },
] as const

/** The float64 oracle, then rounded once to the dtype: one correctly rounded operation. */
function rounded(values: number[], dtype: string): number[] {
  return dtype === 'float32' ? values.map(Math.fround) : values
}

describe.each(backends)('elementwise on $name', (backend) => {
  describe.each(dtypes)('%s', (dtype) => {
    for (const { name, oracle } of binaryCases) {
      it.each(sizes)(`${name} of length %i equals the correctly rounded oracle, also in place`, (n) => {
        const a = onBackend(backend, dtype, randomValues(n, n, -3, 3))
        const b = onBackend(backend, dtype, randomValues(n + 1, n, 0.5, 2))
        const out = backend.alloc(dtype, n)
        backend.kernels[name](out, a, b, n)
        const expected = rounded(Array.from(a, (x, i) => oracle(x, b[i])), dtype)
        expect(Array.from(out)).toEqual(expected)
        backend.kernels[name](a, a, b, n)   // out aliasing a
        expect(Array.from(a)).toEqual(expected)
      })
    }

    it.each(sizes)('scale of length %i rounds the factor to the dtype first', (n) => {
      const a = onBackend(backend, dtype, randomValues(n, n))
      const out = backend.alloc(dtype, n)
      backend.kernels.scale(out, a, 0.1, n)
      const factor = dtype === 'float32' ? Math.fround(0.1) : 0.1
      expect(Array.from(out)).toEqual(rounded(Array.from(a, (x) => x * factor), dtype))
    })

    it.each([[1, 1], [3, 5], [4, 4], [17, 3], [2, 257]])('addRowBias and sums of a %i×%i matrix', (rows, cols) => {
      const a = onBackend(backend, dtype, randomValues(rows * cols, rows * cols))
      const bias = onBackend(backend, dtype, randomValues(cols + 7, cols))
      const out = backend.alloc(dtype, rows * cols)
      backend.kernels.addRowBias(out, a, bias, rows, cols)
      expect(Array.from(out)).toEqual(rounded(Array.from(a, (x, i) => x + bias[i % cols]), dtype))

      const round = dtype === 'float32' ? Math.fround : (x: number) => x
      const rowSums = backend.alloc(dtype, rows)
      backend.kernels.sumRows(rowSums, a, rows, cols)
      const columnSums = backend.alloc(dtype, cols)
      backend.kernels.sumColumns(columnSums, a, rows, cols)
      for (let r = 0; r < rows; r++) {
        let total = 0
        for (let c = 0; c < cols; c++) total = round(total + a[r * cols + c])
        expect(rowSums[r]).toBe(total)
      }
      for (let c = 0; c < cols; c++) {
        let total = 0
        for (let r = 0; r < rows; r++) total = round(total + a[r * cols + c])
        expect(columnSums[c]).toBe(total)
      }
    })
  })
})

describe('elementwise: js and wasm give the same bits', () => {
  it.each(dtypes)('%s, every kernel, odd sizes and special values', (dtype) => {
    const n = 257
    const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4e38, -1e-310]
    const values = randomValues(9, n, -1e3, 1e3).map((x, i) => (i < specials.length ? specials[i] : x))
    const others = randomValues(10, n, -2, 2).map((x, i) => (i < specials.length ? specials[(i + 3) % specials.length] : x))
    const run = (backend: typeof jsBackend | typeof wasm, kernel: (out: FloatArray, a: FloatArray, b: FloatArray) => void) => {
      const a = onBackend(backend, dtype, values)
      const b = onBackend(backend, dtype, others)
      const out = backend.alloc(dtype, n)
      kernel.call(null, out, a, b)
      return out
    }
    for (const backendKernels of [
      (k: typeof jsBackend.kernels) => (out: FloatArray, a: FloatArray, b: FloatArray) => k.add(out, a, b, n),
      (k: typeof jsBackend.kernels) => (out: FloatArray, a: FloatArray, b: FloatArray) => k.div(out, a, b, n),
      (k: typeof jsBackend.kernels) => (out: FloatArray, a: FloatArray) => k.scale(out, a, -1.7, n),
      (k: typeof jsBackend.kernels) => (out: FloatArray, a: FloatArray, b: FloatArray) => k.addRowBias(out, a, b, 1, n),
      (k: typeof jsBackend.kernels) => (out: FloatArray, a: FloatArray) => k.sumColumns(out, a, 1, n),
    ]) {
      const fromJs = run(jsBackend, backendKernels(jsBackend.kernels))
      const fromWasm = run(wasm, backendKernels(wasm.kernels))
      expect(sameBits(fromJs, fromWasm), firstDifference(fromJs, fromWasm)).toBe(true)
    }
  })
})
