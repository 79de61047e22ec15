// Property-based tests over the public API (fast-check, fixed seed, numRuns stated per property): random shapes, dtypes,
// options and magnitudes. Every run either succeeds and agrees with an oracle (and js with wasm, bit for bit), or throws
// a TypeError or RangeError whose message names the argument — never another error class, never longer than 2 s a case,
// never a model changed by a failed call.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { add, div, mul, sub } from '../src/ops/arithmetic'
import { sequential, modelFromJSON } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { kan } from '../src/nn/kan'
import { Bezier } from '../src/curves/bezier'
import { fitBSpline } from '../src/curves/fit'
import { sameBits } from './support/oracle'

const SEED = 20261203
const CASE_MS = 2000

/** Runs `call`; a thrown error must be a TypeError or RangeError naming `where` (the function called). */
async function succeedsOrNamesIt<T>(where: string, call: () => T | Promise<T>): Promise<{ value?: T; error?: Error }> {
  const started = performance.now()
  try {
    const value = await call()
    return { value }
  } catch (error) {
    expect(error, String(error)).toSatisfy((e: unknown) => e instanceof TypeError || e instanceof RangeError)
    expect((error as Error).message.startsWith(`${where}`) || (error as Error).message.includes(`${where}:`), (error as Error).message).toBe(true)
    return { error: error as Error }
  } finally {
    expect(performance.now() - started, `${where} took too long`).toBeLessThan(CASE_MS)
  }
}

const magnitude = fc.oneof(fc.constant(1), fc.constant(1e-300), fc.constant(1e300), fc.constant(1e-20), fc.constant(1e20))
const element = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), magnitude).map(([v, m]) => v * m)
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })

describe('properties', () => {
  it('arithmetic on random shapes, dtypes and magnitudes: the float64 oracle rounded to the dtype, the same bits on js and wasm, or a clear error (numRuns 200)', async () => {
    const ops = { add: (a: number, b: number) => a + b, sub: (a: number, b: number) => a - b, mul: (a: number, b: number) => a * b, div: (a: number, b: number) => a / b }
    const tensorOps = { add, sub, mul, div }
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('add', 'sub', 'mul', 'div') as fc.Arbitrary<keyof typeof ops>, fc.constantFrom('float32', 'float64') as fc.Arbitrary<'float32' | 'float64'>,
      shapeArb, fc.boolean(), fc.array(element, { minLength: 128, maxLength: 128 }),
      async (name, dtype, shape, sameShape, values) => {
        const size = shape.reduce((a, b) => a * b, 1)
        const other = sameShape ? shape : [shape[shape.length - 1] === 1 ? 2 : 1, ...shape.slice(1)]
        const otherSize = other.reduce((a, b) => a * b, 1)
        const results: Float64Array[] = []
        for (const backend of ['js', 'wasm'] as const) {
          await init({ backend })
          const a = tensor(values.slice(0, size), { dtype, shape }), b = tensor(values.slice(size, size + otherSize).map((v) => v || 1), { dtype, shape: other })
          const { value, error } = await succeedsOrNamesIt(name, () => tensorOps[name](a, b))
          if (error) { expect(sameShape).toBe(false); return }   // only shapes that do not broadcast may fail
          results.push(Float64Array.from(value!.data))
          if (sameShape) {
            const round = dtype === 'float32' ? Math.fround : (v: number) => v
            const expected = Float64Array.from(a.data, (v, i) => round(ops[name](v, b.data[i])))
            expect(sameBits(Float64Array.from(value!.data), expected)).toBe(true)
          }
        }
        expect(sameBits(results[0], results[1])).toBe(true)
      }), { seed: SEED, numRuns: 200 })
  })

  it('tensor() with random data and options: the data back exactly, or a clear error (numRuns 500)', async () => {
    await init({ backend: 'wasm' })
    const options = fc.record({ dtype: fc.constantFrom('float32', 'float64', 'int8', undefined), shape: fc.option(shapeArb, { nil: undefined }) }, { requiredKeys: [] })
    await fc.assert(fc.asyncProperty(fc.array(fc.double(), { maxLength: 30 }), options, async (data, given) => {
      const { value } = await succeedsOrNamesIt('tensor', () => tensor(data, given as never))
      if (value) {
        const round = value.dtype === 'float32' ? Math.fround : (v: number) => v
        expect(sameBits(Float64Array.from(value.data), Float64Array.from(data, round))).toBe(true)
      }
    }), { seed: SEED, numRuns: 500 })
  })

  it('fit() with random options: trains with finite losses or refuses before any step, the weights then unchanged (numRuns 200)', async () => {
    await init({ backend: 'wasm' })
    const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = tensor([[0], [1], [1], [0]])
    const optionArb = fc.record({
      loss: fc.constantFrom('mse', 'bce', 'mae', 'huber', 'constructor', '__proto__', 'msee'),
      epochs: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant(1.5), fc.constant(NaN)),
      batchSize: fc.option(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(2.5)), { nil: undefined }),
      validationSplit: fc.option(fc.oneof(fc.double({ min: -0.5, max: 1.5, noNaN: true })), { nil: undefined }),
      metrics: fc.option(fc.subarray(['accuracy', 'rmse', 'mae', 'f1'] as string[]), { nil: undefined }),
    }, { requiredKeys: ['loss'] })
    await fc.assert(fc.asyncProperty(optionArb, async (options) => {
      const model = sequential([dense(2, 3), act('sigmoid'), dense(3, 1), act('sigmoid')], { seed: 1 })
      const before = model.parameters.map((p) => Float32Array.from(p.data))
      const { value, error } = await succeedsOrNamesIt('fit', () => model.fit(x, y, options as never))
      if (value) for (const logs of value.epochs) expect(Number.isFinite(logs.loss)).toBe(true)
      if (error) model.parameters.forEach((p, k) => expect(sameBits(Float32Array.from(p.data), before[k])).toBe(true))
    }), { seed: SEED, numRuns: 200 })
  })

  it('fromJSON of a model JSON with one random value replaced: the model bit for bit, or a clear error (numRuns 500)', async () => {
    await init({ backend: 'wasm' })
    const original = sequential([kan(2, 2, { grid: 3 }), dense(2, 1)], { seed: 3, dtype: 'float64' }).toJSON()
    const paths: (string | number)[][] = []
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path)
      if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) walk(child, [...path, Array.isArray(value) ? Number(key) : key])
    }
    walk(original, [])
    const replacement = fc.oneof(fc.constant(null), fc.constant('constructor'), fc.constant(-1), fc.constant(1e9), fc.constant(NaN), fc.constant([]), fc.constant({}), fc.constant('__proto__'), fc.double())
    await fc.assert(fc.asyncProperty(fc.constantFrom(...paths.filter((p) => p.length > 0)), replacement, async (path, value) => {
      const json = structuredClone(original) as unknown as Record<string | number, unknown>
      let target = json
      for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
      target[path[path.length - 1]] = value
      const { value: model } = await succeedsOrNamesIt('fromJSON', () => modelFromJSON(json))
      if (model) expect(model.parameters.length).toBeGreaterThan(0)
    }), { seed: SEED, numRuns: 500 })
  })

  it('Bezier geometry at random magnitudes (1e-300 … 1e300) and degrees: finite answers within 2 s, or a clear error (numRuns 300)', async () => {
    await init({ backend: 'wasm' })
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.array(element, { minLength: 26, maxLength: 26 }), async (degree, values) => {
      const points = Array.from({ length: degree + 1 }, (_, i) => [values[2 * i], values[2 * i + 1]])
      const { value: curve } = await succeedsOrNamesIt('Bezier', () => new Bezier(points))
      if (!curve) return
      const length = await succeedsOrNamesIt('Bezier.length', () => curve.length())
      if (length.value !== undefined) expect(length.value).toBeGreaterThanOrEqual(0)
      const box = await succeedsOrNamesIt('Bezier.bbox', () => curve.bbox())
      // the curve passes through its end points, so the box holds them
      if (box.value) {
        for (const end of [points[0], points[degree]]) {
          for (const d of [0, 1]) expect(box.value.min[d] <= end[d] && end[d] <= box.value.max[d], `bbox ${JSON.stringify(box.value)} misses ${end}`).toBe(true)
        }
      }
      const projected = await succeedsOrNamesIt('Bezier.project', () => curve.project(points[0]))
      if (projected.value) expect(Number.isFinite(projected.value.distance)).toBe(true)
    }), { seed: SEED, numRuns: 300 })
  })

  it('fitBSpline with random grids, degrees and data: a fit whose rmse is finite, or a clear error (numRuns 300)', async () => {
    await init({ backend: 'wasm' })
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 200 }), fc.integer({ min: -1, max: 7 }), fc.integer({ min: 0, max: 60 }), magnitude,
      async (grid, degree, count, scale) => {
        const xs = Array.from({ length: count }, (_, i) => (i / Math.max(1, count - 1)) * scale)
        const ys = xs.map((x, i) => ((i * 7919) % 13) / 13 - x / scale)
        const { value } = await succeedsOrNamesIt('fitBSpline', () => fitBSpline(xs, ys, { grid, degree }))
        if (value) expect(Number.isFinite(value.rmse)).toBe(true)
      }), { seed: SEED, numRuns: 300 })
  })
})
