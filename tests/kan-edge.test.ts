// KAN readout: layer.edge(o, i) equals the layer's own φ_oi bit for bit on 10⁴ points inside and beyond the grid, both
// dtypes, both backends; its parts (spline as a BSpline with outside 'knots', base, scales) rebuild it; model.intermediates.
import { describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { Generator } from '../src/tensor/random'
import { sequential } from '../src/nn/sequential'
import { kan, type Kan } from '../src/nn/kan'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { kanTransform } from '../src/ops/kan'
import { noGrad } from '../src/autograd/tape'
import { sameBits } from './support/oracle'

/** 10⁴ points from −4 to 4: the grid is [−1, 1] moved to the data, extended by `order` intervals, so many lie beyond. */
const points = (seed: number) => { const g = new Generator(seed); return Float64Array.from({ length: 10_000 }, () => 8 * g.uniform() - 4) }

async function trainedLayer(backend: 'js' | 'wasm', dtype: 'float32' | 'float64') {
  await init({ backend })
  const model = sequential([kan(3, 2, { grid: 5 }), kan(2, 1, { grid: 4, base: 'identity' })], { seed: 4, dtype })
  const g = new Generator(9)
  const x = tensor(Float64Array.from({ length: 3 * 200 }, () => 2 * g.uniform() - 1), { dtype, shape: [200, 3] })
  model.updateGrid(x)   // knots on the data: not uniform
  return { model, layer: model.layers[0] as Kan }
}

describe('KAN edge readout', () => {
  it.each([['js', 'float32'], ['js', 'float64'], ['wasm', 'float32'], ['wasm', 'float64']] as const)(
    '%s %s: edge(o, i).evaluateMany equals the layer\'s per-edge φ bit for bit on 10⁴ points inside and beyond the grid', async (backend, dtype) => {
      const { layer } = await trainedLayer(backend, dtype)
      const ts = points(1)
      // the whole layer's edges on inputs whose column i is ts (the other columns: other points)
      const columns = [ts, points(2), points(3)]
      const x = tensor(Float64Array.from({ length: ts.length * 3 }, (_, k) => columns[k % 3][Math.floor(k / 3)]), { dtype, shape: [ts.length, 3] })
      const xs = Float64Array.from(x.data)   // the inputs as the dtype holds them (a copy: edges allocate)
      const phi = Float64Array.from(noGrad(() => kanTransform(x, layer.weights, { degree: layer.order, base: layer.base, uniform: layer.uniform, edges: true })).data)
      for (let o = 0; o < 2; o++) {
        for (let i = 0; i < 3; i++) {
          const edge = layer.edge(o, i)
          const mine = edge.evaluateMany(xs.filter((_, k) => k % 3 === i))
          const theirs = Float64Array.from({ length: ts.length }, (_, b) => phi[(b * 3 + i) * 2 + o])
          expect(sameBits(mine, theirs), `edge (${o}, ${i})`).toBe(true)
          expect(Object.is(edge.evaluate(xs[3 * 17 + i]), theirs[17])).toBe(true)
        }
      }
    })

  it.each(['float32', 'float64'] as const)('%s: the same bits on js and wasm', async (dtype) => {
    const read = async (backend: 'js' | 'wasm') => (await trainedLayer(backend, dtype)).layer.edge(1, 2).evaluateMany(points(5))
    expect(sameBits(await read('js'), await read('wasm'))).toBe(true)
  })

  it('a kan(1, k) layer\'s outputs are its edges', async () => {
    await init({ backend: 'wasm' })
    const model = sequential([kan(1, 3, { grid: 6 })], { seed: 2, dtype: 'float64' })
    const ts = points(7)
    const y = { data: model.predict(tensor(ts, { dtype: 'float64', shape: [ts.length, 1] })).data.slice() }
    for (let o = 0; o < 3; o++) {
      const edge = (model.layers[0] as Kan).edge(o, 0).evaluateMany(ts)
      edge.forEach((value, b) => expect(value === y.data[b * 3 + o], `output ${o}, point ${b}`).toBe(true))   // 0 + φ: equal but for −0
    }
  })

  it('the parts rebuild φ: baseScale·base(t) + splineScale·spline(t), the spline 0 beyond the whole knot vector', async () => {
    const { layer } = await trainedLayer('wasm', 'float64')
    const edge = layer.edge(0, 1)
    expect(edge.spline.outside).toBe('knots')
    expect(edge.spline.degree).toBe(3)
    expect(Array.from(edge.spline.knots)).toEqual(Array.from(edge.knots))
    expect(edge.range).toEqual([edge.knots[3], edge.knots[edge.knots.length - 4]])
    const ts = points(11)
    const splineValues = edge.spline.atMany(ts), phi = edge.evaluateMany(ts)
    ts.forEach((t, k) => {
      const rebuilt = edge.baseScale * edge.baseFunction(t) + edge.splineScale * splineValues[k]
      expect(Math.abs(rebuilt - phi[k])).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(phi[k])))
      if (t < edge.knots[0] || t > edge.knots[edge.knots.length - 1]) expect(splineValues[k]).toBe(0)
    })
    expect(edge.baseFunction(0)).toBe(0)
    expect(layer.base).toBe('silu')
  })

  it.each([
    [2, 0, /^kan\(3, 2\)\.edge: output must be an integer in \[0, 1\], got 2$/],
    [0, 3, /^kan\(3, 2\)\.edge: input must be an integer in \[0, 2\], got 3$/],
    [-1, 0, /output must be an integer in \[0, 1\], got -1$/],
    [0, 1.5, /input must be an integer in \[0, 2\], got 1.5$/],
  ])('refuses edge(%s, %s)', async (o, i, message) => {
    const { layer } = await trainedLayer('wasm', 'float64')
    expect(() => layer.edge(o, i)).toThrow(RangeError)
    expect(() => layer.edge(o, i)).toThrow(message)
  })
})

describe('model.intermediates', () => {
  it('gives the value after every layer, the last one the output bit for bit, and records no gradient', async () => {
    await init({ backend: 'wasm' })
    const model = sequential([dense(2, 4), act('tanh'), kan(4, 1, { grid: 3 })], { seed: 1, dtype: 'float64' })
    const x = tensor([[0.1, 0.2], [-0.5, 0.7], [0.9, -0.3]], { dtype: 'float64' })
    const values = model.intermediates(x)
    expect(values.map((value) => value.shape)).toEqual([[3, 4], [3, 4], [3, 1]])
    expect(sameBits(values[2].data.slice(), model.predict(x).data.slice())).toBe(true)
    expect(sameBits(values[1].data, noGrad(() => model.layers[1].forward(values[0])).data)).toBe(true)
    expect(values.every((value) => !value.requiresGrad)).toBe(true)
    expect(model.intermediates([[0.1, 0.2]])[2].shape).toEqual([1, 1])
  })
})
