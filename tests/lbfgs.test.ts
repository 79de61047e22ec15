// L-BFGS and its strong-Wolfe line search: Rosenbrock to 1e-8, a quadratic solved exactly in n iterations (with an exact line
// search, L-BFGS is conjugate gradients), the Wolfe conditions on every accepted step, the state carried between steps, the
// parameters kept when a closure fails, float32 parameters, fit() with L-BFGS and the same bits on js and wasm.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { add, mul, sub } from '../src/ops/arithmetic'
import { sum } from '../src/ops/reduce'
import { mseLoss } from '../src/ops/loss'
import { matmul } from '../src/ops/matmul'
import type { Tensor } from '../src/tensor/tensor'
import type { DType } from '../src/backend/kernels'
import { lbfgs, type LbfgsOptions } from '../src/optim/lbfgs'
import { cubicMinimizer, strongWolfe } from '../src/optim/line-search'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { sameBits } from './support/oracle'

/** A closure over `parameters` as fit() makes one: zero the gradients, evaluate, backpropagate, return the loss. */
function maxAbsOf(parameter: Tensor): number {
  return Math.max(...Array.from(parameter.grad!.data, Math.abs))
}

function closureOf(parameters: Tensor[], loss: () => Tensor, trace?: { point: number[]; loss: number; gradient: number[] }[]): () => number {
  return () => scope(() => {
    for (const p of parameters) p.zeroGrad()
    const value = loss()
    value.backward()
    const number = value.item()
    trace?.push({ point: parameters.flatMap((p) => Array.from(p.data)), loss: number, gradient: parameters.flatMap((p) => Array.from(p.grad!.data)) })
    return number
  })
}

/** (1 − x)² + 100·(y − x²)², minimum 0 at (1, 1). */
function rosenbrock(point: Tensor): Tensor {
  const x = mul(point, tensor([1, 0], { dtype: point.dtype })), y = mul(point, tensor([0, 1], { dtype: point.dtype }))
  const first = sum(x), second = sum(y)
  const a = sub(1, first), b = sub(second, mul(first, first))
  return add(mul(a, a), mul(mul(b, b), 100))
}

const exactOptions: LbfgsOptions = { gradientTolerance: 1e-300, changeTolerance: 1e-300, curvatureTolerance: 1e-300 }

describe.each(['js', 'wasm'] as const)('lbfgs on %s', (backend) => {
  beforeAll(async () => { await init({ backend }) })

  it('takes Rosenbrock from (−1.2, 1) to (1, 1) within 1e-8', () => {
    const point = tensor([-1.2, 1], { dtype: 'float64', requiresGrad: true })
    const optimizer = lbfgs({ ...exactOptions, gradientTolerance: 1e-14 })
    const closure = closureOf([point], () => rosenbrock(point))
    for (let step = 0; step < 10; step++) optimizer.step([point], closure)
    expect(Math.abs(point.data[0] - 1)).toBeLessThanOrEqual(1e-8)
    expect(Math.abs(point.data[1] - 1)).toBeLessThanOrEqual(1e-8)
    expect(optimizer.iterations).toBeLessThan(100)
  })

  it('satisfies both strong-Wolfe conditions on every accepted step', () => {
    const point = tensor([-1.2, 1], { dtype: 'float64', requiresGrad: true })
    const c1 = 1e-4, c2 = 0.9
    const optimizer = lbfgs({ ...exactOptions, maxIterations: 1, sufficientDecrease: c1, curvature: c2 })
    const trace: { point: number[]; loss: number; gradient: number[] }[] = []
    const closure = closureOf([point], () => rosenbrock(point), trace)
    for (let step = 0; step < 25; step++) {
      trace.length = 0
      const before = { loss: closure(), gradient: trace[0].gradient, point: trace[0].point }
      optimizer.step([point], closure)
      const moved = [point.data[0] - before.point[0], point.data[1] - before.point[1]]   // t·d, t > 0
      if (moved[0] === 0 && moved[1] === 0) break
      trace.length = 0
      const after = { loss: closure(), gradient: trace[0].gradient }
      const slopeBefore = before.gradient[0] * moved[0] + before.gradient[1] * moved[1]
      const slopeAfter = after.gradient[0] * moved[0] + after.gradient[1] * moved[1]
      expect(slopeBefore).toBeLessThan(0)
      expect(after.loss).toBeLessThanOrEqual(before.loss + c1 * slopeBefore)
      expect(Math.abs(slopeAfter)).toBeLessThanOrEqual(c2 * Math.abs(slopeBefore))
    }
  })

  it('solves an n-dimensional quadratic in n iterations with an exact line search (and not in n − 1)', () => {
    const n = 6
    // A symmetric, diagonally dominant (so positive definite) with distinct eigenvalues; b arbitrary
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 + i * i : 1 / (1 + i + j))))
    const matrix = tensor(a, { dtype: 'float64' }), target = tensor(Array.from({ length: n }, (_, i) => [Math.cos(i)]), { dtype: 'float64' })
    const run = (iterations: number) => {
      const point = tensor(new Float64Array(n).fill(0), { dtype: 'float64', shape: [n, 1], requiresGrad: true })
      // f = ½xᵀAx − bᵀx; the cubic interpolation is exact on a quadratic, so a tiny c2 makes the line search exact
      const loss = () => sub(mul(sum(mul(point, matmul(matrix, point))), 0.5), sum(mul(target, point)))
      const optimizer = lbfgs({ ...exactOptions, maxIterations: iterations, maxEvaluations: 1000, sufficientDecrease: 1e-8, curvature: 1e-6 })
      const closure = closureOf([point], loss)
      optimizer.step([point], closure)
      closure()
      return Math.max(...Array.from(point.grad!.data, Math.abs))
    }
    expect(run(n)).toBeLessThan(1e-12)
    expect(run(n - 1)).toBeGreaterThan(1e-6)
  })

  it('keeps its history between steps, restarts it on reset() and when the parameter count changes', () => {
    const point = tensor([-1.2, 1], { dtype: 'float64', requiresGrad: true })
    const closure = closureOf([point], () => rosenbrock(point))
    const split = lbfgs({ ...exactOptions, maxIterations: 3, maxEvaluations: 1000 })
    for (let step = 0; step < 4; step++) split.step([point], closure)
    const once = tensor([-1.2, 1], { dtype: 'float64', requiresGrad: true })
    const whole = lbfgs({ ...exactOptions, maxIterations: 12, maxEvaluations: 1000 })
    whole.step([once], closureOf([once], () => rosenbrock(once)))
    expect(sameBits(point.data, once.data)).toBe(true)   // 4 steps of 3 iterations = 1 step of 12, bit for bit

    const restarted = tensor([-1.2, 1], { dtype: 'float64', requiresGrad: true })
    const optimizer = lbfgs({ ...exactOptions, maxIterations: 3 })
    const restartedClosure = closureOf([restarted], () => rosenbrock(restarted))
    optimizer.step([restarted], restartedClosure)
    optimizer.reset()
    optimizer.step([restarted], restartedClosure)
    expect(sameBits(restarted.data, point.data)).toBe(false)
    const extra = tensor([0], { dtype: 'float64', requiresGrad: true })   // a new parameter: a fresh start, not a crash
    expect(Number.isFinite(optimizer.step([restarted, extra], closureOf([restarted, extra], () => add(rosenbrock(restarted), sum(mul(extra, extra))))))).toBe(true)
  })

  it('puts the parameters back where step() began when the closure throws in a later iteration', () => {
    const point = tensor([-1.2, 1], { dtype: 'float64', requiresGrad: true })
    const evaluated: number[][] = []
    const closure = closureOf([point], () => {
      evaluated.push(Array.from(point.data))
      if (evaluated.length === 6) throw new Error('the loss became NaN')
      return rosenbrock(point)
    })
    expect(() => lbfgs(exactOptions).step([point], closure)).toThrow('the loss became NaN')
    expect(new Set(evaluated.slice(0, 5).map((p) => p.join()) ).size).toBeGreaterThan(2)   // the step had moved through several points
    expect(Array.from(point.data)).toEqual(evaluated[0])   // and is back at its start, not at a later iteration's point
  })

  it.each(['float32', 'float64'] as DType[])('fits a small regression full-batch through fit() (%s), and refuses mini-batches', async (dtype) => {
    const xs = Array.from({ length: 40 }, (_, i) => [Math.cos(i), Math.sin(2 * i)])
    const x = tensor(xs, { dtype }), y = tensor(xs.map(([a, b]) => [a * b - 0.5 * a]), { dtype })
    const model = sequential([dense(2, 8), act('tanh'), dense(8, 1)], { seed: 3, dtype })
    const history = await model.fit(x, y, { loss: 'mse', optimizer: lbfgs(), epochs: 10 })
    expect(history.epochs[9].loss).toBeLessThan(dtype === 'float32' ? 1e-4 : 1e-6)
    await expect(model.fit(x, y, { loss: 'mse', optimizer: lbfgs(), batchSize: 8 })).rejects.toThrow(/L-BFGS is a full-batch method/)
  })

  it('keeps the weights from before the failing step when fit() stops on a non-finite loss mid-step', async () => {
    const xs = Array.from({ length: 30 }, (_, i) => [Math.cos(i), Math.sin(2 * i)])
    const x = tensor(xs, { dtype: 'float64' }), y = tensor(xs.map(([a, b]) => [a * b]), { dtype: 'float64' })
    const model = sequential([dense(2, 6), act('tanh'), dense(6, 1)], { seed: 4, dtype: 'float64' })
    let calls = 0, beforeStep: Float64Array[] = model.parameters.map((p) => Float64Array.from(p.data))
    // the 30th evaluation (inside the second or a later step, after the step has moved) turns the loss into NaN
    const loss = (p: Tensor, t: Tensor) => (++calls === 30 ? mul(mseLoss(p, t), NaN) : mseLoss(p, t))
    const failure = await model.fit(x, y, { loss, optimizer: lbfgs(), epochs: 20,
      onEpochEnd: () => { beforeStep = model.parameters.map((p) => Float64Array.from(p.data)) } }).catch((error: unknown) => error)
    expect((failure as Error).name).toBe('TrainingError')
    expect((failure as Error).message).toMatch(/keeps its weights from before that batch/)
    model.parameters.forEach((p, k) => expect(sameBits(Float64Array.from(p.data), beforeStep[k]), `parameter ${k}`).toBe(true))
  })
})

describe('the strong-Wolfe line search', () => {
  it('interpolates a cubic exactly and falls back to the midpoint without a minimiser', () => {
    // f(t) = t³ − 3t, f' = 3t² − 3: local minimum at t = 1
    const f = (t: number) => t ** 3 - 3 * t, g = (t: number) => 3 * t * t - 3
    expect(cubicMinimizer(0, f(0), g(0), 3, f(3), g(3), 0, 3)).toBeCloseTo(1, 14)
    expect(cubicMinimizer(3, f(3), g(3), 0, f(0), g(0), 0, 3)).toBeCloseTo(1, 14)
    expect(cubicMinimizer(0, 0, 1, 1, 2, 4, 0, 1)).toBe(0.5)   // t³ + t has no critical point: the midpoint
    expect(cubicMinimizer(0, f(0), g(0), 3, f(3), g(3), 1.5, 3)).toBe(1.5)   // clamped to the bounds
  })

  it.each([[1], [1e-3], [50]])('accepts a step meeting both conditions on a 1-D function, from initial step %f', (initial) => {
    // φ(t) = (t − 0.7)⁴ + 0.1·t² along d = 1 from t = 0
    const loss = (t: number) => (t - 0.7) ** 4 + 0.1 * t * t, slope = (t: number) => 4 * (t - 0.7) ** 3 + 0.2 * t
    const direction = Float64Array.of(1)
    const start = { step: 0, loss: loss(0), gradient: Float64Array.of(slope(0)), slope: slope(0) }
    const { point, evaluations } = strongWolfe((t) => ({ loss: loss(t), gradient: Float64Array.of(slope(t)) }), direction, start, initial,
      { sufficientDecrease: 1e-4, curvature: 0.1, tolerance: 1e-12, maxEvaluations: 25 })
    expect(point.loss).toBeLessThanOrEqual(start.loss + 1e-4 * point.step * start.slope)
    expect(Math.abs(point.slope)).toBeLessThanOrEqual(0.1 * Math.abs(start.slope))
    expect(evaluations).toBeLessThanOrEqual(25)
  })
})

describe('lbfgs options', () => {
  it.each([
    [{ historySize: 0 }, /lbfgs: historySize must be a positive integer, got 0/],
    [{ maxIterations: 2.5 }, /lbfgs: maxIterations must be a positive integer, got 2.5/],
    [{ lineSearch: 'armijo' }, /lbfgs: lineSearch must be 'strongWolfe' or 'none', got "armijo"/],
    [{ curvature: 1 }, /lbfgs: curvature must be in \(0, 1\), got 1/],
    [{ sufficientDecrease: 0.5, curvature: 0.4 }, /sufficientDecrease \(0.5\) must be below curvature \(0.4\)/],
    [{ historysize: 10 }, /lbfgs: unknown option "historysize"/],
    [{ gradientTolerance: -1e-9 }, /lbfgs: gradientTolerance must be a finite number ≥ 0, got -1e-9/],
    [{ changeTolerance: NaN }, /lbfgs: changeTolerance must be a finite number ≥ 0, got NaN/],
    [{ curvatureTolerance: Infinity }, /lbfgs: curvatureTolerance must be a finite number ≥ 0, got Infinity/],
  ])('refuses %o', (options, message) => {
    expect(() => lbfgs(options as LbfgsOptions)).toThrow(message)
  })

  it('takes 0 tolerances (tests off, as pykan trains): a step then runs to its iteration cap unless the gradient is exactly 0', () => {
    const run = (options: LbfgsOptions) => {
      const optimizer = lbfgs({ ...options, maxIterations: 30, maxEvaluations: 1000 })
      const point = tensor([-1.2, 1], { dtype: 'float64', requiresGrad: true })
      const loss = optimizer.step([point], closureOf([point], () => rosenbrock(point)))
      return { loss, iterations: optimizer.iterations, gradient: maxAbsOf(point) }
    }
    const off = run({ gradientTolerance: 0, changeTolerance: 0, curvatureTolerance: 0 })
    const defaults = run({})
    expect(off.iterations === 30 || off.gradient === 0).toBe(true)
    expect(off.iterations).toBeGreaterThanOrEqual(defaults.iterations)
    expect(off.loss).toBeLessThanOrEqual(defaults.loss)
  })

  it('reports its configuration, PyTorch defaults where it has them', () => {
    expect(lbfgs().config()).toEqual({ kind: 'lbfgs', lr: 1, historySize: 100, maxIterations: 20, maxEvaluations: 25, gradientTolerance: 1e-7,
      changeTolerance: 1e-9, curvatureTolerance: 1e-10, lineSearch: 'strongWolfe', sufficientDecrease: 1e-4, curvature: 0.9 })
  })
})

describe('lbfgs is deterministic across backends', () => {
  it.each(['float32', 'float64'] as DType[])('%s: fit() with L-BFGS gives the same loss history and weights, bit for bit, on js and wasm', async (dtype) => {
    const run = async (backend: 'js' | 'wasm') => {
      await init({ backend })
      const xs = Array.from({ length: 30 }, (_, i) => [Math.cos(0.3 * i), Math.sin(0.7 * i)])
      const model = sequential([dense(2, 6), act('tanh'), dense(6, 1)], { seed: 5, dtype })
      const history = await model.fit(tensor(xs, { dtype }), tensor(xs.map(([a, b]) => [a * a - b]), { dtype }), { loss: 'mse', optimizer: lbfgs({ historySize: 5 }), epochs: 4 })
      return { losses: Float64Array.from(history.epochs.map((logs) => logs.loss)), weights: model.parameters.map((p) => p.data.slice()) }
    }
    const js = await run('js'), wasm = await run('wasm')
    expect(sameBits(js.losses, wasm.losses)).toBe(true)
    js.weights.forEach((w, i) => expect(sameBits(w, wasm.weights[i])).toBe(true))
  })
})
