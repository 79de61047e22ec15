import { describe, expect, it } from 'vitest'
import { backends, jsBackend, wasm } from './support/backends'
import { dtypes, firstDifference, randomValues, sameBits, sizes } from './support/oracle'
import { mathNames, type DType, type FloatArray, type MathName } from '../src/backend/kernels'
import type { Backend } from '../src/backend/backend'
import { measure, referenceCases, ulpOf } from './math-accuracy'

// The accuracy claim of the README, in ulps of the exact result (mpmath), both dtypes: 2, and 3 for tanh,
// whose h/(h + 1) rounds three times near 0 (2.4 ulps seen on 2500 points). In float64, n ulps is a
// relative error of at most n·2^−52 (3 ulps ≈ 6.7e−16).
const maxUlps: Record<MathName, number> = { exp: 2, expm1: 2, log: 2, log1p: 2, tanh: 3, sigmoid: 2, sin: 2, cos: 2 }

/** Engines' Math functions are good to about 1 ulp of float64: an oracle for our float32 and float64 results. */
const oracles: Record<MathName, (x: number) => number> = {
  exp: Math.exp, log: Math.log, tanh: Math.tanh, sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  sin: Math.sin, cos: Math.cos, expm1: Math.expm1, log1p: Math.log1p,
}

/** f applied by the backend's math kernel; the result's bytes, copied off the backend's memory. */
function run(backend: Backend, name: MathName, dtype: DType, values: ArrayLike<number>): FloatArray {
  const n = values.length
  const block = backend.alloc(dtype, 2 * n)   // one allocation: a second could grow memory and detach the first
  const x = block.subarray(0, n)
  const out = block.subarray(n)
  x.set(values)
  backend.kernels.math(name, out, x, n)
  const result = out.slice()
  backend.free(block)
  return result
}

describe.each(backends)('math on $name', (backend) => {
  it.each(referenceCases.map((c) => [c.function, c.dtype, c.range, c] as const))(
    '%s %s on %s is within its ulp bound of the exact value', (name, _dtype, _range, referenceCase) => {
      const row = measure(backend, referenceCase)
      expect(row.maxUlps, `worst at x = ${row.worstInput}`).toBeLessThanOrEqual(maxUlps[name])
      if (row.dtype === 'float64' && !row.range.startsWith('subnormal')) expect(row.maxRelative).toBeLessThanOrEqual(maxUlps[name] * 2 ** -52)
    })

  describe.each(dtypes)('%s', (dtype) => {
    for (const name of mathNames) {
      it.each(sizes)(`${name} of length %i agrees with the engine's Math oracle, also in place`, (n) => {
        const low = name === 'log' ? 1e-3 : name === 'log1p' ? -0.9 : -8
        const block = backend.alloc(dtype, 2 * n)
        const x = block.subarray(0, n)
        const out = block.subarray(n)
        x.set(randomValues(n, n, low, 8))
        backend.kernels.math(name, out, x, n)
        // Our error bound plus the oracle's (≤ 1 float64 ulp, which is < 1e−8 float32 ulps).
        const tolerance = dtype === 'float32' ? maxUlps[name] + 1e-6 : maxUlps[name] + 1
        for (let i = 0; i < n; i++) {
          const expected = oracles[name](x[i])
          expect(Math.abs(out[i] - expected) / ulpOf(expected, dtype), `x = ${x[i]}`).toBeLessThanOrEqual(tolerance)
        }
        const result = Array.from(out)
        backend.kernels.math(name, x, x, n)   // out aliasing x
        expect(Array.from(x)).toEqual(result)
        backend.free(block)
      })
    }
  })

  // Special values: [function, input, expected] for both dtypes; Object.is tells −0 and NaN apart.
  const specialCases: [MathName, number, number][] = [
    ['exp', 0, 1], ['exp', -0, 1], ['exp', Infinity, Infinity], ['exp', -Infinity, 0], ['exp', NaN, NaN],
    ['exp', 1000, Infinity], ['exp', -1000, 0],
    ['expm1', 0, 0], ['expm1', -0, -0], ['expm1', 1e-30, 1e-30], ['expm1', Infinity, Infinity], ['expm1', -Infinity, -1],
    ['expm1', -1000, -1], ['expm1', 1000, Infinity], ['expm1', NaN, NaN],
    ['log', 1, 0], ['log', 0, -Infinity], ['log', -0, -Infinity], ['log', -1, NaN], ['log', Infinity, Infinity],
    ['log', -Infinity, NaN], ['log', NaN, NaN],
    ['log1p', 0, 0], ['log1p', -0, -0], ['log1p', 1e-30, 1e-30], ['log1p', -1, -Infinity], ['log1p', -2, NaN],
    ['log1p', Infinity, Infinity], ['log1p', -Infinity, NaN], ['log1p', NaN, NaN],
    ['tanh', 0, 0], ['tanh', -0, -0], ['tanh', 1e-30, 1e-30], ['tanh', Infinity, 1], ['tanh', -Infinity, -1],
    ['tanh', 50, 1], ['tanh', -50, -1], ['tanh', NaN, NaN],
    ['sigmoid', 0, 0.5], ['sigmoid', -0, 0.5], ['sigmoid', Infinity, 1], ['sigmoid', -Infinity, 0], ['sigmoid', 800, 1],
    ['sigmoid', -800, 0], ['sigmoid', NaN, NaN],
    ['sin', 0, 0], ['sin', -0, -0], ['sin', 1e-30, 1e-30], ['sin', Infinity, NaN], ['sin', -Infinity, NaN],
    ['sin', 1e30, NaN], ['sin', NaN, NaN],
    ['cos', 0, 1], ['cos', -0, 1], ['cos', Infinity, NaN], ['cos', 1e30, NaN], ['cos', NaN, NaN],
  ]
  it.each(dtypes)('%s special values (±0, ±Inf, NaN, overflow, beyond the sin/cos range)', (dtype) => {
    for (const [name, input, expected] of specialCases) {
      const [result] = run(backend, name, dtype, [input])
      const wanted = dtype === 'float32' ? Math.fround(expected) : expected
      expect(Object.is(result, wanted), `${name}(${input}) = ${result}, expected ${wanted}`).toBe(true)
    }
  })

  it.each(dtypes)('%s subnormal inputs and results', (dtype) => {
    const tiny = dtype === 'float32' ? 1.401298464324817e-45 : 5e-324
    const logOfTiny = (dtype === 'float32' ? -149 : -1074) * Math.LN2
    expect(Math.abs(run(backend, 'log', dtype, [tiny])[0] - logOfTiny) / ulpOf(logOfTiny, dtype)).toBeLessThanOrEqual(maxUlps.log)
    for (const name of ['expm1', 'log1p', 'tanh', 'sin'] as const) {
      expect(Array.from(run(backend, name, dtype, [tiny, -tiny])), name).toEqual([tiny, -tiny])
    }
    const deep = dtype === 'float32' ? -103.5 : -745   // e^deep rounds to the least subnormal
    expect(run(backend, 'exp', dtype, [deep])[0]).toBe(tiny)
    expect(run(backend, 'sigmoid', dtype, [deep])[0]).toBe(tiny)
  })
})

describe('math: js and wasm give the same bits', () => {
  const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-45, 1e-310, -1e-310, 1e-30, 3.4e38, -3.4e38,
    1.7e308, -1.7e308, 88.72, 88.73, -87.33, -103.97, 709.78, 709.79, -745.13, -1, 1, 0.5, 9.999, 20.01, 1e9, 1e15, 1e16]
  // Random values of every magnitude and sign, plus random bit patterns (every exponent, NaN payloads).
  const spread = randomValues(11, 100_000, -1, 1).map((u, i) => {
    if (i % 3 === 0) return u * 800
    if (i % 3 === 1) return Math.sign(u) * 10 ** (u * 40)
    return new Float64Array(new Uint32Array([(u * 2 ** 32) >>> 0, (u * 2 ** 40) >>> 0]).buffer)[0]
  })
  const values = [...specials, ...spread]

  it.each(dtypes)('%s, every function, 1e5 inputs and every SIMD tail', (dtype) => {
    for (const name of mathNames) {
      for (const n of [values.length, 1, 2, 3, 4, 5, 6, 7, 8, 9, 17]) {
        const input = values.slice(values.length - n)
        const fromJs = run(jsBackend, name, dtype, input)
        const fromWasm = run(wasm, name, dtype, input)
        expect(sameBits(fromJs, fromWasm), `${name} n=${n}: ${firstDifference(fromJs, fromWasm)}`).toBe(true)
      }
    }
  })
})
