import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { Path } from '../src/curves/path'
import { randomValues } from './support/oracle'
import { pathThrough } from '../src/curves/path-through'
import { derivativeInU, distance, kinds, label, rows, sameBitsOf, walk } from './path-helpers'

beforeAll(async () => { await init() })

describe.each(kinds.map((options) => [label(options), options] as const))('pathThrough, %s', (_, options) => {
  const points = walk(7, 9, 3)
  points[4][1] = -0      // a −0 coordinate must come back as −0
  const path = pathThrough(points, options)

  it('visits every point bit for bit, at the joints and at u = knots[i]', () => {
    const knots = path.knots
    expect(knots[0]).toBe(0)
    expect(knots[knots.length - 1]).toBe(1)
    points.forEach((point, i) => {
      expect(sameBitsOf(path.at(knots[i]), point), `at(knots[${i}])`).toBe(true)
      if (i < points.length - 1) expect(sameBitsOf(path.atSegment(i, 0), point), `stretch ${i} at 0`).toBe(true)
      if (i > 0) expect(sameBitsOf(path.atSegment(i - 1, 1), point), `stretch ${i - 1} at 1`).toBe(true)
    })
    expect(sameBitsOf(path.points, points.flat())).toBe(true)
    path.segments.forEach((segment, i) => {
      expect(sameBitsOf(segment.points.subarray(0, 3), points[i])).toBe(true)
      expect(sameBitsOf(segment.points.subarray(9, 12), points[i + 1])).toBe(true)
    })
  })

  // Continuity in u, from the stretches' derivative Beziers: equal up to the rounding of the control
  // points (≈ 1e-16 of the coordinates, divided by the knot steps ≈ 0.1), so 1e-12 relative to the size
  // of the derivative is far above rounding and far below a real kink.
  it(`C¹ at every joint${options.kind === 'natural-cubic' ? ' and C²' : ''} as a function of u`, () => {
    const orders = options.kind === 'natural-cubic' ? [1, 2] : [1]
    for (const order of orders) {
      for (let i = 1; i < points.length - 1; i++) {
        const before = derivativeInU(path, i - 1, 1, order)
        const after = derivativeInU(path, i, 0, order)
        expect(distance(before, after), `order ${order} at point ${i}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.hypot(...after)))
      }
    }
    if (options.kind === 'catmull-rom') {
      // the same check one order up does fail for Catmull-Rom: its curvature jumps at the joints
      const jumps = points.slice(1, -1).map((_, k) => distance(derivativeInU(path, k, 1, 2), derivativeInU(path, k + 1, 0, 2)))
      expect(Math.max(...jumps)).toBeGreaterThan(1e-3)
    }
  })

  it('the derivative agrees with central finite differences of at(u)', () => {
    for (const u of [0.13, 0.41, 0.77]) {   // not at a joint: Catmull-Rom is only C¹ there
      const h = 1e-6
      const numeric = path.at(u + h).map((value, k) => (value - path.at(u - h)[k]) / (2 * h))
      const { segment } = path.nearest(path.at(u))
      const t = (u - path.knots[segment]) / (path.knots[segment + 1] - path.knots[segment])
      const analytic = derivativeInU(path, segment, t, 1)
      expect(distance(numeric, analytic)).toBeLessThanOrEqual(1e-6 * Math.hypot(...analytic))
      expect(distance(path.tangent(u), analytic.map((value) => value / Math.hypot(...analytic)))).toBeLessThan(1e-14)
    }
  })

  it('length agrees with a fine polyline, and resample spaces points equally by arc length', () => {
    const samples = 200000
    let polyline = 0
    let previous = path.at(0)
    for (let j = 1; j <= samples; j++) {
      const next = path.at(j / samples)
      polyline += distance(previous, next)
      previous = next
    }
    // a chord of a stretch of curvature κ and length ℓ is short by ≈ κ²ℓ³/24: ≈ 1e-10 relative here
    expect(Math.abs(path.length() - polyline) / polyline).toBeLessThan(1e-8)

    const n = 37
    const resampled = rows(path.resample(n), 3)
    expect(sameBitsOf(resampled[0], points[0])).toBe(true)
    expect(distance(resampled[n - 1], points[points.length - 1])).toBeLessThan(1e-12)
    const spacing = path.length() / (n - 1)
    const lengths = path.segments.map((segment) => segment.length())
    resampled.forEach((point, k) => {
      const { segment, t, distance: off } = path.nearest(point)
      expect(off).toBeLessThan(1e-9)
      // arc length from the start to the resampled point, by lengths of whole stretches and a split one
      const along = lengths.slice(0, segment).reduce((a, b) => a + b, 0) + path.segments[segment].split(t)[0].length()
      expect(Math.abs(along - k * spacing), `point ${k}`).toBeLessThan(1e-9 * path.length())
    })
  })
})

describe('nearest', () => {
  it.each([[2, 11], [5, 17]])('finds the global nearest point in %i-D (checked against dense sampling)', (dimension, seed) => {
    const path = pathThrough(walk(seed, 12, dimension), { alpha: 0.5 })
    const dense = Array.from({ length: 40001 }, (_, j) => path.at(j / 40000))
    const queries = rows(randomValues(seed + 1, 30 * dimension, -3, 3), dimension)
    for (const query of queries) {
      const found = path.nearest(query)
      const sampled = Math.min(...dense.map((point) => distance(point, query)))
      expect(found.distance).toBeLessThanOrEqual(sampled + 1e-12)
      // dense sampling is at most half a sample spacing (≈ 1e-4 of the length) from the true minimum
      expect(found.distance).toBeGreaterThan(sampled - 1e-3)
      expect(distance(found.point, query)).toBeCloseTo(found.distance, 14)
      expect(distance(path.at(found.u), found.point)).toBeLessThan(1e-12)
      expect(distance(path.atSegment(found.segment, found.t), found.point)).toBeLessThan(1e-15 * Math.max(1, ...found.point.map(Math.abs)))
    }
  })

  it('names the stretch and the place for a point on the path', () => {
    const path = pathThrough(walk(4, 8, 3), { kind: 'natural-cubic' })
    const found = path.nearest(path.atSegment(5, 0.375))
    expect(found.segment).toBe(5)
    expect(found.t).toBeCloseTo(0.375, 10)
    expect(found.distance).toBeLessThan(1e-12)
  })
})

describe('768-D', () => {
  it.each(kinds)('%o: visits the points, resamples evenly, finds the nearest stretch', (options) => {
    const points = walk(21, 12, 768)
    const path = pathThrough(points, options)
    points.forEach((point, i) => expect(sameBitsOf(path.at(path.knots[i]), point)).toBe(true))
    const resampled = rows(path.resample(23), 768)
    const chords = resampled.slice(1).map((point, k) => distance(point, resampled[k]))
    // chords of equal arcs are equal up to the curvature's shortening, a few percent on this walk
    expect(Math.max(...chords) / Math.min(...chords)).toBeLessThan(1.2)
    const query = path.atSegment(7, 0.6).map((value, k) => value + (k % 2 === 0 ? 1e-3 : -1e-3))
    const found = path.nearest(query)
    expect(found.segment).toBe(7)
    expect(found.distance).toBeLessThanOrEqual(distance(query, path.atSegment(7, 0.6)))
  })
})

describe('JSON and SVG', () => {
  it.each(kinds)('%o: toJSON → text → fromJSON is bit-exact', (options) => {
    const path = pathThrough(walk(5, 7, 4), options)
    const text = JSON.stringify(path)
    const back = Path.fromJSON(text)
    expect(JSON.stringify(back)).toBe(text)
    expect(back.spline).toEqual(path.spline)
    expect(sameBitsOf(back.knots, path.knots)).toBe(true)
    back.segments.forEach((segment, i) => expect(sameBitsOf(segment.points, path.segments[i].points)).toBe(true))
    for (const u of [0, 0.1, 0.5, 0.93, 1]) expect(sameBitsOf(back.at(u), path.at(u))).toBe(true)
  })

  it('writes 2-D paths as M and one C per stretch', () => {
    const path = pathThrough([[0, 0], [1, 1], [2, 0]], { alpha: 0 })
    expect(path.toSVGPath()).toBe('M 0 0 C 0.3333333 0.3333333 0.6666667 1 1 1 C 1.333333 1 1.666667 0.3333333 2 0')
    expect(path.toSVGPath({ digits: 2 })).toBe('M 0 0 C 0.33 0.33 0.67 1 1 1 C 1.3 1 1.7 0.33 2 0')
  })
})

describe('both backends give the same bits', () => {
  it.each(kinds)('%o: resample (batched through the runtime kernels), at, length and nearest', async (options) => {
    const points = walk(9, 15, 5)
    const results: { resampled: Float64Array; at: Float64Array; length: number; nearest: number[] }[] = []
    for (const backend of ['js', 'wasm'] as const) {
      await init({ backend })
      const path = pathThrough(points, options)
      const query = [0.3, -0.2, 1, 0.5, 0]
      const found = path.nearest(query)
      results.push({ resampled: path.resample(101), at: path.at(0.618), length: path.length(), nearest: [found.segment, found.t, found.distance] })
    }
    await init()
    expect(sameBitsOf(results[0].resampled, results[1].resampled)).toBe(true)
    expect(sameBitsOf(results[0].at, results[1].at)).toBe(true)
    expect(Object.is(results[0].length, results[1].length)).toBe(true)
    expect(results[0].nearest).toEqual(results[1].nearest)
  })
})

describe('bad input', () => {
  const good = [[0, 0], [1, 1], [2, 0]]
  const path = pathThrough(good)
  const json = path.toJSON()
  const cases: { name: string; call: () => unknown; error: typeof TypeError | typeof RangeError; message: RegExp }[] = [
    { name: 'fewer than 2 points', call: () => pathThrough([[1, 2]]), error: RangeError, message: /at least 2 points, got 1/ },
    { name: 'no points', call: () => pathThrough([]), error: RangeError, message: /at least 2 points, got 0/ },
    { name: 'points not an array', call: () => pathThrough('0,0 1,1' as never), error: TypeError, message: /array of points/ },
    { name: 'mismatched dimensions', call: () => pathThrough([[0, 0, 0], [1, 1, 1], [2, 2]]), error: RangeError, message: /points\[2\] has 2 coordinates but points\[0\] has 3/ },
    { name: 'flat array without dimension', call: () => pathThrough(new Float64Array(6)), error: TypeError, message: /pass \{ dimension \}/ },
    { name: 'NaN coordinate', call: () => pathThrough([[0, 0], [1, NaN], [2, 0]]), error: RangeError, message: /coordinate 1 of point 1 is NaN/ },
    { name: 'infinite coordinate', call: () => pathThrough([[0, 0], [1, 1], [Infinity, 0]]), error: RangeError, message: /coordinate 0 of point 2 is Infinity/ },
    { name: 'repeated consecutive points', call: () => pathThrough([[0, 0], [1, 1], [1, 1], [2, 0]]), error: RangeError, message: /points 1 and 2 are the same point/ },
    { name: 'repeated points for uniform too', call: () => pathThrough([[0, 0], [0, 0]], { alpha: 0 }), error: RangeError, message: /points 0 and 1 are the same point/ },
    { name: 'unknown kind', call: () => pathThrough(good, { kind: 'bspline' as never }), error: TypeError, message: /kind must be 'catmull-rom' or 'natural-cubic', got the string "bspline"/ },
    { name: 'alpha above 1', call: () => pathThrough(good, { alpha: 1.5 }), error: RangeError, message: /alpha must be a number in \[0, 1\].*got number 1.5/ },
    { name: 'alpha below 0', call: () => pathThrough(good, { alpha: -0.1 }), error: RangeError, message: /alpha must be a number in \[0, 1\]/ },
    { name: 'alpha NaN', call: () => pathThrough(good, { alpha: NaN }), error: RangeError, message: /alpha must be a number in \[0, 1\].*NaN/ },
    { name: 'alpha given to the natural spline', call: () => pathThrough(good, { kind: 'natural-cubic', alpha: 0.5 }), error: TypeError, message: /alpha applies to kind 'catmull-rom'/ },
    { name: 'unknown parameter', call: () => pathThrough(good, { kind: 'natural-cubic', parameter: 'arc' as never }), error: TypeError, message: /parameter must be 'uniform', 'centripetal' or 'chord'/ },
    { name: 'unknown option', call: () => pathThrough(good, { tension: 0.5 } as never), error: TypeError, message: /unknown option "tension"/ },
    { name: 'overflowing control points', call: () => pathThrough([[-1.7e308, 0], [1.7e308, 0], [0, 1]]), error: RangeError, message: /overflow/ },
    { name: 'at(u) with u outside [0, 1]', call: () => path.at(1.01), error: RangeError, message: /Path.at: u must be in \[0, 1\], got 1.01/ },
    { name: 'atSegment with no such stretch', call: () => path.atSegment(2, 0.5), error: RangeError, message: /i must be an integer in \[0, 1\], got number 2/ },
    { name: 'atLength beyond the length', call: () => path.atLength(path.length() * 2), error: RangeError, message: /s must be in \[0, length\(\)\]/ },
    { name: 'resample(1)', call: () => path.resample(1), error: RangeError, message: /n must be an integer ≥ 2, got number 1/ },
    { name: 'nearest in the wrong dimension', call: () => path.nearest([1, 2, 3]), error: RangeError, message: /query has 3 coordinates, the curve has dimension 2/ },
    { name: 'SVG of a 3-D path', call: () => pathThrough([[0, 0, 0], [1, 1, 1]]).toSVGPath(), error: RangeError, message: /SVG paths are 2-D, this path has dimension 3/ },
    { name: 'fromJSON of truncated text', call: () => Path.fromJSON(JSON.stringify(json).slice(0, 60)), error: TypeError, message: /not valid JSON/ },
    { name: 'fromJSON of another curve', call: () => Path.fromJSON({ ...json, kind: 'Bezier' }), error: TypeError, message: /expected JSON of kind "Path"/ },
    { name: 'fromJSON with knots that do not rise', call: () => Path.fromJSON({ ...json, knots: pathThrough([[0, 0], [1, 0], [2, 0]]).toJSON().knots, controls: { ...json.controls, length: 3 } }), error: RangeError, message: /says 3 float64 values/ },
    { name: 'fromJSON with an unknown spline', call: () => Path.fromJSON({ ...json, spline: { kind: 'catmull-rom', alpha: 2 } }), error: TypeError, message: /spline must be/ },
  ]

  it.each(cases)('$name', ({ call, error, message }) => {
    expect(call).toThrow(error)
    expect(call).toThrow(message)
  })
})
