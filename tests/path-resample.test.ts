// resample(n, { tolerance }): each point within tolerance × length of where the exact resample puts it, in 2-D and 768-D
// (its arc-length position is off by at most that, and a chord is never longer than its arc); the path's end points
// exactly; bad options refused.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { pathThrough } from '../src/curves/path-through'
import { Generator } from '../src/tensor/random'

function randomPoints(seed: number, count: number, dimension: number): number[][] {
  const g = new Generator(seed)
  return Array.from({ length: count }, () => Array.from({ length: dimension }, () => g.normal()))
}

describe('Path.resample(n, { tolerance })', () => {
  beforeAll(async () => { await init() })

  it.each([[2, 1e-9], [2, 1e-4], [768, 1e-9], [768, 1e-6]])('in %i-D at tolerance %s: every point within tolerance × length of the exact resample\'s', (dimension, tolerance) => {
    const path = pathThrough(randomPoints(dimension, 8, dimension))
    const n = dimension === 2 ? 500 : 60, length = path.length()
    const exact = path.resample(n), fast = path.resample(n, { tolerance })
    let worst = 0
    for (let k = 0; k < n; k++) {
      let squared = 0
      for (let j = 0; j < dimension; j++) squared += (exact[k * dimension + j] - fast[k * dimension + j]) ** 2
      worst = Math.max(worst, Math.sqrt(squared))
    }
    expect(worst).toBeLessThanOrEqual(tolerance * length)
    expect(Array.from(fast.subarray(0, dimension))).toEqual(Array.from(path.at(0)))   // the first and last points exactly
    expect(Array.from(fast.subarray((n - 1) * dimension))).toEqual(Array.from(path.at(1)))
  })

  it('refuses a tolerance outside [1e-14, 0.1] and unknown options', () => {
    const path = pathThrough([[0, 0], [1, 1], [2, 0]])
    expect(() => path.resample(10, { tolerance: 0 })).toThrow(/Path.resample: tolerance \(relative to the length\) must be a number in \[1e-14, 0.1\], got number 0/)
    expect(() => path.resample(10, { tolerance: NaN })).toThrow(/tolerance/)
    expect(() => path.resample(10, { tol: 1e-6 } as { tolerance?: number })).toThrow(/Path.resample: unknown option "tol"; known options: tolerance/)
  })
})
