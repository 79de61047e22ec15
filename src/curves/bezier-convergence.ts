// How far a polyline lies from a Bezier, measured by dense sampling: the series behind the
// convergence test and picture (a uniform n-segment polyline of a cubic deviates as O(1/n²)).
import type { Bezier } from './bezier'
import type { Polyline } from './bezier-flatten'
import { checkInteger } from './common'
import { distanceToSegment } from './bezier-math'

/** The polyline through B(i/segments), i = 0…segments. */
export function uniformPolyline(curve: Bezier, segments: number): Polyline {
  checkInteger('uniformPolyline', 'segments', segments, 1)
  const parameters = Float64Array.from({ length: segments + 1 }, (_, i) => i / segments)
  const points = new Float64Array((segments + 1) * curve.dimension)
  parameters.forEach((t, i) => points.set(curve.at(t), i * curve.dimension))
  return { points, parameters, count: segments + 1, dimension: curve.dimension }
}

/**
 * max over `samples` + 1 uniform parameters t of the distance from B(t) to the polyline (to its
 * nearest segment, searched among all). The distance is Lipschitz in t with constant max‖B'‖, so this
 * measures from below, by at most max‖B'‖/(2·samples).
 */
export function polylineDeviation(curve: Bezier, polyline: Polyline, samples = 64 * (polyline.count - 1)): number {
  checkInteger('polylineDeviation', 'samples', samples, 1)
  let worst = 0
  for (let s = 0; s <= samples; s++) {
    const point = curve.at(s / samples)
    let nearest = Infinity
    for (let k = 0; k + 1 < polyline.count; k++) {
      nearest = Math.min(nearest, distanceToSegment(point, polyline.points, k * curve.dimension, (k + 1) * curve.dimension, curve.dimension))
    }
    worst = Math.max(worst, nearest)
  }
  return worst
}

/** The deviation of the uniform polyline for each segment count: the series of the convergence plot. */
export function flatteningConvergence(curve: Bezier, segmentCounts: readonly number[]): { segments: number; deviation: number }[] {
  return segmentCounts.map((segments) => ({ segments, deviation: polylineDeviation(curve, uniformPolyline(curve, segments)) }))
}
