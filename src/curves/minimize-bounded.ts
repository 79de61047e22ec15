// Brent's minimisation of a function of one variable on a closed interval: golden-section steps, parabolic steps
// through the three best points when they are trustworthy, stopping when the bracket around the best point is within
// tolerance. This follows the published algorithm step for step with the choices of scipy's fminbound (first point at
// the golden section, tolerance √(2.2e-16)·|x| + xTolerance/3), so both visit the same points and stop at the same x
// up to the rounding of f — which is what lets smoothingSpline's GCV λ agree with scipy's to its tolerance.

export interface BoundedMinimum { x: number; value: number; evaluations: number }

const goldenFraction = (3 - Math.sqrt(5)) / 2
const relativeStep = Math.sqrt(2.2e-16)

/** The minimiser of f on [low, high] to within about xTolerance, after at most maxEvaluations calls of f. */
export function minimizeBounded(f: (x: number) => number, low: number, high: number, xTolerance = 1e-5, maxEvaluations = 500): BoundedMinimum {
  let a = low, b = high
  // best: the lowest value so far; second and third: the two before it (the parabola's other points)
  let best = a + goldenFraction * (b - a), second = best, third = best
  let fBest = f(best), fSecond = fBest, fThird = fBest
  let evaluations = 1
  let step = 0, previousStep = 0
  let middle = (a + b) / 2
  let tolerance = relativeStep * Math.abs(best) + xTolerance / 3
  while (Math.abs(best - middle) > 2 * tolerance - (b - a) / 2) {
    let golden = true
    if (Math.abs(previousStep) > tolerance) {
      golden = false
      let r = (best - second) * (fBest - fThird)
      let q = (best - third) * (fBest - fSecond)
      let p = (best - third) * q - (best - second) * r
      q = 2 * (q - r)
      if (q > 0) p = -p
      q = Math.abs(q)
      r = previousStep
      previousStep = step
      if (Math.abs(p) < Math.abs(q * r / 2) && p > q * (a - best) && p < q * (b - best)) {
        step = p / q
        const x = best + step
        if (x - a < 2 * tolerance || b - x < 2 * tolerance) step = tolerance * (middle - best >= 0 ? 1 : -1)
      } else golden = true
    }
    if (golden) {
      previousStep = best >= middle ? a - best : b - best
      step = goldenFraction * previousStep
    }
    const x = best + (step >= 0 ? 1 : -1) * Math.max(Math.abs(step), tolerance)
    const fx = f(x)
    evaluations++
    if (fx <= fBest) {
      if (x >= best) a = best
      else b = best
      third = second; fThird = fSecond
      second = best; fSecond = fBest
      best = x; fBest = fx
    } else {
      if (x < best) a = x
      else b = x
      if (fx <= fSecond || second === best) {
        third = second; fThird = fSecond
        second = x; fSecond = fx
      } else if (fx <= fThird || third === best || third === second) {
        third = x; fThird = fx
      }
    }
    middle = (a + b) / 2
    tolerance = relativeStep * Math.abs(best) + xTolerance / 3
    if (evaluations >= maxEvaluations) break
  }
  return { x: best, value: fBest, evaluations }
}
