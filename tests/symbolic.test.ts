// suggestSymbolic: every library function, scaled and shifted inside and out, is recovered with R² ≈ 1 and its
// parameters rebuild the samples; formulas read right; bad input is refused; the search gives the same bits in Node and
// Chromium (a golden hash over a fixed search). arctan and arcsin are curvenet's own (+ − × ÷ √ only).
import { describe, expect, it } from 'vitest'
import { suggestSymbolic, type SymbolicCandidate } from '../src/symbolic/suggest'
import { symbolicLibrary } from '../src/symbolic/library'
import { formulaOf } from '../src/symbolic/formula'
import { atanF64, asinF64 } from '../src/math/inverse-trigonometric'
import { hashOutputs } from './support/golden'
import { cases, xs } from './support/symbolic-cases'

const fast = { gridPoints: 41, refinements: 4 }

describe('suggestSymbolic', () => {
  // the whole library at pykan's grid for every function: symbolic.node.test.ts (Node only: ~2 s a function)
  it.each(cases)('recovers %s against x, exp and sin at pykan\'s grid: R² > 1 − 1e-8 at the top, and it rebuilds the samples', (name, a, b, c, d) => {
    const f = symbolicLibrary.find((entry) => entry.name === name)!
    const ys = xs.map((x) => c * f.evaluate(a * x + b) + d)
    const candidates = suggestSymbolic({ x: xs, y: ys }, { library: [...new Set([name, 'x', 'exp', 'sin'])] })
    const mine = candidates.find((candidate) => candidate.name === name)!
    expect(mine, candidates.map((k) => `${k.name} ${k.r2}`).join(', ')).toBeDefined()
    expect(mine.r2).toBeGreaterThan(1 - 1e-8)
    expect(candidates[0].r2).toBeGreaterThanOrEqual(mine.r2 - 1e-12)
    const scale = Math.max(...ys.map(Math.abs))
    xs.forEach((x, k) => expect(Math.abs(mine.c * f.evaluate(mine.a * x + mine.b) + mine.d - ys[k])).toBeLessThan(1e-3 * scale))
  })

  it('ranks by R²: a sine beats the rest on sine samples, and takes a KAN-edge-like source or a function with a range', () => {
    const sine = (x: number) => 0.7 * symbolicLibrary[8].evaluate(3.14159 * x + 0.3) - 0.2
    const fromFunction = suggestSymbolic(sine, { ...fast, range: [-1, 1], top: 3 })
    expect(fromFunction.map((k) => k.name)[0]).toBe('sin')
    expect(fromFunction).toHaveLength(3)
    const edgeLike = { range: [-1, 1] as [number, number], evaluateMany: (ts: ArrayLike<number>) => Float64Array.from(ts, sine) }
    expect(suggestSymbolic(edgeLike, fast)[0]).toEqual(fromFunction[0])
  })

  it('writes formulas in text and LaTeX, signs folded and units dropped', () => {
    const candidate: SymbolicCandidate = { name: 'sin', a: 3.14159265, b: -0.5, c: 1, d: -0.25, r2: 1 }
    expect(formulaOf(candidate)).toEqual({ text: 'sin(3.142·x - 0.5) - 0.25', latex: '\\sin{\\left(3.142 x - 0.5\\right)} - 0.25' })
    expect(formulaOf({ name: 'x^2', a: 1, b: 0, c: 2, d: 0, r2: 1 }, { variable: 'y', digits: 3 }).text).toBe('2·(y)^2')
    expect(formulaOf({ name: '0', a: 0, b: 0, c: 0, d: 1.5, r2: 0 }).text).toBe('1.5')
  })

  it.each([
    ['an unknown function', () => suggestSymbolic({ x: xs, y: xs }, { library: ['sine'] }), TypeError, /^suggestSymbolic: unknown function "sine"; did you mean "sin"\? known: x, x\^2/],
    ['a prototype name', () => suggestSymbolic({ x: xs, y: xs }, { library: ['constructor'] }), TypeError, /^suggestSymbolic: unknown function "constructor"/],
    ['all-equal samples', () => suggestSymbolic({ x: xs, y: xs.map(() => 2) }), RangeError, /^suggestSymbolic: all 64 samples of y are equal \(2\)/],
    ['a non-finite sample', () => suggestSymbolic({ x: xs, y: xs.map((x, k) => (k === 5 ? NaN : x)) }), RangeError, /^suggestSymbolic: the samples must be finite; y\[5\] is not$/],
    ['a function without a range', () => suggestSymbolic((x: number) => x), RangeError, /^suggestSymbolic: range must be \[low, high\]/],
    ['a huge grid', () => suggestSymbolic({ x: xs, y: xs }, { gridPoints: 1e6 }), RangeError, /^suggestSymbolic: gridPoints must be an integer in \[3, 1001\], got 1000000$/],
    ['an unknown option', () => suggestSymbolic({ x: xs, y: xs }, { libary: ['x'] } as never), TypeError, /^suggestSymbolic: unknown option "libary"; did you mean "library"\?/],
  ])('refuses %s', (_, call, errorClass, message) => {
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
  })

  it('gives the same bits in every engine: a golden hash over a fixed search (Node and Chromium run this)', () => {
    const ys = xs.map((x) => atanF64(2 * x) + 0.5 * x * x)
    const result = suggestSymbolic({ x: xs, y: ys }, { ...fast, top: 17 })
    const numbers = Float64Array.from(result.flatMap((k) => [k.a, k.b, k.c, k.d, k.r2]))
    expect(hashOutputs([numbers])).toBe(SYMBOLIC_GOLDEN)
  })
})

describe('arctan and arcsin from + − × ÷ √', () => {
  it('are within 8 ulps of the engine\'s on 10⁴ points, odd, and exact at the ends', () => {
    for (let k = 0; k <= 10_000; k++) {
      const x = Math.tan((k / 10_000 - 0.5) * 3.1) * (k % 5 === 0 ? 100 : 1)
      expect(Math.abs(atanF64(x) - Math.atan(x))).toBeLessThanOrEqual(8 * 2 ** -52 * Math.abs(Math.atan(x)))
      const s = (2 * k) / 10_000 - 1
      expect(Math.abs(asinF64(s) - Math.asin(s))).toBeLessThanOrEqual(8 * 2 ** -52 * Math.abs(Math.asin(s)))
      expect(atanF64(-x)).toBe(-atanF64(x))
    }
    expect([atanF64(Infinity), atanF64(-Infinity), asinF64(1), asinF64(-1)]).toEqual([Math.PI / 2, -Math.PI / 2, Math.PI / 2, -Math.PI / 2])
    expect(Number.isNaN(asinF64(1.5)) && Number.isNaN(atanF64(NaN))).toBe(true)
  })
})

/** The hash of the fixed search above: update only for an intended change of the search or of curvenet's math. */
const SYMBOLIC_GOLDEN = 'e052b5ed'
