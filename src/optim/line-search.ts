// The strong-Wolfe line search of L-BFGS (Nocedal & Wright, Numerical Optimization, algorithms 3.5 and 3.6): bracket a step
// that satisfies both conditions, then zoom into the bracket by safeguarded cubic interpolation. Float64 JS arithmetic with
// + − × ÷ and √ only, so the same losses and gradients give the same steps in every engine.

/** The loss and its gradient (a fresh array) at `step` along the search direction. */
export type DirectionalEvaluation = (step: number) => { loss: number; gradient: Float64Array }

export interface LineSearchPoint {
  step: number
  loss: number
  gradient: Float64Array
  /** gradientᵀ·direction: the loss's derivative along the direction. */
  slope: number
}

export interface StrongWolfeOptions {
  /** c1 of the sufficient-decrease (Armijo) condition f(t) ≤ f(0) + c1·t·f'(0). */
  sufficientDecrease: number
  /** c2 of the curvature condition |f'(t)| ≤ c2·|f'(0)|. */
  curvature: number
  /** Stop zooming once the bracket moves no parameter by more than this. */
  tolerance: number
  /** Evaluations allowed (PyTorch: 25). */
  maxEvaluations: number
}

export function dot(a: Float64Array, b: Float64Array): number {
  let total = 0
  for (let i = 0; i < a.length; i++) total += a[i] * b[i]
  return total
}

export function maxAbs(a: Float64Array): number {
  let largest = 0
  for (let i = 0; i < a.length; i++) {
    const size = Math.abs(a[i])
    if (size > largest || size !== size) largest = size
  }
  return largest
}

function clampTo(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value
}

/**
 * The minimiser of the cubic through (a, fa) and (b, fb) with slopes ga and gb, clamped to [low, high]; the interval's
 * midpoint when the cubic has no minimiser there (or the arithmetic fails: NaN).
 */
export function cubicMinimizer(a: number, fa: number, ga: number, b: number, fb: number, gb: number, low: number, high: number): number {
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b)
  const square = d1 * d1 - ga * gb
  if (!(square >= 0)) return (low + high) / 2
  const d2 = Math.sqrt(square)
  const minimizer = a <= b ? b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2)) : a - (a - b) * ((ga + d2 - d1) / (ga - gb + 2 * d2))
  return minimizer === minimizer ? clampTo(minimizer, low, high) : (low + high) / 2
}

/**
 * Searches along the direction from `start` (step 0) beginning with `initialStep`. Returns the accepted point — one
 * satisfying both strong-Wolfe conditions, or, when the evaluations or the tolerance run out first, the lowest-loss
 * point found that satisfies sufficient decrease (possibly the start, step 0) — and the evaluations spent.
 */
export function strongWolfe(evaluate: DirectionalEvaluation, direction: Float64Array, start: LineSearchPoint, initialStep: number,
  options: StrongWolfeOptions): { point: LineSearchPoint; evaluations: number } {
  const { sufficientDecrease, curvature, tolerance, maxEvaluations } = options
  const directionSize = maxAbs(direction)
  let evaluations = 0
  const at = (step: number): LineSearchPoint => {
    evaluations++
    const { loss, gradient } = evaluate(step)
    return { step, loss, gradient, slope: dot(gradient, direction) }
  }
  const decreasesEnough = (point: LineSearchPoint) => point.loss <= start.loss + sufficientDecrease * point.step * start.slope
  const flatEnough = (point: LineSearchPoint) => Math.abs(point.slope) <= -curvature * start.slope

  // bracketing: grow the step until it is acceptable or an interval [previous, current] must hold an acceptable step
  let previous = start
  let current = at(initialStep)
  let bracket: [LineSearchPoint, LineSearchPoint]
  for (;;) {
    if (!decreasesEnough(current) || (evaluations > 1 && current.loss >= previous.loss)) {
      bracket = [previous, current]
      break
    }
    if (flatEnough(current)) return { point: current, evaluations }
    if (current.slope >= 0) {
      bracket = [previous, current]
      break
    }
    if (evaluations >= maxEvaluations) return { point: current, evaluations }
    const step = cubicMinimizer(previous.step, previous.loss, previous.slope, current.step, current.loss, current.slope,
      current.step + 0.01 * (current.step - previous.step), 10 * current.step)
    previous = current
    current = at(step)
  }

  // zoom: `low` is the best point so far satisfying sufficient decrease, `high` the other end of the bracket
  let [low, high] = bracket[0].loss <= bracket[1].loss ? bracket : [bracket[1], bracket[0]]
  let insufficientProgress = false
  while (evaluations < maxEvaluations && Math.abs(high.step - low.step) * directionSize >= tolerance) {
    const left = Math.min(low.step, high.step), right = Math.max(low.step, high.step)
    let step = cubicMinimizer(low.step, low.loss, low.slope, high.step, high.loss, high.slope, left, right)
    // keep trials off the bracket's ends, which would make it shrink too slowly
    const margin = 0.1 * (right - left)
    if (Math.min(right - step, step - left) < margin) {
      if (insufficientProgress || step >= right || step <= left) {
        step = Math.abs(step - right) < Math.abs(step - left) ? right - margin : left + margin
        insufficientProgress = false
      } else {
        insufficientProgress = true
      }
    } else {
      insufficientProgress = false
    }
    const trial = at(step)
    if (!decreasesEnough(trial) || trial.loss >= low.loss) {
      high = trial
    } else {
      if (flatEnough(trial)) return { point: trial, evaluations }
      if (trial.slope * (high.step - low.step) >= 0) high = low
      low = trial
    }
  }
  return { point: low, evaluations }
}
