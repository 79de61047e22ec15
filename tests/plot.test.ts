// src/plot: graphSVG of every 1-D thing (BSpline, Bezier, KAN edge, function) with axes; kanSVG's structure (a node per
// neuron, an edge box with its curve per edge, opacity by importance); toSVGGraph on curves; deterministic text; errors.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { Generator } from '../src/tensor/random'
import { sequential } from '../src/nn/sequential'
import { kan, type Kan } from '../src/nn/kan'
import { dense } from '../src/nn/dense'
import { BSpline } from '../src/curves/bspline'
import { Bezier } from '../src/curves/bezier'
import { uniformKnots } from '../src/curves/knots'
import { graphSVG } from '../src/plot/graph'
import { kanSVG } from '../src/plot/kan-svg'

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length
const polylinePoints = (svg: string) => [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(' ').length)

describe('graphSVG', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it('draws a 1-D B-spline over its domain with a frame, ticks and labels, one polyline of `samples` points', () => {
    const spline = new BSpline(uniformKnots(4, 3), [0, 1, -1, 2, 0.5, 1, 0], 3)
    const svg = graphSVG(spline, { samples: 100, title: 'a spline', xLabel: 'time' })
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).toContain('<title>a spline</title>')
    expect(count(svg, /<text [^>]*>time<\/text>/g)).toBe(1)
    expect(count(svg, /<text [^>]*text-anchor="middle" font-size="12"[^>]*>/g)).toBeGreaterThanOrEqual(3)   // x tick labels
    expect(count(svg, /<text [^>]*text-anchor="end"[^>]*>/g)).toBeGreaterThanOrEqual(3)   // y tick labels
    expect(polylinePoints(svg)).toEqual([100])
    expect(spline.toSVGGraph({ samples: 100, title: 'a spline', xLabel: 'time' })).toBe(svg)
  })

  it('draws a 1-D Bezier over t ∈ [0, 1], a function over the range given, and the same text every time', () => {
    const bezier = new Bezier([[0], [2], [-1], [1]])
    expect(polylinePoints(bezier.toSVGGraph({ samples: 33 }))).toEqual([33])
    const f = (x: number) => x * x - 1
    expect(graphSVG(f, { xRange: [-2, 2] })).toBe(graphSVG(f, { xRange: [-2, 2] }))
  })

  it('breaks the line where the function is not finite', () => {
    const svg = graphSVG((x) => (Math.abs(x) < 0.1 ? NaN : 1 / x), { xRange: [-1, 1], samples: 201, yRange: [-20, 20] })
    expect(polylinePoints(svg).length).toBe(2)
  })

  it.each([
    ['a 2-D curve', () => graphSVG(new Bezier([[0, 0], [1, 1]]) as never), RangeError, /^graphSVG: draws curves of dimension 1 as \(x, f\(x\)\); this one has dimension 2/],
    ['a 2-D curve through toSVGGraph', () => new Bezier([[0, 0], [1, 1]]).toSVGGraph(), RangeError, /^Bezier\.toSVGGraph: draws curves of dimension 1 as graphs/],
    ['a function without xRange', () => graphSVG((x: number) => x), TypeError, /^graphSVG: a function needs options\.xRange/],
    ['a reversed range', () => graphSVG((x: number) => x, { xRange: [1, 0] }), RangeError, /^graphSVG: xRange must be \[low, high\] with finite low < high, got \[1,0\]$/],
    ['too many samples', () => graphSVG((x: number) => x, { xRange: [0, 1], samples: 1e9 }), RangeError, /^graphSVG: samples must be an integer in \[2, 100000\], got 1000000000$/],
    ['an unknown option', () => graphSVG((x: number) => x, { xRange: [0, 1], colour: 'red' } as never), TypeError, /^graphSVG: unknown option "colour"; did you mean "color"\?/],
    ['a string', () => graphSVG('sin' as never), TypeError, /^graphSVG: takes a BSpline or Bezier of dimension 1, a KAN edge/],
  ])('refuses %s', (_, call, errorClass, message) => {
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
  })
})

describe('kanSVG', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })
  const data = () => { const g = new Generator(3); return tensor(Float64Array.from({ length: 400 }, () => 2 * g.uniform() - 1), { dtype: 'float64', shape: [200, 2] }) }

  it('draws a node per neuron and an edge group per edge, each with its box and curve, and a KAN edge as a graph', () => {
    const model = sequential([kan(2, 3, { grid: 4 }), kan(3, 1, { grid: 4 })], { seed: 1, dtype: 'float64' })
    const svg = kanSVG(model, data(), { title: 'KAN [2, 3, 1]' })
    expect(count(svg, /<circle class="node"/g)).toBe(2 + 3 + 1)
    expect(count(svg, /<g class="edge"/g)).toBe(2 * 3 + 3 * 1)
    const groups = [...svg.matchAll(/<g class="edge"[^>]*>(.*?)<\/g>/g)].map((m) => m[1])
    expect(groups.every((group) => count(group, /<rect /g) === 1 && count(group, /<polyline /g) >= 1)).toBe(true)
    expect(kanSVG(model, data(), { title: 'KAN [2, 3, 1]' })).toBe(svg)
    const edge = (model.layers[0] as Kan).edge(1, 0)
    expect(polylinePoints(graphSVG(edge, { samples: 50 }))).toEqual([50])
  })

  it('sets each edge\'s opacity from its importance: the given scores, scaled to the layer\'s largest', () => {
    const model = sequential([kan(2, 2, { grid: 3 })], { seed: 2, dtype: 'float64' })
    const svg = kanSVG(model, data(), { importance: [[4, 0, 2, 1]] })
    const opacities = [...svg.matchAll(/<g class="edge" data-layer="0" data-output="(\d)" data-input="(\d)" opacity="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])])
    expect(opacities).toEqual([[0, 0, 1], [0, 1, 0.06], [1, 0, 0.5], [1, 1, 0.25]])
  })

  it.each([
    ['a model with a dense layer', () => kanSVG(sequential([dense(2, 2)], { dtype: 'float64' }), data()), TypeError, /^kanSVG: draws models of kan layers only; layers\[0\] is "dense"$/],
    ['importance of the wrong length', () => kanSVG(sequential([kan(2, 2)], { dtype: 'float64' }), data(), { importance: [[1, 2]] }), RangeError, /^kanSVG: importance for this layer must hold 4 scores \(out × in\), got 2$/],
    ['a negative importance', () => kanSVG(sequential([kan(2, 1)], { dtype: 'float64' }), data(), { importance: [[1, -1]] }), RangeError, /importance scores must be finite and ≥ 0, got -1$/],
  ])('refuses %s', (_, call, errorClass, message) => {
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
  })
})
