// lbfgs(): full-batch L-BFGS as a ClosureOptimizer, following torch.optim.LBFGS: each step() runs up to maxIterations
// quasi-Newton iterations (two-loop recursion over the last historySize curvature pairs, initial inverse Hessian scaled by
// yᵀs/yᵀy) with a strong-Wolfe line search (line-search.ts), and keeps its history from step to step. The parameters are
// one flat float64 vector (float32 parameters are read exactly and stored rounded), and every operation on it is + − × ÷,
// |·| or √ in a fixed order, so the same losses and gradients give the same steps on every backend and engine.
// Where it differs from PyTorch: a curvature pair is kept when yᵀs > curvatureTolerance·‖y‖‖s‖ (scale-free; PyTorch: yᵀs > 1e-10,
// which drops every pair once the loss is tiny); the line search stops at changeTolerance (PyTorch: a fixed 1e-9); step()
// returns the loss at the end of the step (PyTorch: at its start); a closure that throws (a non-finite loss in fit())
// leaves the parameters where step() began, as fit() promises (the weights from before that batch); a change in the number of parameters (refineGrid) restarts the history.
import type { Tensor } from '../tensor/tensor'
import type { ClosureOptimizer } from '../train/fit'
import { dot, maxAbs, strongWolfe, type LineSearchPoint } from './line-search'
import { checkOptions } from '../check/names'

export interface LbfgsOptions {
  /** The step along each quasi-Newton direction before the line search (default 1). */
  lr?: number
  /** Curvature pairs kept (default 100). */
  historySize?: number
  /** Iterations per step() (default 20). */
  maxIterations?: number
  /** Loss evaluations per step() (default maxIterations·5/4). */
  maxEvaluations?: number
  /** A step ends when the largest gradient element is at most this (default 1e-7; 0: only at a zero gradient). */
  gradientTolerance?: number
  /** A step ends when the loss or the parameters change by less than this (default 1e-9; 0: never on change). */
  changeTolerance?: number
  /** Skips a curvature pair when yᵀs ≤ this·‖y‖·‖s‖ (default 1e-10; 0: keeps every pair of positive curvature). */
  curvatureTolerance?: number
  /** 'strongWolfe' (default) or 'none': a fixed step of lr. */
  lineSearch?: 'strongWolfe' | 'none'
  /** The strong-Wolfe constants c1 (default 1e-4) and c2 (default 0.9). */
  sufficientDecrease?: number
  curvature?: number
}

export interface LbfgsOptimizer extends ClosureOptimizer {
  /** Loss evaluations and iterations so far, over all steps. */
  readonly evaluations: number
  readonly iterations: number
  /** Forgets the curvature history (e.g. after updateGrid re-parameterises the model). */
  reset(): void
}

const optionNames = ['lr', 'historySize', 'maxIterations', 'maxEvaluations', 'gradientTolerance', 'changeTolerance',
  'curvatureTolerance', 'lineSearch', 'sufficientDecrease', 'curvature']

function positive(name: string, value: unknown, fallback: number, integer = false): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new RangeError(`lbfgs: ${name} must be a positive ${integer ? 'integer' : 'finite number'}, got ${String(v)}`)
  }
  return v
}

/** A tolerance: 0 switches its test off (pykan trains with every tolerance at 1e-32, in effect off). */
function tolerance(name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new RangeError(`lbfgs: ${name} must be a finite number ≥ 0, got ${String(v)}`)
  return v
}

function fraction(name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !(v > 0 && v < 1)) throw new RangeError(`lbfgs: ${name} must be in (0, 1), got ${String(v)}`)
  return v
}

/** The parameters L-BFGS moves: those that take a gradient. */
const trainable = (parameters: Tensor[]) => parameters.filter((p) => p.requiresGrad)

function gatherValues(parameters: Tensor[], size: number): Float64Array {
  const flat = new Float64Array(size)
  let offset = 0
  for (const p of parameters) { flat.set(p.data, offset); offset += p.size }
  return flat
}

function gatherGradients(parameters: Tensor[], size: number): Float64Array {
  const flat = new Float64Array(size)
  let offset = 0
  for (const p of parameters) {
    if (p.grad) flat.set(p.grad.data, offset)   // a parameter the loss does not reach has gradient 0
    offset += p.size
  }
  return flat
}

/** Writes x + step·direction into the parameters (rounded to their dtype). */
function moveTo(parameters: Tensor[], x: Float64Array, step: number, direction: Float64Array): void {
  let offset = 0
  for (const p of parameters) {
    const data = p.data
    for (let k = 0; k < p.size; k++) data[k] = x[offset + k] + step * direction[offset + k]
    offset += p.size
  }
}

export function lbfgs(options?: LbfgsOptions): LbfgsOptimizer {
  const given = checkOptions('lbfgs', options, optionNames)
  const lr = positive('lr', given.lr, 1)
  const historySize = positive('historySize', given.historySize, 100, true)
  const maxIterations = positive('maxIterations', given.maxIterations, 20, true)
  const maxEvaluations = positive('maxEvaluations', given.maxEvaluations, Math.floor((maxIterations * 5) / 4), true)
  const gradientTolerance = tolerance('gradientTolerance', given.gradientTolerance, 1e-7)
  const changeTolerance = tolerance('changeTolerance', given.changeTolerance, 1e-9)
  const curvatureTolerance = tolerance('curvatureTolerance', given.curvatureTolerance, 1e-10)
  const lineSearch = given.lineSearch ?? 'strongWolfe'
  if (lineSearch !== 'strongWolfe' && lineSearch !== 'none') throw new TypeError(`lbfgs: lineSearch must be 'strongWolfe' or 'none', got ${JSON.stringify(lineSearch)}`)
  const sufficientDecrease = fraction('sufficientDecrease', given.sufficientDecrease, 1e-4)
  const curvature = fraction('curvature', given.curvature, 0.9)
  if (!(sufficientDecrease < curvature)) throw new RangeError(`lbfgs: sufficientDecrease (${sufficientDecrease}) must be below curvature (${curvature})`)

  // the state carried from step to step, as torch.optim.LBFGS keeps it
  let steps: Float64Array[] = [], gradientChanges: Float64Array[] = [], inverseCurvatures: number[] = []
  let inverseHessianScale = 1
  let direction: Float64Array | undefined, stepLength = 0, previousGradient: Float64Array | undefined
  let iterations = 0, evaluations = 0, historyIterations = 0, size = -1

  const reset = () => {
    steps = []; gradientChanges = []; inverseCurvatures = []
    inverseHessianScale = 1; direction = undefined; previousGradient = undefined; historyIterations = 0
  }

  /** Adds the pair (s, y) of the last iteration when its curvature is positive, then the two-loop recursion: d = −H·g. */
  const quasiNewtonDirection = (gradient: Float64Array): Float64Array => {
    const s = direction!.map((value) => value * stepLength)
    const y = gradient.map((value, k) => value - previousGradient![k])
    const ys = dot(y, s), yy = dot(y, y)
    if (ys > curvatureTolerance * Math.sqrt(yy) * Math.sqrt(dot(s, s))) {
      if (steps.length === historySize) { steps.shift(); gradientChanges.shift(); inverseCurvatures.shift() }
      steps.push(s); gradientChanges.push(y); inverseCurvatures.push(1 / ys)
      inverseHessianScale = ys / yy
    }
    const q = gradient.map((value) => -value)
    const alphas = new Float64Array(steps.length)
    for (let k = steps.length - 1; k >= 0; k--) {
      alphas[k] = dot(steps[k], q) * inverseCurvatures[k]
      const change = gradientChanges[k]
      for (let i = 0; i < q.length; i++) q[i] -= alphas[k] * change[i]
    }
    for (let i = 0; i < q.length; i++) q[i] *= inverseHessianScale
    for (let k = 0; k < steps.length; k++) {
      const beta = dot(gradientChanges[k], q) * inverseCurvatures[k]
      const s = steps[k]
      for (let i = 0; i < q.length; i++) q[i] += (alphas[k] - beta) * s[i]
    }
    return q
  }

  return {
    kind: 'lbfgs',
    get evaluations() { return evaluations },
    get iterations() { return iterations },
    reset,
    step(parameters, closure) {
      const moved = trainable(parameters)
      const count = moved.reduce((total, p) => total + p.size, 0)
      if (count !== size) { reset(); size = count }
      const stepStart = gatherValues(moved, count)   // where a failing closure puts the parameters back (fit's promise)
      let loss = closure()
      let stepEvaluations = 1
      evaluations++
      let gradient = gatherGradients(moved, count)
      if (maxAbs(gradient) <= gradientTolerance) return loss

      for (let iteration = 1; iteration <= maxIterations; iteration++) {
        iterations++
        historyIterations++
        const first = historyIterations === 1
        direction = first ? gradient.map((value) => -value) : quasiNewtonDirection(gradient)
        previousGradient = gradient
        const previousLoss = loss
        let gradientSum = 0
        for (let k = 0; k < gradient.length; k++) gradientSum += Math.abs(gradient[k])
        stepLength = first ? Math.min(1, 1 / gradientSum) * lr : lr
        const slope = dot(gradient, direction)
        if (slope > -changeTolerance) break

        const x = gatherValues(moved, count)
        const d = direction
        const evaluate = (step: number) => {
          moveTo(moved, x, step, d)
          try {
            return { loss: closure(), gradient: gatherGradients(moved, count) }
          } catch (error) {
            moveTo(moved, stepStart, 0, d)   // a failed trial leaves the parameters where this step() began
            throw error
          }
        }
        if (lineSearch === 'strongWolfe') {
          const start: LineSearchPoint = { step: 0, loss, gradient, slope }
          const result = strongWolfe(evaluate, d, start, stepLength, { sufficientDecrease, curvature, tolerance: changeTolerance, maxEvaluations: 25 })
          ;({ loss, gradient, step: stepLength } = result.point)
          moveTo(moved, x, stepLength, d)
          stepEvaluations += result.evaluations
          evaluations += result.evaluations
        } else {
          moveTo(moved, x, stepLength, d)
          if (iteration < maxIterations) {
            ;({ loss, gradient } = evaluate(stepLength))
            stepEvaluations++
            evaluations++
          }
        }
        if (iteration === maxIterations || stepEvaluations >= maxEvaluations) break
        if (maxAbs(gradient) <= gradientTolerance) break
        if (maxAbs(d) * Math.abs(stepLength) <= changeTolerance) break
        if (Math.abs(loss - previousLoss) < changeTolerance) break
      }
      return loss
    },
    config: () => ({ kind: 'lbfgs', lr, historySize, maxIterations, maxEvaluations, gradientTolerance, changeTolerance, curvatureTolerance,
      lineSearch, sufficientDecrease, curvature }),
  }
}
