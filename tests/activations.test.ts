import { describe, expect, it } from 'vitest'
import { backends, jsBackend, wasm } from './support/backends'
import { dtypes, firstDifference, randomValues, sameBits, sizes } from './support/oracle'
import { activationNames, type ActivationName, type DType, type FloatArray } from '../src/backend/kernels'
import type { Backend } from '../src/backend/backend'

const ALPHA = 0.1   // leakyRelu's negative slope in every test
const GELU_C = Math.sqrt(2 / Math.PI)

/** Float64 oracles from the engine's Math functions: [f(x), f'(x)]. */
const oracles: Record<ActivationName, (x: number) => [number, number]> = {
  identity: (x) => [x, 1],
  relu: (x) => [Math.max(x, 0), x > 0 ? 1 : 0],
  leakyRelu: (x) => [x < 0 ? ALPHA * x : x, x > 0 ? 1 : ALPHA],
  sigmoid: (x) => { const s = 1 / (1 + Math.exp(-x)); return [s, s * (1 - s)] },
  tanh: (x) => [Math.tanh(x), 1 - Math.tanh(x) ** 2],
  silu: (x) => { const s = 1 / (1 + Math.exp(-x)); return [x * s, s * (1 + x * (1 - s))] },
  gelu: (x) => {
    // 0.5·x·(1 + tanh u) written as x·σ(2u), which float64 evaluates without cancellation for x < 0
    const u = GELU_C * (x + 0.044715 * x ** 3)
    const s = 1 / (1 + Math.exp(-2 * u))
    return [x * s, s + x * s * (1 - s) * 2 * GELU_C * (1 + 3 * 0.044715 * x * x)]
  },
  softplus: (x) => [Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), 1 / (1 + Math.exp(-x))],
  sin: (x) => [Math.sin(x), Math.cos(x)],
  cos: (x) => [Math.cos(x), -Math.sin(x)],
}

const exact = new Set<ActivationName>(['identity', 'relu', 'leakyRelu'])

/** How large the intermediate terms of f'(x)'s evaluation get, relative to |gradY|: rounding errors
 *  are a few ulps of these (1 − y with y near 1, the x·(1 − σ)·v' term of GELU, …). */
const derivativeScale: Record<ActivationName, (x: number) => number> = {
  identity: () => 1, relu: () => 1, leakyRelu: () => 1, sigmoid: () => 1, tanh: () => 1, softplus: () => 1,
  sin: () => 1, cos: () => 1,
  silu: (x) => 1 + Math.abs(x),
  gelu: (x) => 1 + Math.abs(x) * 2 * GELU_C * (1 + 3 * 0.044715 * x * x),
}

const epsilonOf = (dtype: DType) => (dtype === 'float32' ? 2 ** -24 : 2 ** -53)

/** Allocates every array of a case in one block (a second allocation could grow memory and detach the
 *  first); freeing the first array frees the block. */
function arrays(backend: Backend, dtype: DType, n: number, count: number): FloatArray[] {
  const block = backend.alloc(dtype, n * count)
  return Array.from({ length: count }, (_, i) => block.subarray(i * n, (i + 1) * n))
}

describe.each(backends)('activations on $name', (backend) => {
  describe.each(dtypes)('%s', (dtype) => {
    const epsilon = epsilonOf(dtype)
    const round = dtype === 'float32' ? Math.fround : (v: number) => v

    for (const name of activationNames) {
      it.each(sizes)(`${name} forward and backward of length %i against the float64 oracle, also in place`, (n) => {
        const [x, out, gradY, gradX] = arrays(backend, dtype, n, 4)
        x.set(randomValues(n, n, -8, 8))
        gradY.set(randomValues(n + 1, n, -2, 2))
        backend.kernels.activationForward(name, out, x, n, ALPHA)
        backend.kernels.activationBackward(name, gradX, gradY, x, out, n, ALPHA)
        for (let i = 0; i < n; i++) {
          const [value, slope] = oracles[name](x[i])
          if (exact.has(name)) {
            // one rounding, of x·alpha with alpha itself rounded to the dtype
            expect(out[i]).toBe(name === 'leakyRelu' && x[i] < 0 ? round(x[i] * round(ALPHA)) : round(value))
          } else {
            // A few roundings of the result, plus a few of x inside the function, amplified by |x·f'(x)|.
            expect(Math.abs(out[i] - value), `f(${x[i]})`).toBeLessThanOrEqual(8 * epsilon * (Math.abs(value) + Math.abs(x[i] * slope)) + 1e-300)
          }
          const tolerance = 16 * epsilon * Math.abs(gradY[i]) * derivativeScale[name](x[i])
          expect(Math.abs(gradX[i] - gradY[i] * slope), `f'(${x[i]})`).toBeLessThanOrEqual(tolerance)
        }
        const forward = Array.from(out)
        const backward = Array.from(gradX)
        backend.kernels.activationBackward(name, gradY, gradY, x, out, n, ALPHA)   // gradX aliasing gradY
        expect(Array.from(gradY)).toEqual(backward)
        backend.kernels.activationForward(name, x, x, n, ALPHA)   // out aliasing x
        expect(Array.from(x)).toEqual(forward)
        backend.free(x)
      })
    }
  })

  // Central differences of the backend's own float64 forward: with h = 1e−5 the truncation error
  // h²·|f'''|/6 and the cancellation error 2ε·|f|/h are both below 2e−9 for |x| ≤ 4.
  it.each(activationNames.map((name) => [name]))('%s backward matches central differences of its forward (float64)', (name) => {
    const n = 64
    const h = 1e-5
    const points = randomValues(5, n, -4, 4).map((x) => (Math.abs(x) < 0.01 ? x + 0.1 : x))   // no relu kink at 0
    const [x, below, above, y, forwardBelow, forwardAbove, ones, gradX] = arrays(backend, 'float64', n, 8)
    x.set(points)
    below.set(points.map((v) => v - h))
    above.set(points.map((v) => v + h))
    ones.fill(1)
    backend.kernels.activationForward(name, y, x, n, ALPHA)
    backend.kernels.activationForward(name, forwardBelow, below, n, ALPHA)
    backend.kernels.activationForward(name, forwardAbove, above, n, ALPHA)
    backend.kernels.activationBackward(name, gradX, ones, x, y, n, ALPHA)
    for (let i = 0; i < n; i++) {
      const difference = (forwardAbove[i] - forwardBelow[i]) / (above[i] - below[i])
      expect(Math.abs(gradX[i] - difference), `x = ${x[i]}`).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(difference)))
    }
    backend.free(x)
  })

  it.each(dtypes)('%s relu and leakyRelu at 0, −0, NaN and ±Inf', (dtype) => {
    const inputs = [0, -0, NaN, Infinity, -Infinity, -2, 3]
    const slope = dtype === 'float32' ? Math.fround(ALPHA) : ALPHA
    const table: [ActivationName, number[], number[]][] = [
      // [name, forward, backward with gradY = 5]: relu'(0) = 0 and leakyRelu'(0) = alpha (left slopes)
      ['relu', [0, -0, NaN, Infinity, 0, 0, 3], [0, 0, 0, 5, 0, 0, 5]],
      ['leakyRelu', [0, -0, NaN, Infinity, -Infinity, -2 * slope, 3], [5 * slope, 5 * slope, 5 * slope, 5, 5 * slope, 5 * slope, 5]],
    ]
    const round = dtype === 'float32' ? Math.fround : (v: number) => v
    for (const [name, forward, backward] of table) {
      const n = inputs.length
      const [x, y, gradY, gradX] = arrays(backend, dtype, n, 4)
      x.set(inputs)
      gradY.fill(5)
      backend.kernels.activationForward(name, y, x, n, ALPHA)
      backend.kernels.activationBackward(name, gradX, gradY, x, y, n, ALPHA)
      forward.forEach((value, i) => expect(Object.is(y[i], round(value)), `${name}(${inputs[i]}) = ${y[i]}`).toBe(true))
      backward.forEach((value, i) => expect(Object.is(gradX[i], round(value)), `${name}'(${inputs[i]}) = ${gradX[i]}`).toBe(true))
      backend.free(x)
    }
  })
})

it('gelu equals the tanh form 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) where that form has no cancellation', () => {
  const xs = [-2, -1, -0.5, 0.25, 1, 3]
  const [x, out] = arrays(wasm, 'float64', xs.length, 2)
  x.set(xs)
  wasm.kernels.activationForward('gelu', out, x, xs.length, 0)
  xs.forEach((v, i) => expect(out[i]).toBeCloseTo(0.5 * v * (1 + Math.tanh(GELU_C * (v + 0.044715 * v ** 3))), 14))
})

describe('activations: js and wasm give the same bits', () => {
  const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-45, 1e-310, -1e-310, 3.4e38, -3.4e38, 1e300, -1e300, 1, -1]
  const values = [...specials, ...randomValues(21, 4000, -1, 1).map((u, i) => (i % 2 ? u * 30 : Math.sign(u) * 10 ** (u * 40)))]
  const gradients = values.map((_, i) => (i % 5 === 0 ? values[(i * 7) % values.length] : Math.sin(i)))

  function run(backend: Backend, name: ActivationName, dtype: DType, n: number): [FloatArray, FloatArray] {
    const [x, y, gradY, gradX] = arrays(backend, dtype, n, 4)
    x.set(values.slice(0, n))
    gradY.set(gradients.slice(0, n))
    backend.kernels.activationForward(name, y, x, n, ALPHA)
    backend.kernels.activationBackward(name, gradX, gradY, x, y, n, ALPHA)
    const result: [FloatArray, FloatArray] = [y.slice(), gradX.slice()]
    backend.free(x)   // x starts the block
    return result
  }

  it.each(dtypes)('%s, every activation, forward and backward, special values and every SIMD tail', (dtype) => {
    for (const name of activationNames) {
      for (const n of [values.length, 1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 257]) {
        const [forwardJs, backwardJs] = run(jsBackend, name, dtype, n)
        const [forwardWasm, backwardWasm] = run(wasm, name, dtype, n)
        expect(sameBits(forwardJs, forwardWasm), `${name} forward n=${n}: ${firstDifference(forwardJs, forwardWasm)}`).toBe(true)
        expect(sameBits(backwardJs, backwardWasm), `${name} backward n=${n}: ${firstDifference(backwardJs, backwardWasm)}`).toBe(true)
      }
    }
  })
})
