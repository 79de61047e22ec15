import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { Bezier } from '../src/curves/bezier'
import { flatteningConvergence } from '../src/curves/bezier-convergence'
import { randomSource } from './support/oracle'

beforeAll(async () => { await init({ quiet: true }) })

/** A random curve from a seeded source: degree in [minDegree, maxDegree], coordinates in [−scale, scale]. */
function randomCurve(next: () => number, minDegree: number, maxDegree: number, dimension: number, scale = 3): Bezier {
  const degree = minDegree + Math.floor(next() * (maxDegree - minDegree + 1))
  return new Bezier(Float64Array.from({ length: (degree + 1) * dimension }, () => scale * (2 * next() - 1)), { dimension })
}

function polylineLength(curve: Bezier, segments: number): number {
  let total = 0, previous = curve.at(0)
  for (let i = 1; i <= segments; i++) {
    const point = curve.at(i / segments)
    total += Math.sqrt(point.reduce((sum, x, j) => sum + (x - previous[j]) ** 2, 0))
    previous = point
  }
  return total
}

function distanceBetween(a: ArrayLike<number>, b: ArrayLike<number>, bOffset = 0): number {
  let squared = 0
  for (let j = 0; j < a.length; j++) squared += (a[j] - b[bOffset + j]) ** 2
  return Math.sqrt(squared)
}

/** Distance from p to the segment between rows k and k+1 of packed vertices. */
function distanceToSegment(p: Float64Array, vertices: Float64Array, k: number): number {
  const d = p.length, a = k * d, b = a + d
  let along = 0, lengthSquared = 0
  for (let j = 0; j < d; j++) { along += (p[j] - vertices[a + j]) * (vertices[b + j] - vertices[a + j]); lengthSquared += (vertices[b + j] - vertices[a + j]) ** 2 }
  const u = lengthSquared > 0 ? Math.min(1, Math.max(0, along / lengthSquared)) : 0
  let squared = 0
  for (let j = 0; j < d; j++) squared += (p[j] - vertices[a + j] - u * (vertices[b + j] - vertices[a + j])) ** 2
  return Math.sqrt(squared)
}

describe('Bezier arc length', () => {
  it('length() equals the fine-polyline limit (Richardson on 2^13 and 2^14 chords) within 1e-9 relative, on 30 random curves in 2…4-D', () => {
    const next = randomSource(1)
    for (let c = 0; c < 30; c++) {
      const curve = randomCurve(next, 1, 8, 2 + (c % 3))
      const length = curve.length({ tolerance: 1e-12 })
      const coarse = polylineLength(curve, 2 ** 13), fine = polylineLength(curve, 2 ** 14)
      // a chord polyline is shorter than the curve, by c/N² + O(1/N⁴) where the speed is smooth (no cusp,
      // which random control points in 2-D and up avoid): Richardson removes the 1/N² term
      expect(fine).toBeLessThanOrEqual(length + 1e-12)
      expect(Math.abs(length - (fine + (fine - coarse) / 3))).toBeLessThanOrEqual(1e-9 * length)
    }
  })

  it('in 1-D, length() is the exact total variation Σ|x(e_k+1) − x(e_k)| over the turning points e_k, on 20 random curves', () => {
    // the speed |x'| has kinks at the turning points, where polylines converge irregularly; the exact value needs none
    const next = randomSource(5)
    for (let c = 0; c < 20; c++) {
      const curve = randomCurve(next, 2, 12, 1)
      const stops = [0, ...curve.extrema()[0], 1]
      let variation = 0
      for (let k = 1; k < stops.length; k++) variation += Math.abs(curve.at(stops[k])[0] - curve.at(stops[k - 1])[0])
      expect(Math.abs(curve.length() - variation)).toBeLessThanOrEqual(1e-10 * variation)
    }
  })

  it('a coarse tolerance is honoured, and tAtLength inverts the length', () => {
    const curve = new Bezier([[0, 0], [1, 3], [4, 3], [5, -1], [2, -2]])
    const exact = curve.length({ tolerance: 1e-13 })
    expect(Math.abs(curve.length({ tolerance: 1e-3 }) - exact)).toBeLessThanOrEqual(1e-3)
    let previous = 0
    for (const fraction of [0, 0.1, 0.25, 0.5, 0.9, 1]) {
      const t = curve.tAtLength(fraction * exact, { tolerance: 1e-10 })
      expect(t).toBeGreaterThanOrEqual(previous)
      previous = t
      const reached = t === 0 ? 0 : curve.segment(0, t).length({ tolerance: 1e-12 })
      expect(Math.abs(reached - fraction * exact)).toBeLessThanOrEqual(2e-10)
    }
  })

  it('tAtLengths solves many lengths in one sweep, ascending or not, to the same accuracy', () => {
    const curve = new Bezier([[0, 0], [1, 3], [4, 3], [5, -1], [2, -2]])
    const exact = curve.length({ tolerance: 1e-13 })
    const fractions = [0, 0.05, 0.3, 0.31, 0.7, 0.99, 1, 0.2]   // the last one breaks the ascending sweep
    const ts = curve.tAtLengths(fractions.map((f) => f * exact), { tolerance: 1e-10 })
    fractions.forEach((fraction, i) => {
      const reached = ts[i] === 0 ? 0 : curve.segment(0, ts[i]).length({ tolerance: 1e-12 })
      expect(Math.abs(reached - fraction * exact), `fraction ${fraction}`).toBeLessThanOrEqual(2e-10)
    })
    expect(() => curve.tAtLengths([1, -1])).toThrow(/^Bezier.tAtLengths: lengths\[1\] must be in \[0, length\(\)\]/)
  })
})

describe('Bezier.flatten', () => {
  it('honours its tolerance on 1000 random curves (dense sampling, projection onto the polyline)', () => {
    const next = randomSource(2)
    let tightest = 0
    for (let c = 0; c < 1000; c++) {
      const dimension = c % 50 === 0 ? 10 : 2 + (c % 3)
      const curve = randomCurve(next, 1, 8, dimension)
      const tolerance = 10 ** (-3 + 2.5 * next())
      const polyline = curve.flatten(tolerance)
      expect(polyline.parameters[0]).toBe(0)
      expect(polyline.parameters[polyline.count - 1]).toBe(1)
      let vertexOffCurve = 0, worst = 0
      for (let k = 0; k < polyline.count; k++) {
        vertexOffCurve = Math.max(vertexOffCurve, distanceBetween(curve.at(polyline.parameters[k]), polyline.points, k * dimension))
      }
      for (let k = 0; k + 1 < polyline.count; k++) {
        const start = polyline.parameters[k], end = polyline.parameters[k + 1]
        for (let s = 1; s < 12; s++) {
          const point = curve.at(start + ((end - start) * s) / 12)
          // the distance to the polyline is at most the distance to the vertex pair's own segment
          let deviation = distanceToSegment(point, polyline.points, k)
          if (deviation > tolerance) for (let m = 0; m + 1 < polyline.count; m++) deviation = Math.min(deviation, distanceToSegment(point, polyline.points, m))
          worst = Math.max(worst, deviation)
        }
      }
      // every vertex lies on the curve (up to the rounding of de Casteljau's steps), and every sample near the polyline
      expect(vertexOffCurve, `curve ${c}`).toBeLessThanOrEqual(1e-12 * 3 * curve.degree)
      expect(worst, `curve ${c}`).toBeLessThanOrEqual(tolerance)
      tightest = Math.max(tightest, worst / tolerance)
    }
    // the bound is not wildly pessimistic: somewhere the polyline comes within a factor 4 of the tolerance
    expect(tightest).toBeGreaterThan(0.25)
  })

  it('the max deviation of a uniform n-segment polyline from a cubic falls as O(1/n²): log-log slope −2 ± 0.3', () => {
    const curve = new Bezier([[0, 0], [1, 2.5], [3, -1.5], [4, 1]])
    const series = flatteningConvergence(curve, [4, 8, 16, 32, 64, 128, 256])
    const xs = series.map(({ segments }) => Math.log(segments)), ys = series.map(({ deviation }) => Math.log(deviation))
    const meanX = xs.reduce((a, b) => a + b) / xs.length, meanY = ys.reduce((a, b) => a + b) / ys.length
    const slope = xs.reduce((sum, x, i) => sum + (x - meanX) * (ys[i] - meanY), 0) / xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0)
    expect(Math.abs(slope + 2)).toBeLessThanOrEqual(0.3)
    series.forEach(({ deviation }, i) => { if (i > 0) expect(deviation).toBeLessThan(series[i - 1].deviation) })
  })
})

/** Reference nearest distance: the best of 20001 samples, refined by golden-section search around it. */
function referenceNearest(curve: Bezier, query: number[]): number {
  const samples = 20000
  let bestIndex = 0, best = Infinity
  for (let s = 0; s <= samples; s++) {
    const d = distanceBetween(curve.at(s / samples), query)
    if (d < best) { best = d; bestIndex = s }
  }
  let low = Math.max(0, (bestIndex - 1) / samples), high = Math.min(1, (bestIndex + 1) / samples)
  const ratio = (Math.sqrt(5) - 1) / 2
  for (let i = 0; i < 80; i++) {
    const a = high - ratio * (high - low), b = low + ratio * (high - low)
    if (distanceBetween(curve.at(a), query) < distanceBetween(curve.at(b), query)) high = b
    else low = a
  }
  return Math.min(best, distanceBetween(curve.at((low + high) / 2), query))
}

describe('Bezier.project', () => {
  it('finds the global minimum on 300 random cases (dense sampling, refined)', () => {
    const next = randomSource(3)
    for (let c = 0; c < 300; c++) {
      const dimension = 2 + (c % 4)
      const curve = randomCurve(next, 2, 7, dimension)
      const query = Array.from({ length: dimension }, () => 4 * (2 * next() - 1))
      const found = curve.project(query)
      // the reference can only be above the true minimum; the search ends within 1e-10·scale of it
      // (scale ≤ 4 here) and its polish only improves: 1e-9 covers both
      const reference = referenceNearest(curve, query)
      expect(found.distance, `case ${c}`).toBeLessThanOrEqual(reference + 1e-9)
      expect(found.distance).toBeGreaterThanOrEqual(reference - 1e-9)
      expect(distanceBetween(found.point, curve.at(found.t))).toBe(0)
      expect(found.distance).toBe(distanceBetween(found.point, query))
    }
  })

  it('a query at the centre of a near-circular arc, and a point on the curve', () => {
    const k = 0.5522847498
    const arc = new Bezier([[1, 0], [1, k], [k, 1], [0, 1]])
    const centre = arc.project([0, 0])
    expect(Math.abs(centre.distance - referenceNearest(arc, [0, 0]))).toBeLessThanOrEqual(1e-9)
    const onCurve = arc.project(Array.from(arc.at(0.3)))
    expect(onCurve.distance).toBeLessThanOrEqual(1e-12)
    expect(Math.abs(onCurve.t - 0.3)).toBeLessThanOrEqual(1e-9)
  })
})

describe('Bezier extrema and bbox', () => {
  it('finds the roots of a known cubic\'s derivative', () => {
    // y(t) = 6t(1−t)(1−2t): y'(t) = 6(6t² − 6t + 1) → t = (3 ± √3)/6; x(t) = 3t has none
    const curve = new Bezier([[0, 0], [1, 2], [2, -2], [3, 0]])
    const [xRoots, yRoots] = curve.extrema()
    expect(xRoots).toEqual([])
    expect(yRoots.length).toBe(2)
    expect(Math.abs(yRoots[0] - (3 - Math.sqrt(3)) / 6)).toBeLessThanOrEqual(1e-15)
    expect(Math.abs(yRoots[1] - (3 + Math.sqrt(3)) / 6)).toBeLessThanOrEqual(1e-15)
  })

  it('bbox matches dense sampling within the quadratic sampling error, on 100 random curves', () => {
    const next = randomSource(4)
    const samples = 4000
    for (let c = 0; c < 100; c++) {
      const dimension = 1 + (c % 5)
      const curve = randomCurve(next, 2, 12, dimension)
      const { min, max } = curve.bbox()
      const derivative = curve.derivative()
      curve.extrema().forEach((roots, j) => roots.forEach((t) => expect(Math.abs(derivative.at(t)[j])).toBeLessThanOrEqual(1e-9 * curve.degree * 6)))
      // near an interior extremum the coordinate is flat: sampling at spacing h misses it by ≤ sup|B''_j|·h²/8,
      // and sup|B''_j| ≤ n(n−1)·max|Δ²P_j| ≤ n(n−1)·4·3
      const samplingError = (curve.degree * (curve.degree - 1) * 12) / (8 * samples * samples)
      const sampledMin = new Array<number>(dimension).fill(Infinity), sampledMax = new Array<number>(dimension).fill(-Infinity)
      for (let s = 0; s <= samples; s++) {
        curve.at(s / samples).forEach((x, j) => { sampledMin[j] = Math.min(sampledMin[j], x); sampledMax[j] = Math.max(sampledMax[j], x) })
      }
      for (let j = 0; j < dimension; j++) {
        expect(min[j]).toBeLessThanOrEqual(sampledMin[j] + 1e-12)
        expect(min[j]).toBeGreaterThanOrEqual(sampledMin[j] - samplingError - 1e-12)
        expect(max[j]).toBeGreaterThanOrEqual(sampledMax[j] - 1e-12)
        expect(max[j]).toBeLessThanOrEqual(sampledMax[j] + samplingError + 1e-12)
      }
    }
  })
})
