// Paths through points: pathThrough (Catmull-Rom and the natural cubic spline) on 10³ points in 768-D,
// and pathThrough + resample at equal arc length (a fresh path per call, so nothing is cached) on 2000
// points in 2-D and 50 in 768-D. Sizes are kept small because tinybench runs every case at least 64
// times; in 768-D resample costs ≈ 4 ms a point (Bezier.tAtLength integrates to 1e-12 per target); resample(200, { tolerance })
// against it on the embeddings job.
// Paths use the runtime of init(), so each case first initialises its backend; only resample's batched
// evaluation goes through kernels, the rest is float64 TypeScript on both.
import type { BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import { init } from '../src/init'
import { pathThrough } from '../src/curves/path-through'
import type { PathOptions } from '../src/curves/path-through'

/** A walk of `count` points with steps in [−1, 1)^dimension from a fixed integer pattern (no equal neighbours). */
function walk(count: number, dimension: number): Float64Array {
  const points = new Float64Array(count * dimension)
  for (let i = 0; i < points.length; i++) {
    const step = (((i * 2654435761 + 97) >>> 0) % 2001) / 1000 - 1
    points[i] = i < dimension ? step : points[i - dimension] + step
  }
  return points
}

const builds: { name: string; options: PathOptions }[] = [
  { name: 'catmull-rom α=0.5', options: { kind: 'catmull-rom', alpha: 0.5 } },
  { name: 'natural-cubic chord', options: { kind: 'natural-cubic', parameter: 'chord' } },
]
const resamples = [{ count: 2000, dimension: 2 }, { count: 50, dimension: 768 }]
const buildCount = 1000

export function pathCases(backends: Backend[]): BenchCase[] {
  const cases: BenchCase[] = []
  const large = walk(buildCount, 768)
  for (const backend of backends) {
    // the harness prints work per second ÷ 10⁹; a point counted as 10⁶ units of work prints thousands of points per second
    const base = { family: 'path', dtype: 'float64' as const, variant: backend.name, unit: 'k points/s',
      prepare: async () => { await init({ backend: backend.name, quiet: true, threads: 1 }) } }
    for (const { name, options } of builds) {
      cases.push({ ...base, name: `pathThrough ${name}, ${buildCount} points in 768-D`, work: buildCount * 1e6,
        run: () => pathThrough(large, { ...options, dimension: 768 }) })
    }
    for (const { count, dimension } of resamples) {
      const points = walk(count, dimension)
      cases.push({ ...base, name: `pathThrough α=0.5 + resample(${count}), ${count} points in ${dimension}-D`, work: count * 1e6,
        run: () => pathThrough(points, { dimension }).resample(count) })
    }
    // the embeddings job: a path through 8 points in 768-D resampled at 200, exactly and at tolerance 1e-9 (same run)
    const eight = walk(8, 768)
    for (const tolerance of [undefined, 1e-9]) {
      cases.push({ ...base, name: `resample(200) of a path through 8 points in 768-D, ${tolerance === undefined ? 'exact (1e-12)' : `tolerance ${tolerance}`}`,
        work: 200 * 1e6, run: () => pathThrough(eight, { dimension: 768 }).resample(200, tolerance === undefined ? undefined : { tolerance }) })
    }
  }
  return cases
}
