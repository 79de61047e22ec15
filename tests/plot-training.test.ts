// src/plot's training pictures: lossCurveSVG (a line per logged loss, a log axis when positive, long histories thinned)
// and surfaceSVG (a classifier's decision surface coloured by σ(logit), runs of equal colour per row, the data on top;
// a one-input model's fitted curve); bad input named.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { lossCurveSVG } from '../src/plot/loss-curve'
import { surfaceSVG } from '../src/plot/surface'
import type { EpochLogs } from '../src/train/fit'

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length
const polylinePoints = (svg: string) => [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(' ').length)
const epochs = (count: number, withValidation: boolean): EpochLogs[] =>
  Array.from({ length: count }, (_, k) => ({ epoch: k + 1, loss: 1 / (k + 1), ...(withValidation ? { valLoss: 2 / (k + 1) } : {}) }))

/** The surface's rectangles as [x, y, width, fill] in drawing order. */
function surfaceRects(svg: string): { x: number; y: number; width: number; fill: string }[] {
  const group = /<g class="surface"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? ''
  return [...group.matchAll(/<rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="[^"]+" fill="([^"]+)"\/>/g)]
    .map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), fill: m[4] }))
}
const channels = (fill: string) => [1, 3, 5].map((k) => parseInt(fill.slice(k, k + 2), 16))

describe('lossCurveSVG', () => {
  it('draws the train loss alone without a legend, and train + validation with a legend naming both', () => {
    const single = lossCurveSVG(epochs(30, false))
    expect(polylinePoints(single)).toEqual([30])
    expect(single).not.toContain('>validation<')
    const both = lossCurveSVG({ epochs: epochs(30, true), stopped: 'completed' }, { title: 'run 1' })
    expect(polylinePoints(both)).toEqual([30, 30])
    expect(both).toContain('>train<')
    expect(both).toContain('>validation<')
    expect(both).toContain('<title>run 1</title>')
  })

  it('uses a log axis (power-of-ten labels) when every loss is positive, a linear one when asked or when a loss is 0', () => {
    expect(lossCurveSVG(epochs(50, false))).toMatch(/>10⁻¹</)
    const linear = lossCurveSVG([{ epoch: 1, loss: 0 }, { epoch: 2, loss: 0.5 }])
    expect(linear).not.toMatch(/>10⁻/)
    expect(lossCurveSVG(epochs(50, false), { log: false })).not.toMatch(/>10⁻/)
  })

  it('thins a long history to maxPoints per line, keeping the last epoch', () => {
    const svg = lossCurveSVG(epochs(5000, false), { maxPoints: 100 })
    expect(polylinePoints(svg)).toEqual([100])
    const last = /<polyline points="([^"]+)"/.exec(svg)![1].split(' ').at(-1)!
    const right = lossCurveSVG(epochs(5000, false)).match(/<polyline points="([^"]+)"/)![1].split(' ').at(-1)
    expect(last).toBe(right)
  })

  it.each([
    ['not a history', () => lossCurveSVG(3 as never), /history must be fit\(\)'s History or its epochs array, got number/],
    ['log with a zero loss', () => lossCurveSVG([{ epoch: 1, loss: 0 }], { log: true }), /log is true but a loss is ≤ 0/],
    ['maxPoints 1', () => lossCurveSVG(epochs(3, false), { maxPoints: 1 }), /maxPoints must be an integer in \[2, 100000\], got 1/],
    ['an unknown option', () => lossCurveSVG(epochs(3, false), { colour: 'red' } as never), /unknown option "colour"/],
  ])('refuses %s', (_, draw, message) => {
    expect(draw).toThrow(message)
  })
})

describe('surfaceSVG', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  /** logit = 4·x₁: the decision boundary is the line x₁ = 0 */
  function splitByX() {
    const model = sequential([dense(2, 1)], { seed: 1, dtype: 'float64' })
    model.parameters[0].data.set([4, 0])
    model.parameters[1].data.set([0])
    return model
  }

  it('colours a classifier by σ(logit): blue where x₁ < 0, orange where x₁ > 0, and each row in runs of equal colour', () => {
    const svg = surfaceSVG(splitByX(), { output: 'logit', resolution: 20, levels: 8 })
    const rects = surfaceRects(svg)
    // the output depends on x₁ only, so every row has the same runs: at most `levels` per row, 20 rows
    expect(rects.length % 20).toBe(0)
    expect(rects.length / 20).toBeLessThanOrEqual(8)
    const left = rects[0], right = rects[rects.length / 20 - 1]
    expect(channels(left.fill)[2]).toBeGreaterThan(channels(left.fill)[0])   // blue
    expect(channels(right.fill)[0]).toBeGreaterThan(channels(right.fill)[2])   // orange
    // a row's runs tile it: each starts where the previous one ends (± the half-pixel overlap)
    const row = rects.slice(0, rects.length / 20)
    row.slice(1).forEach((rect, k) => expect(Math.abs(rect.x - (row[k].x + row[k].width - 0.5))).toBeLessThan(0.02))
  })

  it('draws one dot per data point, coloured by its class', () => {
    const points = { inputs: [-0.5, 0.5, 0.5, -0.5, 0.2, 0.1], targets: [0, 1, 1] }
    const svg = surfaceSVG(splitByX(), { output: 'logit', points })
    const dots = [.../<g class="points">(.*?)<\/g>/.exec(svg)![1].matchAll(/fill="([^"]+)"/g)].map((m) => m[1])
    expect(dots.length).toBe(3)
    expect(dots[1]).toBe(dots[2])
    expect(dots[0]).not.toBe(dots[1])
  })

  it('draws a one-input model as its fitted curve with the data as dots', () => {
    const model = sequential([dense(1, 8), act('tanh'), dense(8, 1)], { seed: 2 })
    const svg = surfaceSVG(model, { resolution: 40, points: { inputs: [-1, 0, 1], targets: [0, 1, 0] } })
    expect(polylinePoints(svg)).toEqual([200])
    expect(count(svg, /<circle /g)).toBe(3)
    expect(svg).not.toContain('class="surface"')
  })

  it.each([
    ['three inputs', () => surfaceSVG(sequential([dense(3, 1)])), /draws models with one or two inputs; this one takes 3 inputs/],
    ['two outputs', () => surfaceSVG(sequential([dense(2, 2)])), /one output per row; it gave 2/],
    ['points of the wrong width', () => surfaceSVG(splitByX(), { points: { inputs: [1, 2, 3], targets: [0, 1] } }), /2 input\(s\) per target.*got 3 inputs for 2 targets/],
    ['resolution 1', () => surfaceSVG(splitByX(), { resolution: 1 }), /resolution must be an integer in \[2, 400\], got 1/],
    ['an empty xRange', () => surfaceSVG(splitByX(), { xRange: [1, 1] }), /xRange must be \[low, high\] with finite low < high/],
    ['an unknown output', () => surfaceSVG(splitByX(), { output: 'class' as never }), /output must be 'logit', 'probability' or 'value', got "class"/],
    ['not a model', () => surfaceSVG({} as never), /model must be a model with predict\(\)/],
  ])('refuses %s', (_, draw, message) => {
    expect(draw).toThrow(message)
  })
})

describe('surfaceSVG plot area', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it('marks the plotting area with its data ranges, for one and for two inputs', () => {
    const two = surfaceSVG(sequential([dense(2, 1)]), { xRange: [-2, 3], yRange: [-1, 4] })
    expect(two).toMatch(/<rect class="plot-area" [^>]*data-x-range="-2 3" data-y-range="-1 4"\/>/)
    const one = surfaceSVG(sequential([dense(1, 1)]), { yRange: [-1.5, 1.5] })
    expect(one).toMatch(/<rect class="plot-area" [^>]*data-x-range="-1 1" data-y-range="-1.5 1.5"\/>/)
  })
})

describe('surfaceSVG layers', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })
  const points = { inputs: [-0.5, 0.5, 0.5, -0.5, 0.2, 0.1], targets: [0, 1, 1] }
  const area = (svg: string) => /<rect class="plot-area"[^>]*\/>/.exec(svg)?.[0]

  it("'points' draws only the data on a transparent background, 'surface' only the surface, over the same plot area", () => {
    const model = sequential([dense(2, 1)], { seed: 3 })
    const pointsOnly = surfaceSVG(model, { output: 'logit', points, layer: 'points' })
    const surfaceOnly = surfaceSVG(model, { output: 'logit', points, layer: 'surface' })
    expect(count(pointsOnly, /<circle /g)).toBe(3)
    expect(pointsOnly).not.toContain('class="surface"')
    expect(pointsOnly).not.toContain('fill="white"')
    expect(count(surfaceOnly, /<circle /g)).toBe(0)
    expect(surfaceOnly).toContain('class="surface"')
    expect(area(pointsOnly)).toBe(area(surfaceOnly))
    expect(surfaceSVG(model, { output: 'logit', points })).toContain('class="points"')
  })

  it('colours a regression surface and its points on the targets\' range, whatever the model outputs', () => {
    const model = sequential([dense(2, 1)], { seed: 3, dtype: 'float64' })
    model.parameters[0].data.set([1, 0])   // f = x₁: cell centres −0.75, −0.25, 0.25, 0.75 at resolution 4
    model.parameters[1].data.set([0])
    const values = { inputs: [0, 0, 0.5, 0.5], targets: [0, 0.5] }
    const fills = [...surfaceSVG(model, { points: values, layer: 'points' }).matchAll(/<circle [^>]*fill="([^"]+)"/g)].map((m) => m[1])
    expect(fills).toEqual(['#440154', '#fde725'])   // the targets are the scale's two ends
    // on the scale [0, 0.5] both negative cells clamp to the lowest level and 0.75 to the highest: 3 runs per row, the
    // first two cells wide; on the surface's own range (no points) every cell gets a level of its own: 4 runs per row
    const rects = surfaceRects(surfaceSVG(model, { points: values, layer: 'surface', resolution: 4 }))
    expect(rects).toHaveLength(12)
    expect(rects[0].width).toBeCloseTo(2 * rects[1].width - 0.5, 1)
    expect(surfaceRects(surfaceSVG(model, { layer: 'surface', resolution: 4 }))).toHaveLength(16)
  })

  it('refuses a points layer without points, and an unknown layer', () => {
    const model = sequential([dense(2, 1)])
    expect(() => surfaceSVG(model, { layer: 'points' })).toThrow(/layer 'points' draws options.points, which are missing/)
    expect(() => surfaceSVG(model, { layer: 'dots' as never })).toThrow(/layer must be 'all', 'surface' or 'points', got "dots"/)
  })
})
