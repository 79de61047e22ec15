import { describe, expect, it } from 'vitest'
import { backends, expectNoMemoryGrowth, jsBackend, wasm } from './support/backends'
import { dtypes, firstDifference, onBackend, randomValues, sameBits, sizes } from './support/oracle'
import { unaryNames } from '../src/backend/kernels'

expectNoMemoryGrowth()

const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-310, 3.4e38, 2, -2]
const round = (dtype: string) => (dtype === 'float32' ? Math.fround : (x: number) => x)

const oracles = {
  abs: Math.abs,
  sqrt: Math.sqrt,
  sign: (x: number) => (Number.isNaN(x) ? NaN : x === 0 ? x : Math.sign(x)),
}

describe.each(backends)('unary kernels on $name', (backend) => {
  describe.each(dtypes)('%s', (dtype) => {
    for (const name of unaryNames) {
      it.each(sizes)(`${name} of length %i equals the correctly rounded oracle, in place too`, (n) => {
        const values = randomValues(n, n, -5, 5).map((x, i) => (i < specials.length && name !== 'sqrt' ? specials[i] : name === 'sqrt' ? Math.abs(x) : x))
        const x = onBackend(backend, dtype, values)
        const out = backend.alloc(dtype, n)
        backend.kernels.unary(name, out, x, n)
        const expected = Array.from(x, (v) => round(dtype)(oracles[name](v)))
        expect(Array.from(out)).toEqual(expected)
        backend.kernels.unary(name, x, x, n)
        expect(Array.from(x)).toEqual(expected)
      })
    }

    it.each(sizes)('clamp of length %i and its gradient mask', (n) => {
      const values = randomValues(n + 50, n, -3, 3).map((v, i) => (i < specials.length ? specials[i] : v))
      const x = onBackend(backend, dtype, values)
      const out = backend.alloc(dtype, n)
      backend.kernels.clamp(out, x, -1.5, 0.1, n)
      const low = round(dtype)(-1.5), high = round(dtype)(0.1)
      expect(Array.from(out)).toEqual(Array.from(x, (v) => Math.min(Math.max(v, low), high)))
      const gradY = onBackend(backend, dtype, randomValues(n + 51, n))
      const gradX = backend.alloc(dtype, n)
      backend.kernels.clampBackward(gradX, gradY, x, -1.5, 0.1, n)
      expect(Array.from(gradX)).toEqual(Array.from(x, (v, i) => (v >= low && v <= high ? gradY[i] : 0)))
    })
  })
})

describe('unary kernels: js and wasm give the same bits', () => {
  it.each(dtypes)('%s over specials and every SIMD tail', (dtype) => {
    for (const n of sizes) {
      const values = randomValues(n * 7, n, -1e3, 1e3).map((v, i) => (i < specials.length ? specials[i] : v))
      for (const run of [
        (k: typeof wasm.kernels, out: Float32Array | Float64Array, x: Float32Array | Float64Array) => k.unary('sign', out, x, n),
        (k: typeof wasm.kernels, out: Float32Array | Float64Array, x: Float32Array | Float64Array) => k.unary('sqrt', out, x, n),
        (k: typeof wasm.kernels, out: Float32Array | Float64Array, x: Float32Array | Float64Array) => k.unary('abs', out, x, n),
        (k: typeof wasm.kernels, out: Float32Array | Float64Array, x: Float32Array | Float64Array) => k.clamp(out, x, 0, Infinity, n),
      ]) {
        const fromJs = jsBackend.alloc(dtype, n), fromWasm = wasm.alloc(dtype, n)
        run(jsBackend.kernels, fromJs, onBackend(jsBackend, dtype, values))
        run(wasm.kernels, fromWasm, onBackend(wasm, dtype, values))
        expect(sameBits(fromJs, fromWasm), firstDifference(fromJs, fromWasm)).toBe(true)
      }
    }
  })
})
