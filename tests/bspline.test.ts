import { describe, expect, it } from 'vitest'
import { backends, expectNoMemoryGrowth, jsBackend, wasm } from './support/backends'
import { dtypes, firstDifference, onBackend, randomValues, sameBits, sizes } from './support/oracle'
import type { Backend } from '../src/backend/backend'
import { checkedKernels } from '../src/backend/validate'
import type { BsplineOutside, DType, FloatArray } from '../src/backend/kernels'
import { bsplineOutsideNames } from '../src/backend/kernels'
import { clampedNonUniform, oracleBasis, openUniform } from './bspline-oracle'

expectNoMemoryGrowth()

const degrees = [0, 1, 2, 3, 4, 5]
const knotKinds = [
  { name: 'open uniform', knots: (degree: number) => openUniform(7, degree), uniform: true },
  { name: 'clamped non-uniform', knots: clampedNonUniform, uniform: false },
]
const unitRoundoff = (dtype: DType) => (dtype === 'float32' ? 2 ** -24 : 2 ** -53)
const roundTo = (dtype: DType) => (dtype === 'float32' ? Math.fround : (value: number) => value)

interface BasisRun { spans: Int32Array; values: FloatArray; derivatives: FloatArray; knots: number[]; x: number[] }

function runBasis(backend: Backend, dtype: DType, knotValues: number[], degree: number, xs: number[],
  outside: BsplineOutside = 'extrapolate', uniform = false): BasisRun {
  const knots = onBackend(backend, dtype, knotValues), x = onBackend(backend, dtype, xs)
  const spans = backend.allocInt32(xs.length)
  const values = backend.alloc(dtype, xs.length * (degree + 1)), derivatives = backend.alloc(dtype, xs.length * (degree + 1))
  backend.kernels.bsplineBasis(spans, values, derivatives, x, xs.length, knots, knotValues.length, degree, outside, uniform)
  return { spans, values, derivatives, knots: Array.from(knots), x: Array.from(x) }
}

/** Inputs over the domain and 15% beyond each end (extrapolation), with every knot of the domain among them. */
function inputs(seed: number, count: number, knots: number[], degree: number): number[] {
  const low = knots[degree], high = knots[knots.length - degree - 1], margin = 0.15 * (high - low)
  const domainKnots = knots.slice(degree, knots.length - degree)
  return randomValues(seed, count, low - margin, high + margin).map((x, i) => (i % 3 === 1 ? domainKnots[(i >> 2) % domainKnots.length] : x))
}

describe.each(backends)('bsplineBasis on $name', (backend) => {
  describe.each(dtypes)('%s', (dtype) => {
    it.each(sizes)('%i inputs, degrees 0–5, both knot kinds: spans, values and derivatives equal the recursive oracle', (count) => {
      const u = unitRoundoff(dtype)
      for (const kind of knotKinds) {
        for (const degree of degrees) {
          const run = runBasis(backend, dtype, kind.knots(degree), degree, inputs(count + degree, count, kind.knots(degree), degree), 'extrapolate', kind.uniform)
          run.x.forEach((x, i) => {
            const row = oracleBasis(run.knots, degree, x)
            expect(run.spans[i], `x = ${x}`).toBe(row.span)
            // ≤ 7 roundings per level on terms bounded by the row's largest value, degree ≤ 5 levels: 64u of that scale
            const scale = Math.max(1, ...row.values.map(Math.abs))
            for (let r = 0; r <= degree; r++) {
              expect(Math.abs(run.values[i * (degree + 1) + r] - row.values[r])).toBeLessThanOrEqual(64 * u * scale)
              expect(Math.abs(run.derivatives[i * (degree + 1) + r] - row.derivatives[r])).toBeLessThanOrEqual(64 * u * scale * row.derivativeScale)
            }
          })
        }
      }
    })

    it.each(degrees)('degree %i inside the domain: partition of unity, no negative value, spans with knots[s] ≤ x < knots[s+1]', (degree) => {
      for (const kind of knotKinds) {
        const knots = kind.knots(degree)
        const low = knots[degree], high = knots[knots.length - degree - 1]
        const xs = [...randomValues(degree, 257, low, high), ...knots.slice(degree, knots.length - degree)]
        const run = runBasis(backend, dtype, knots, degree, xs, 'extrapolate', kind.uniform)
        const last = knots.length - degree - 2
        run.x.forEach((x, i) => {
          const span = run.spans[i]
          expect(run.knots[span] <= x && (x < run.knots[span + 1] || (span === last && x === run.knots[last + 1])), `x = ${x}, span ${span}`).toBe(true)
          let total = 0
          for (let r = 0; r <= degree; r++) {
            expect(run.values[i * (degree + 1) + r]).toBeGreaterThanOrEqual(0)
            total += run.values[i * (degree + 1) + r]
          }
          expect(Math.abs(total - 1)).toBeLessThanOrEqual(8 * (degree + 1) * unitRoundoff(dtype))
        })
      }
    })

    it.each(degrees)('degree %i: \'zero\' gives +0 outside and the same bits inside; the uniform flag changes nothing', (degree) => {
      const knots = clampedNonUniform(degree)
      const xs = [-3, -1.0001, -1, 0.3, 1.5, 1.5001, 7, ...randomValues(11, 30, -2, 2.5)]
      const extrapolated = runBasis(backend, dtype, knots, degree, xs, 'extrapolate')
      const zeroed = runBasis(backend, dtype, knots, degree, xs, 'zero')
      const guessed = runBasis(backend, dtype, knots, degree, xs, 'zero', true)
      expect(sameBits(guessed.values, zeroed.values) && sameBits(guessed.derivatives, zeroed.derivatives)).toBe(true)
      expect(Array.from(guessed.spans)).toEqual(Array.from(zeroed.spans))
      expect(Array.from(zeroed.spans)).toEqual(Array.from(extrapolated.spans))
      zeroed.x.forEach((x, i) => {
        const row = (array: FloatArray) => array.subarray(i * (degree + 1), (i + 1) * (degree + 1)) as FloatArray
        const inside = x >= zeroed.knots[degree] && x <= zeroed.knots[knots.length - degree - 1]
        if (inside) {
          expect(sameBits(row(zeroed.values), row(extrapolated.values)) && sameBits(row(zeroed.derivatives), row(extrapolated.derivatives))).toBe(true)
        } else {
          for (const value of [...row(zeroed.values), ...row(zeroed.derivatives)]) expect(Object.is(value, 0)).toBe(true)
        }
      })
    })

    it.each(degrees)('degree %i: \'knots\' continues the end polynomials to the whole knot vector\'s ends (the same bits as extrapolate) and gives +0 beyond', (degree) => {
      const knots = Array.from({ length: 8 + 2 * degree }, (_, i) => (i - degree) / 4)   // open: the domain is [0, (7 − degree)/4 …]
      const xs = [knots[0] - 0.01, knots[0], (knots[0] + knots[degree]) / 2, 0.3, knots[knots.length - 1], knots[knots.length - 1] + 1e-9, 9, ...randomValues(12, 30, -3, 4)]
      const extrapolated = runBasis(backend, dtype, knots, degree, xs, 'extrapolate')
      const toKnots = runBasis(backend, dtype, knots, degree, xs, 'knots')
      const guessed = runBasis(backend, dtype, knots, degree, xs, 'knots', true)
      expect(sameBits(guessed.values, toKnots.values) && sameBits(guessed.derivatives, toKnots.derivatives)).toBe(true)
      toKnots.x.forEach((x, i) => {
        const row = (array: FloatArray) => array.subarray(i * (degree + 1), (i + 1) * (degree + 1)) as FloatArray
        if (x >= toKnots.knots[0] && x <= toKnots.knots[knots.length - 1]) {
          expect(sameBits(row(toKnots.values), row(extrapolated.values)) && sameBits(row(toKnots.derivatives), row(extrapolated.derivatives))).toBe(true)
        } else {
          for (const value of [...row(toKnots.values), ...row(toKnots.derivatives)]) expect(Object.is(value, 0)).toBe(true)
        }
      })
    })

    it.each([1, 2, 3, 5, 8])('bsplineEvaluate of dimension %i is the basis rows combined in r order, every outside rule', (dimension) => {
      const round = roundTo(dtype)
      for (const degree of [0, 3, 5]) {
        for (const outside of bsplineOutsideNames) {
          const knotValues = openUniform(9, degree)
          const xs = inputs(dimension, 19, knotValues, degree)
          const size = knotValues.length - degree - 1
          const coefficients = onBackend(backend, dtype, randomValues(degree + dimension, size * dimension, -2, 2))
          const run = runBasis(backend, dtype, knotValues, degree, xs, outside, true)
          const out = backend.alloc(dtype, xs.length * dimension)
          backend.kernels.bsplineEvaluate(out, onBackend(backend, dtype, xs), xs.length, onBackend(backend, dtype, knotValues),
            knotValues.length, coefficients, dimension, degree, outside, true)
          xs.forEach((_, i) => {
            for (let d = 0; d < dimension; d++) {
              let total = 0
              for (let r = 0; r <= degree; r++) {
                total = round(total + round(run.values[i * (degree + 1) + r] * coefficients[(run.spans[i] - degree + r) * dimension + d]))
              }
              expect(out[i * dimension + d]).toBe(total)
            }
          })
        }
      }
    })
  })
})

describe('bspline kernels: js and wasm give the same bits', () => {
  const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4e38, -1e-310, -3.4e38]
  const counts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 257]

  it.each(dtypes)('%s: bsplineBasis with and without derivatives, every tail, specials and knots hit exactly', (dtype) => {
    for (const kind of knotKinds) {
      for (const degree of degrees) {
        const knotValues = kind.knots(degree)
        for (const count of counts) {
          const values = inputs(count * 7 + degree, count, knotValues, degree).map((x, i) => (i % 5 === 2 ? specials[(i + degree) % specials.length] : x))
          for (const outside of bsplineOutsideNames) {
            for (const uniform of [kind.uniform, !kind.uniform]) {
              const [fromJs, fromWasm] = [jsBackend, wasm].map((backend) => runBasis(backend, dtype, knotValues, degree, values, outside, uniform))
              expect(Array.from(fromWasm.spans)).toEqual(Array.from(fromJs.spans))
              expect(sameBits(fromJs.values, fromWasm.values), firstDifference(fromJs.values, fromWasm.values)).toBe(true)
              expect(sameBits(fromJs.derivatives, fromWasm.derivatives), firstDifference(fromJs.derivatives, fromWasm.derivatives)).toBe(true)
            }
          }
          const withoutDerivatives = [jsBackend, wasm].map((backend) => {
            const spans = backend.allocInt32(count), out = backend.alloc(dtype, count * (degree + 1))
            backend.kernels.bsplineBasis(spans, out, null, onBackend(backend, dtype, values), count, onBackend(backend, dtype, knotValues),
              knotValues.length, degree, 'zero', kind.uniform)
            return out
          })
          expect(sameBits(withoutDerivatives[0], withoutDerivatives[1])).toBe(true)
        }
      }
    }
  })

  it.each(dtypes)('%s: bsplineEvaluate for dimensions 1–9, every tail, specials in x and in the coefficients', (dtype) => {
    for (const degree of [0, 1, 3, 5]) {
      const knotValues = clampedNonUniform(degree)
      const size = knotValues.length - degree - 1
      for (const dimension of [1, 2, 3, 4, 5, 6, 7, 9]) {
        for (const count of counts) {
          const xs = inputs(count + dimension, count, knotValues, degree).map((x, i) => (i % 4 === 3 ? specials[i % specials.length] : x))
          const coefficients = randomValues(dimension, size * dimension, -3, 3).map((c, i) => (i === 5 ? specials[(dimension + count) % specials.length] : c))
          const outs = [jsBackend, wasm].map((backend) => {
            const out = backend.alloc(dtype, count * dimension)
            backend.kernels.bsplineEvaluate(out, onBackend(backend, dtype, xs), count, onBackend(backend, dtype, knotValues), knotValues.length,
              onBackend(backend, dtype, coefficients), dimension, degree, count % 2 === 0 ? 'zero' : 'extrapolate', count % 3 === 0)
            return out
          })
          expect(sameBits(outs[0], outs[1]), `degree ${degree}, dimension ${dimension}, count ${count}: ${firstDifference(outs[0], outs[1])}`).toBe(true)
        }
      }
    }
  })
})

describe('bspline kernels behind validation: bad arguments', () => {
  const kernels = checkedKernels(wasm)
  const knots = onBackend(wasm, 'float64', openUniform(4, 3)), x = onBackend(wasm, 'float64', [0, 0.5])
  const values = wasm.alloc('float64', 8), spans = wasm.allocInt32(2), out = wasm.alloc('float64', 2)
  const coefficients = onBackend(wasm, 'float64', [1, 2, 3, 4, 5, 6])   // one short of the 7 basis functions
  const basis = (overrides: Partial<Record<string, unknown>>) => () => {
    const a = { spans, values, derivatives: null, x, count: 2, knots, knotCount: 11, degree: 3, outside: 'zero', uniform: true, ...overrides }
    kernels.bsplineBasis(a.spans as Int32Array, a.values as FloatArray, a.derivatives as FloatArray | null, a.x as FloatArray, a.count as number,
      a.knots as FloatArray, a.knotCount as number, a.degree as number, a.outside as BsplineOutside, a.uniform as boolean)
  }
  const cases: [string, () => void, ErrorConstructor, RegExp][] = [
    ['spans of the wrong type', basis({ spans: wasm.alloc('float32', 2) }), TypeError, /spans must be an Int32Array, got a Float32Array/],
    ['values too short', basis({ values: wasm.alloc('float64', 7) }), RangeError, /values must hold at least count·\(degree\+1\) \(2·4\) = 8 elements, got 7/],
    ['unsorted knots', basis({ knots: onBackend(wasm, 'float64', [0, 0, 0, 0, 2, 1, 3, 3, 3, 3, 3]) }), RangeError, /knots\[4\] = 2 > knots\[5\] = 1/],
    ['too few knots for the degree', basis({ knotCount: 7 }), RangeError, /at least 2·degree \+ 2 = 8 knots/],
    ['degree 6', basis({ degree: 6 }), RangeError, /degree must be in \[0, 5\], got 6/],
    ['an unknown outside rule', basis({ outside: 'clamp' }), TypeError, /^bsplineBasis: unknown outside "clamp"; known: extrapolate, zero, knots$/],
    ['uniform not a boolean', basis({ uniform: 1 }), TypeError, /uniform must be a boolean/],
    ['values overlapping x', basis({ values: x, count: 1, degree: 1, knotCount: 7 }), RangeError, /values overlaps x; it must not overlap its inputs/],
    ['an array of the js backend', basis({ x: new Float64Array(2) }), TypeError, /x is not on the wasm backend's memory/],
    ['mixed dtypes', basis({ x: onBackend(wasm, 'float32', [0, 0.5]) }), TypeError, /x is a Float32Array but values is a Float64Array/],
    ['evaluate with too few coefficients', () => kernels.bsplineEvaluate(out, x, 2, knots, 11, coefficients, 1, 3, 'zero', true), RangeError,
      /coefficients must hold at least \(knotCount − degree − 1\)·dimension \(7·1\) = 7 elements, got 6/],
  ]
  it.each(cases)('%s', (_name, run, type, message) => {
    expect(run).toThrow(type)
    expect(run).toThrow(message)
  })
})
