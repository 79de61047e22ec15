import { describe, expect, it } from 'vitest'
import { backends, expectNoMemoryGrowth, jsBackend, wasm } from './support/backends'
import { dtypes, firstDifference, onBackend, randomSource, randomValues, sameBits, sizes } from './support/oracle'
import type { Backend } from '../src/backend/backend'
import type { DType, FloatArray } from '../src/backend/kernels'

expectNoMemoryGrowth()

// float64 oracles (tests may use Math.exp/Math.log; library code may not), on the dtype-rounded inputs.

function softmaxOracle(x: ArrayLike<number>, rows: number, cols: number): number[] {
  const out: number[] = []
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: cols }, (_, c) => x[r * cols + c])
    const maximum = Math.max(...row)
    const exponentials = row.map((value) => Math.exp(value - maximum))
    const sum = exponentials.reduce((a, b) => a + b, 0)
    out.push(...exponentials.map((e) => e / sum))
  }
  return out
}

function crossEntropyOracle(x: ArrayLike<number>, t: ArrayLike<number>, rows: number, cols: number): number {
  let total = 0
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: cols }, (_, c) => x[r * cols + c])
    const maximum = Math.max(...row)
    const logSum = Math.log(row.reduce((sum, value) => sum + Math.exp(value - maximum), 0))
    row.forEach((value, c) => { total -= t[r * cols + c] * (value - maximum - logSum) })
  }
  return total / rows
}

const mseOracle = (p: ArrayLike<number>, t: ArrayLike<number>) =>
  Array.from(p, (value, i) => (value - t[i]) ** 2).reduce((a, b) => a + b, 0) / p.length

const bceTerm = (x: number, t: number) => Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)))
const bceOracle = (x: ArrayLike<number>, t: ArrayLike<number>) =>
  Array.from(x, (value, i) => bceTerm(value, t[i])).reduce((a, b) => a + b, 0) / x.length

/** Central difference of a float64 oracle loss in input i: its error h²·|f‴|/6 + ε·|L|/h is about 1e-10 here. */
function centralDifference(loss: (x: number[]) => number, x: number[], i: number, h = 1e-5): number {
  const plus = x.slice(); plus[i] += h
  const minus = x.slice(); minus[i] -= h
  return (loss(plus) - loss(minus)) / (2 * h)
}

const unitRoundoff = (dtype: DType) => (dtype === 'float32' ? 2 ** -24 : 2 ** -53)

/** Rows of probabilities (positive, summing to 1 before rounding to the dtype). */
function probabilityRows(seed: number, rows: number, cols: number): number[] {
  const weights = randomValues(seed, rows * cols, 0.05, 1)
  return weights.map((w, i) => {
    const start = i - (i % cols)
    return w / weights.slice(start, start + cols).reduce((a, b) => a + b, 0)
  })
}

function randomLabels(backend: Backend, seed: number, rows: number, cols: number): Int32Array {
  const next = randomSource(seed)
  const labels = backend.allocInt32(rows)
  for (let r = 0; r < rows; r++) labels[r] = Math.floor(next() * cols)
  return labels
}

const oneHot = (labels: Int32Array, cols: number) =>
  Array.from({ length: labels.length * cols }, (_, i) => (labels[Math.floor(i / cols)] === i % cols ? 1 : 0))

// Every size as a column count (SIMD tails), and rows from 1 to 257.
const shapes: [number, number][] = [[1, 1], [3, 3], [4, 4], [5, 5], [17, 17], [3, 64], [2, 257], [257, 3], [64, 5], [1, 257]]

/*
 * Tolerances are first-order rounding-error bounds, u = unit roundoff. curvenet's exp/log/log1p/sigmoid are
 * taken as within 4 ulp. A sum of k same-signed terms in order is within (k−1)·u of the exact sum; x − max
 * carries u·|x − max| into exp; the rest are a handful of single roundings. The budgets below add those up
 * with the sizes involved (slack of a few u each) — they grow with cols and rows, not with luck.
 */
describe.each(backends)('losses on $name', (backend) => {
  describe.each(dtypes)('%s', (dtype) => {
    const u = unitRoundoff(dtype)

    it.each(shapes)('softmax of %i×%i matches float64, rows sum to 1, and in place gives the same bits', (rows, cols) => {
      const x = onBackend(backend, dtype, randomValues(rows * cols + 1, rows * cols, -3, 3))
      const out = backend.alloc(dtype, rows * cols)
      backend.kernels.softmax(out, x, rows, cols)
      const expected = softmaxOracle(x, rows, cols)
      // x − max ∈ [−6, 0] (6u), exp (4u), the row sum (cols u), the division (u)
      expected.forEach((p, i) => expect(Math.abs(out[i] - p), `index ${i}`).toBeLessThanOrEqual((cols + 12) * u * p))
      for (let r = 0; r < rows; r++) {
        const rowSum = Array.from(out.subarray(r * cols, (r + 1) * cols)).reduce((a, b) => a + b, 0)
        expect(Math.abs(rowSum - 1)).toBeLessThanOrEqual((cols + 12) * u)
      }
      backend.kernels.softmax(x, x, rows, cols)
      expect(sameBits(x, out), firstDifference(x, out)).toBe(true)
    })

    it.each(sizes)('mseLoss over %i elements: loss and gradient match float64', (n) => {
      const pred = onBackend(backend, dtype, randomValues(n, n, -2, 2))
      const target = onBackend(backend, dtype, randomValues(n + 1, n, -2, 2))
      const grad = backend.alloc(dtype, n)
      const loss = backend.kernels.mseLoss(grad, pred, target, n)
      const expected = mseOracle(pred, target)
      // d (u), d² (2u), the sum of n squares ((n − 1)u), the mean (u)
      expect(Math.abs(loss - expected)).toBeLessThanOrEqual((n + 4) * u * expected)
      for (let i = 0; i < n; i++) {
        const gradient = (2 * (pred[i] - target[i])) / n
        expect(Math.abs(grad[i] - gradient), `grad ${i}`).toBeLessThanOrEqual(2 * u * Math.abs(gradient))
      }
    })

    it.each(sizes)('bceWithLogitsLoss over %i elements: loss and gradient match float64, targets 0, 1 and between', (n) => {
      const logits = onBackend(backend, dtype, randomValues(n + 2, n, -8, 8))
      const target = onBackend(backend, dtype, randomValues(n + 3, n).map((t, i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : Math.abs(t))))
      const grad = backend.alloc(dtype, n)
      const loss = backend.kernels.bceWithLogitsLoss(grad, logits, target, n)
      const terms = Array.from(logits, (x, i) => bceTerm(x, target[i]))
      // per term: max(x,0) − x·t cancels (2u·(|x| + |x·t|)), log1p(exp(·)) (9u), the addition (u·term);
      // then the in-order sum of n nonnegative terms ((n − 1)u relative) and the mean (u)
      const termBudget = Array.from(logits, (x, i) => 2 * (Math.abs(x) + Math.abs(x * target[i])) + 10 + terms[i])
        .reduce((a, b) => a + b, 0)
      expect(Math.abs(loss - bceOracle(logits, target))).toBeLessThanOrEqual(u * (termBudget + (n + 1) * terms.reduce((a, b) => a + b, 0)) / n)
      for (let i = 0; i < n; i++) {
        const sigmoid = 1 / (1 + Math.exp(-logits[i]))
        const gradient = (sigmoid - target[i]) / n
        // σ (4u), the subtraction and the division (u each)
        expect(Math.abs(grad[i] - gradient), `grad ${i}`).toBeLessThanOrEqual(u * (5 * sigmoid + 2 * Math.abs(sigmoid - target[i])) / n)
      }
    })

    it.each(shapes)('softmaxCrossEntropyLoss of %i×%i: loss and gradient match float64', (rows, cols) => {
      const logits = onBackend(backend, dtype, randomValues(rows + 5 * cols, rows * cols, -3, 3))
      const target = onBackend(backend, dtype, probabilityRows(rows * cols, rows, cols))
      const grad = backend.alloc(dtype, rows * cols)
      const loss = backend.kernels.softmaxCrossEntropyLoss(grad, logits, target, rows, cols)
      const expected = crossEntropyOracle(logits, target, rows, cols)
      // each row: log Σ exp(x − max) inherits the softmax budget ((cols + 12)u, absolute after the log) and
      // logSum − (x − max) ≤ 10 is rounded (2u·10); Σ_c t ≈ 1 weighs them, the row sums add (cols u·rowLoss),
      // and the rows' sum adds (rows u·loss)
      expect(Math.abs(loss - expected)).toBeLessThanOrEqual(u * ((cols + 12) + 20 + (cols + rows + 2) * expected))
      const probabilities = softmaxOracle(logits, rows, cols)
      probabilities.forEach((p, i) => {
        const gradient = (p - target[i]) / rows
        expect(Math.abs(grad[i] - gradient), `grad ${i}`).toBeLessThanOrEqual(u * ((cols + 12) * p + 2 * Math.abs(p - target[i])) / rows)
      })
    })

    it.each(shapes)('softmaxCrossEntropySparseLoss of %i×%i equals the dense loss with one-hot targets, bit for bit', (rows, cols) => {
      const logits = onBackend(backend, dtype, randomValues(rows * cols + 7, rows * cols, -3, 3))
      const labels = randomLabels(backend, rows + cols, rows, cols)
      const sparseGrad = backend.alloc(dtype, rows * cols)
      const sparseLoss = backend.kernels.softmaxCrossEntropySparseLoss(sparseGrad, logits, labels, rows, cols)
      const denseGrad = backend.alloc(dtype, rows * cols)
      const denseLoss = backend.kernels.softmaxCrossEntropyLoss(denseGrad, logits, onBackend(backend, dtype, oneHot(labels, cols)), rows, cols)
      expect(Object.is(sparseLoss, denseLoss), `${sparseLoss} vs ${denseLoss}`).toBe(true)
      expect(sameBits(sparseGrad, denseGrad), firstDifference(sparseGrad, denseGrad)).toBe(true)
      expect(Math.abs(sparseLoss - crossEntropyOracle(logits, oneHot(labels, cols), rows, cols)))
        .toBeLessThanOrEqual(u * ((cols + 12) + 20 + (cols + rows + 2) * sparseLoss))
    })

    it.each([
      { name: 'all +1000', logits: [1000, 1000, 1000, 1000, 1000] },
      { name: 'all −1000', logits: [-1000, -1000, -1000, -1000, -1000] },
      { name: '±1000 mixed', logits: [1000, -1000, 0, 999, -999] },
    ])('stability, logits $name: finite losses and gradients, softmax rows sum to 1', ({ logits: values }) => {
      const n = values.length
      const logits = onBackend(backend, dtype, values)
      const target = onBackend(backend, dtype, [0, 1, 0.5, 0, 0])
      const grad = backend.alloc(dtype, n)
      const losses = [
        [backend.kernels.bceWithLogitsLoss(grad, logits, target, n), bceOracle(logits, target)],
        [backend.kernels.softmaxCrossEntropyLoss(grad, logits, target, 1, n), crossEntropyOracle(logits, target, 1, n)],
      ]
      for (const [loss, expected] of losses) {
        expect(Number.isFinite(loss)).toBe(true)
        expect(Math.abs(loss - expected)).toBeLessThanOrEqual(8 * u * Math.max(1, expected))   // a few roundings of terms ≤ the loss
      }
      expect(Array.from(grad).every(Number.isFinite)).toBe(true)
      const labels = backend.allocInt32(1)
      labels[0] = 1
      expect(Number.isFinite(backend.kernels.softmaxCrossEntropySparseLoss(grad, logits, labels, 1, n))).toBe(true)
      expect(Array.from(grad).every(Number.isFinite)).toBe(true)
      backend.kernels.softmax(grad, logits, 1, n)
      expect(Math.abs(Array.from(grad).reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual((n + 12) * u)
    })
  })

  // The gradients are derivatives of the losses: central differences of the float64 oracles, float64 kernels.
  describe('gradients against central finite differences (float64)', () => {
    const closeToDifference = (grad: FloatArray, loss: (x: number[]) => number, x: number[]) => {
      for (let i = 0; i < x.length; i++) {
        const difference = centralDifference(loss, x, i)
        expect(Math.abs(grad[i] - difference), `index ${i}: ${grad[i]} vs ${difference}`).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(difference)))
      }
    }

    it.each(sizes.filter((n) => n <= 64))('mse and bce with %i elements', (n) => {
      const pred = randomValues(n + 9, n, -2, 2)
      const target = randomValues(n + 10, n)
      const grad = backend.alloc('float64', n)
      backend.kernels.mseLoss(grad, onBackend(backend, 'float64', pred), onBackend(backend, 'float64', target), n)
      closeToDifference(grad, (p) => mseOracle(p, target), pred)
      const probabilities = target.map(Math.abs)
      backend.kernels.bceWithLogitsLoss(grad, onBackend(backend, 'float64', pred), onBackend(backend, 'float64', probabilities), n)
      closeToDifference(grad, (x) => bceOracle(x, probabilities), pred)
    })

    it.each(shapes.filter(([rows, cols]) => rows * cols <= 300))('softmax cross-entropy, dense and sparse, %i×%i', (rows, cols) => {
      const logits = randomValues(rows * cols + 11, rows * cols, -3, 3)
      const target = probabilityRows(rows + cols, rows, cols)
      const grad = backend.alloc('float64', rows * cols)
      backend.kernels.softmaxCrossEntropyLoss(grad, onBackend(backend, 'float64', logits), onBackend(backend, 'float64', target), rows, cols)
      closeToDifference(grad, (x) => crossEntropyOracle(x, target, rows, cols), logits)
      const labels = randomLabels(backend, rows * cols, rows, cols)
      backend.kernels.softmaxCrossEntropySparseLoss(grad, onBackend(backend, 'float64', logits), labels, rows, cols)
      closeToDifference(grad, (x) => crossEntropyOracle(x, oneHot(labels, cols), rows, cols), logits)
    })
  })
})

describe('losses: js and wasm give the same bits', () => {
  const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4e38, -1e-310, 1000, -1000]
  /** Random values, with the special values planted every 7th element (rows then meet them at varied columns). */
  const withSpecials = (seed: number, n: number, low: number, high: number) =>
    randomValues(seed, n, low, high).map((x, i) => (i % 7 === 3 ? specials[Math.floor(i / 7) % specials.length] : x))

  interface Run { loss?: number; outputs: FloatArray[] }
  const expectSameResults = (fromJs: Run, fromWasm: Run) => {
    expect(Object.is(fromJs.loss, fromWasm.loss), `loss ${fromJs.loss} vs ${fromWasm.loss}`).toBe(true)
    fromJs.outputs.forEach((array, i) => expect(sameBits(array, fromWasm.outputs[i]), firstDifference(array, fromWasm.outputs[i])).toBe(true))
  }

  describe.each(dtypes)('%s', (dtype) => {
    it.each([...sizes, 1000])('mseLoss and bceWithLogitsLoss over %i elements with special values', (n) => {
      for (const kernel of ['mseLoss', 'bceWithLogitsLoss'] as const) {
        const run = (backend: Backend): Run => {
          const grad = backend.alloc(dtype, n)
          const loss = backend.kernels[kernel](grad, onBackend(backend, dtype, withSpecials(n, n, -20, 20)),
            onBackend(backend, dtype, withSpecials(n + 1, n, 0, 1)), n)
          return { loss, outputs: [grad] }
        }
        expectSameResults(run(jsBackend), run(wasm))
        // the same without special values, so the loss itself (not NaN) is compared
        const finite = (backend: Backend): Run => {
          const grad = backend.alloc(dtype, n)
          const loss = backend.kernels[kernel](grad, onBackend(backend, dtype, randomValues(n, n, -20, 20)),
            onBackend(backend, dtype, randomValues(n + 1, n, 0, 1)), n)
          return { loss, outputs: [grad] }
        }
        expectSameResults(finite(jsBackend), finite(wasm))
      }
    })

    it.each(shapes)('softmax and both cross-entropies of %i×%i, with and without special values', (rows, cols) => {
      for (const specialValues of [false, true]) {
        const values = specialValues ? withSpecials(rows * cols, rows * cols, -50, 50) : randomValues(rows * cols, rows * cols, -50, 50)
        const run = (backend: Backend): Run[] => {
          const logits = onBackend(backend, dtype, values)
          const softmax = backend.alloc(dtype, rows * cols)
          backend.kernels.softmax(softmax, logits, rows, cols)
          const denseGrad = backend.alloc(dtype, rows * cols)
          const target = onBackend(backend, dtype, probabilityRows(rows, rows, cols))
          const dense = backend.kernels.softmaxCrossEntropyLoss(denseGrad, logits, target, rows, cols)
          const sparseGrad = backend.alloc(dtype, rows * cols)
          const sparse = backend.kernels.softmaxCrossEntropySparseLoss(sparseGrad, logits, randomLabels(backend, cols, rows, cols), rows, cols)
          return [{ outputs: [softmax] }, { loss: dense, outputs: [denseGrad] }, { loss: sparse, outputs: [sparseGrad] }]
        }
        const fromJs = run(jsBackend)
        run(wasm).forEach((fromWasm, i) => expectSameResults(fromJs[i], fromWasm))
      }
    })
  })
})
