import { describe, expect, it } from 'vitest'
import { backends, expectNoMemoryGrowth, jsBackend, wasm } from './support/backends'
import { dtypes, firstDifference, onBackend, randomValues, sameBits, sizes } from './support/oracle'
import type { Backend } from '../src/backend/backend'
import type { AdamOptions, DType, FloatArray, SgdOptions } from '../src/backend/kernels'

expectNoMemoryGrowth()

// The kernels take no aliasing at all (params, grads and each state buffer are distinct arrays), so
// there are no in-place cases to test beyond the in-place update of params and state itself.

const steps = 5

const sgdCases: (SgdOptions & { name: string })[] = [
  { name: 'plain', lr: 0.1, momentum: 0, weightDecay: 0, nesterov: false },
  { name: 'weight decay only', lr: 0.1, momentum: 0, weightDecay: 0.1, nesterov: false },
  { name: 'momentum', lr: 0.05, momentum: 0.9, weightDecay: 0, nesterov: false },
  { name: 'nesterov with weight decay', lr: 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true },
]

type AdamHyperparameters = Omit<AdamOptions, 'biasCorrection1' | 'biasCorrection2'>
const adamCases: (AdamHyperparameters & { name: string })[] = [
  { name: 'Adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false },
  { name: 'Adam with L2', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, decoupled: false },
  { name: 'AdamW', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, decoupled: true },
  { name: 'AdamW, large eps', lr: 0.05, beta1: 0.5, beta2: 0.9, eps: 0.1, weightDecay: 0.01, decoupled: true },
]

/** Bias corrections the way a caller computes them: 1 − beta^t with beta^t by repeated multiplication. */
function adamOptionsAt(step: number, hyperparameters: AdamHyperparameters): AdamOptions {
  let beta1Power = 1
  let beta2Power = 1
  for (let t = 0; t < step; t++) { beta1Power *= hyperparameters.beta1; beta2Power *= hyperparameters.beta2 }
  return { ...hyperparameters, biasCorrection1: 1 - beta1Power, biasCorrection2: 1 - beta2Power }
}

/** Gradients with |g| in [0.1, 1.1]: Adam's √v̂ stays ≥ 0.1, so the float64 comparison is well conditioned. */
function gradientValues(seed: number, n: number): number[] {
  return randomValues(seed, n).map((x) => (x < 0 ? x - 0.1 : x + 0.1))
}

function toDtype(dtype: DType): (x: number) => number {
  return dtype === 'float32' ? Math.fround : (x: number) => x
}

/** torch.optim.SGD in float64 (dampening 0), on scalars already rounded to the dtype as the kernel rounds them. */
function sgdOracle(p: number[], g: number[], buffer: number[], o: SgdOptions): void {
  for (let i = 0; i < p.length; i++) {
    let d = g[i]
    if (o.weightDecay !== 0) d += o.weightDecay * p[i]
    if (o.momentum !== 0) {
      buffer[i] = o.momentum * buffer[i] + d
      d = o.nesterov ? d + o.momentum * buffer[i] : buffer[i]
    }
    p[i] -= o.lr * d
  }
}

/** torch.optim.Adam / AdamW in float64, written as PyTorch writes it (lerp, step size lr/bc1, √v/√bc2). */
function adamOracle(p: number[], g: number[], m: number[], v: number[], o: AdamOptions): void {
  const stepSize = o.lr / o.biasCorrection1
  for (let i = 0; i < p.length; i++) {
    let d = g[i]
    if (o.decoupled) p[i] *= 1 - o.lr * o.weightDecay
    else d += o.weightDecay * p[i]
    m[i] += (d - m[i]) * (1 - o.beta1)
    v[i] = v[i] * o.beta2 + (1 - o.beta2) * d * d
    p[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / Math.sqrt(o.biasCorrection2) + o.eps)
  }
}

/**
 * One step rounds at most a dozen operations on quantities bounded by 1 + |p| (|g| ≤ 1.1, |velocity| ≤ 5,
 * lr·update ≤ 0.5; Adam's m̂/(√v̂+eps) has √v̂ ≥ 0.1) and carries earlier steps' error forward with a gain
 * below 2, so the distance from float64 stays below steps · 64 · unit roundoff · (1 + |p|).
 */
function expectNearOracle(actual: FloatArray, expected: number[], dtype: DType): void {
  const unitRoundoff = dtype === 'float32' ? 2 ** -24 : 2 ** -53
  expected.forEach((value, i) => {
    expect(Math.abs(actual[i] - value), `index ${i}: ${actual[i]} vs ${value}`)
      .toBeLessThanOrEqual(steps * 64 * unitRoundoff * (1 + Math.abs(value)))
  })
}

function casesBySize<T extends object>(cases: T[]): (T & { n: number })[] {
  return cases.flatMap((c) => sizes.map((n) => ({ ...c, n })))
}

describe.each(backends)('optim on $name', (backend) => {
  describe.each(dtypes)('%s', (dtype) => {
    const round = toDtype(dtype)

    it.each(casesBySize(sgdCases))('sgdStep $name, n = $n, over 5 steps follows torch.optim.SGD', (options) => {
      const { n } = options
      const params = onBackend(backend, dtype, randomValues(n, n))
      const velocity = backend.alloc(dtype, n)
      const grads = backend.alloc(dtype, n)
      const expectedParams = Array.from(params)
      const expectedVelocity = new Array<number>(n).fill(0)
      const rounded = { ...options, lr: round(options.lr), momentum: round(options.momentum), weightDecay: round(options.weightDecay) }
      for (let step = 0; step < steps; step++) {
        grads.set(gradientValues(100 * n + step, n))
        backend.kernels.sgdStep(params, grads, velocity, n, options)
        sgdOracle(expectedParams, Array.from(grads), expectedVelocity, rounded)
      }
      expectNearOracle(params, expectedParams, dtype)
      expectNearOracle(velocity, expectedVelocity, dtype)
    })

    it.each(sizes)('sgdStep with momentum 0 neither reads nor writes velocity, n = %i', (n) => {
      const params = onBackend(backend, dtype, randomValues(n, n))
      const velocity = onBackend(backend, dtype, new Array<number>(n).fill(NaN))
      const untouched = velocity.slice()
      const grads = onBackend(backend, dtype, gradientValues(n + 1, n))
      const expectedParams = Array.from(params)
      backend.kernels.sgdStep(params, grads, velocity, n, { lr: 0.1, momentum: 0, weightDecay: 0.01, nesterov: true })
      sgdOracle(expectedParams, Array.from(grads), [], { lr: round(0.1), momentum: 0, weightDecay: round(0.01), nesterov: true })
      expect(sameBits(velocity, untouched)).toBe(true)
      expectNearOracle(params, expectedParams, dtype)
    })

    it.each(casesBySize(adamCases))('adamStep $name, n = $n, over 5 steps follows torch.optim.Adam/AdamW', (hyperparameters) => {
      const { n } = hyperparameters
      const params = onBackend(backend, dtype, randomValues(n, n))
      const m = backend.alloc(dtype, n)
      const v = backend.alloc(dtype, n)
      const grads = backend.alloc(dtype, n)
      const expected = { p: Array.from(params), m: new Array<number>(n).fill(0), v: new Array<number>(n).fill(0) }
      for (let step = 1; step <= steps; step++) {
        grads.set(gradientValues(100 * n + step, n))
        const options = adamOptionsAt(step, hyperparameters)
        backend.kernels.adamStep(params, grads, m, v, n, options)
        const rounded = Object.fromEntries(Object.entries(options).map(([key, value]) => [key, typeof value === 'number' ? round(value) : value]))
        adamOracle(expected.p, Array.from(grads), expected.m, expected.v, rounded as unknown as AdamOptions)
      }
      expectNearOracle(params, expected.p, dtype)
      expectNearOracle(m, expected.m, dtype)
      expectNearOracle(v, expected.v, dtype)
    })
  })
})

describe('optim: js and wasm give the same bits over 5 steps', () => {
  const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4e38, -1e-310]
  /** Random values with the special values planted from `start` on, so params and grads meet them at different indices. */
  const withSpecials = (seed: number, n: number, start: number) =>
    randomValues(seed, n, -2, 2).map((x, i) => (i >= start && i < start + specials.length ? specials[i - start] : x))

  const runSteps = (backend: Backend, dtype: DType, n: number, stateCount: number,
    step: (params: FloatArray, grads: FloatArray, state: FloatArray[], t: number) => void): FloatArray[] => {
    const params = onBackend(backend, dtype, withSpecials(1, n, 0))
    const grads = backend.alloc(dtype, n)
    const state = Array.from({ length: stateCount }, () => backend.alloc(dtype, n))
    for (let t = 1; t <= steps; t++) {
      grads.set(withSpecials(t + 1, n, 3 * t))
      step(params, grads, state, t)
    }
    return [params, ...state]
  }

  const expectSameBits = (fromJs: FloatArray[], fromWasm: FloatArray[]) => {
    fromJs.forEach((array, i) => expect(sameBits(array, fromWasm[i]), `array ${i}: ${firstDifference(array, fromWasm[i])}`).toBe(true))
  }

  describe.each(dtypes)('%s', (dtype) => {
    it.each(casesBySize(sgdCases))('sgdStep $name, n = $n', (options) => {
      const run = (backend: Backend) => runSteps(backend, dtype, options.n, 1,
        (params, grads, [velocity]) => backend.kernels.sgdStep(params, grads, velocity, options.n, options))
      expectSameBits(run(jsBackend), run(wasm))
    })

    it.each(casesBySize(adamCases))('adamStep $name, n = $n', (hyperparameters) => {
      const run = (backend: Backend) => runSteps(backend, dtype, hyperparameters.n, 2,
        (params, grads, [m, v], t) => backend.kernels.adamStep(params, grads, m, v, hyperparameters.n, adamOptionsAt(t, hyperparameters)))
      expectSameBits(run(jsBackend), run(wasm))
    })
  })
})
