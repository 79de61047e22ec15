// BSpline's differential geometry: curvature from the derivative splines (a 1-D spline's graph, or a curve in any
// dimension) and the Frenet frame of the Bezier span holding x.
import type { BSpline } from './bspline'
import type { FrenetFrame } from './bezier-frame'
import { checkFiniteNumber } from './common'

/** See BSpline.curvature. */
export function splineCurvature(spline: BSpline, x: number): number {
  const where = 'BSpline.curvature'
  if (spline.degree < 2) throw new RangeError(`${where}: a spline of degree ${spline.degree} has no second derivative; curvature needs degree ≥ 2`)
  checkFiniteNumber(where, 'x', x)
  const first = Float64Array.from(spline.derivative(1).at(x)), second = Float64Array.from(spline.derivative(2).at(x))
  if (spline.dimension === 1) {
    const slope = first[0]
    const base = 1 + slope * slope
    return Math.abs(second[0]) / (base * Math.sqrt(base))
  }
  let speed2 = 0, acceleration2 = 0, along = 0
  for (let k = 0; k < spline.dimension; k++) { speed2 += first[k] * first[k]; acceleration2 += second[k] * second[k]; along += first[k] * second[k] }
  if (!(speed2 > 0)) throw new RangeError(`${where}: the curve stops (c′ = 0) at x = ${x}; it has no direction, so no curvature, there`)
  return Math.sqrt(Math.max(0, speed2 * acceleration2 - along * along)) / (speed2 * Math.sqrt(speed2))
}

/** See BSpline.frame. */
export function splineFrame(spline: BSpline, x: number): FrenetFrame {
  const where = 'BSpline.frame'
  checkFiniteNumber(where, 'x', x)
  const spans = spline.toBeziers()
  const span = spans.find(({ start, end }) => x >= start && x < end) ?? (x >= spans[spans.length - 1].end ? spans[spans.length - 1] : spans[0])
  const t = (x - span.start) / (span.end - span.start)
  if (!(t >= 0 && t <= 1)) throw new RangeError(`${where}: x must be in the domain [${spline.domain.join(', ')}], got ${x}`)
  return span.bezier.frame(t)
}
