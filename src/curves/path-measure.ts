// Measuring a path made of Bezier stretches: the arc-length table (each stretch's length and their
// running sums), points at equal arc-length spacing, and the nearest point over all stretches.
import type { Bezier } from './bezier'
import { controlBoxDistance } from './bezier-project'

/** Lengths of the stretches, with lengths[i] exactly what stretch i's tAtLength takes as its total. */
export class ArcLengths {
  readonly lengths: Float64Array
  /** starts[i] = lengths[0] + … + lengths[i−1], summed in index order; starts[N−1] is the whole length. */
  readonly starts: Float64Array

  constructor(segments: readonly Bezier[]) {
    this.lengths = Float64Array.from(segments, (segment) => segment.length())
    this.starts = new Float64Array(segments.length + 1)
    for (let i = 0; i < segments.length; i++) this.starts[i + 1] = this.starts[i] + this.lengths[i]
  }

  get total(): number {
    return this.starts[this.starts.length - 1]
  }

  /** The stretch holding arc length s (the last one whose start is ≤ s) and the length into it. */
  locate(s: number): { segment: number; within: number } {
    let low = 0, high = this.lengths.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.starts[middle] <= s) low = middle
      else high = middle - 1
    }
    // clamped: the running sums and the stretch's own total may differ in the last bit
    const within = Math.min(Math.max(s - this.starts[low], 0), this.lengths[low])
    return { segment: low, within }
  }
}

/**
 * `count` points at arc lengths k·total/(count − 1), packed [count×dimension]. Each stretch's
 * parameters are found by its tAtLengths (one ascending sweep) and evaluated in one batched atMany call (the runtime's kernel).
 */
export function resampleByLength(segments: readonly Bezier[], table: ArcLengths, count: number, dimension: number): Float64Array {
  const out = new Float64Array(count * dimension)
  let next = 0
  for (let i = 0; i < segments.length && next < count; i++) {
    const withins: number[] = []
    const first = next
    for (; next < count; next++) {
      const s = (next * table.total) / (count - 1)
      const { segment, within } = table.locate(s)
      if (segment !== i) break
      withins.push(within)
    }
    const parameters = withins.length > 0 ? segments[i].tAtLengths(withins) : []
    if (parameters.length > 0) out.set(segments[i].atMany(parameters), first * dimension)
  }
  return out
}

export interface NearestOnPath {
  /** The stretch (0 … points − 2) holding the nearest point. */
  segment: number
  /** The nearest point's parameter within that stretch, in [0, 1]. */
  t: number
  /** The same place as a parameter of the whole path, in [0, 1] (what at() takes). */
  u: number
  distance: number
  point: Float64Array
}

/**
 * Every stretch's global projection (Bezier.project), visited nearest box first; a stretch whose
 * box is no nearer than the best point found so far cannot hold a nearer point and is skipped.
 * Ties go to the stretch visited first (the lower index among equal boxes).
 */
export function nearestOnSegments(segments: readonly Bezier[], knots: Float64Array, query: Float64Array): NearestOnPath {
  const bounds = segments.map((segment, index) => ({ index, lower: controlBoxDistance(segment, query) }))
  bounds.sort((a, b) => a.lower - b.lower || a.index - b.index)
  let best: NearestOnPath | undefined
  for (const { index, lower } of bounds) {
    if (best && lower >= best.distance) break
    const projection = segments[index].project(query)
    if (!best || projection.distance < best.distance) {
      const u = projection.t === 1 ? knots[index + 1] : knots[index] + projection.t * (knots[index + 1] - knots[index])
      best = { segment: index, t: projection.t, u, distance: projection.distance, point: projection.point }
    }
  }
  return best!
}
