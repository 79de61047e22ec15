// src/plot's training pictures: lossCurveSVG (a line per logged loss, a log axis when positive, long histories thinned)
// and surfaceSVG (a classifier's decision surface coloured by σ(logit), one PNG pixel per cell read back by an independent
// decoder, the data on top; a one-input model's fitted curve); bad input named.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { lossCurveSVG } from '../src/plot/loss-curve'
import { surfaceSVG } from '../src/plot/surface'
import type { EpochLogs } from '../src/train/fit'
import { decodePng, pixel, surfaceImageUrl, type Pixels } from './support/png'

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length
const polylinePoints = (svg: string) => [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(' ').length)
const epochs = (count: number, withValidation: boolean): EpochLogs[] =>
  Array.from({ length: count }, (_, k) => ({ epoch: k + 1, loss: 1 / (k + 1), ...(withValidation ? { valLoss: 2 / (k + 1) } : {}) }))

/** The surface image's pixels (decoded by tests/support/png.ts, not by the encoder under test) and its placement. */
async function surfaceImage(svg: string): Promise<Pixels & { box: string }> {
  const url = surfaceImageUrl(svg)
  if (url === undefined) throw new Error('no surface image in the SVG')
  const box = /<image class="surface" (x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+")/.exec(svg)![1]
  return { ...(await decodePng(url)), box }
}
const row = (image: Pixels, r: number) => Array.from({ length: image.width }, (_, c) => pixel(image, r, c))
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
    expect(lossCurveSVG(epochs(50, false))).toMatch(/>10<tspan dy="-5" font-size="9">-1<\/tspan></)
    const linear = lossCurveSVG([{ epoch: 1, loss: 0 }, { epoch: 2, loss: 0.5 }])
    expect(linear).not.toMatch(/>10<tspan/)
    expect(lossCurveSVG(epochs(50, false), { log: false })).not.toMatch(/>10<tspan/)
  })

  it('writes its text in ASCII, the exponents raised in a tspan (a font without superscript glyphs falls back on every layout)', () => {
    const svg = lossCurveSVG({ epochs: epochs(50, true), stopped: 'completed' })
    const text = [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((match) => match[1]).join(' ')
    expect(text).toMatch(/10<tspan[^>]*>-\d<\/tspan>/)
    expect([...text].filter((c) => c.charCodeAt(0) > 0x7e)).toEqual([])
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

  it('colours a classifier by σ(logit) in one pixel per cell: blue where x₁ < 0, orange where x₁ > 0, every row alike', async () => {
    const svg = surfaceSVG(splitByX(), { output: 'logit', resolution: 20, levels: 8 })
    const image = await surfaceImage(svg)
    expect([image.width, image.height]).toEqual([20, 20])
    // the image covers the plot area exactly
    const area = /<rect class="plot-area" (x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+")/.exec(svg)![1]
    expect(image.box).toBe(area)
    // the output depends on x₁ only: every row is row 0, which goes from blue through at most 8 levels to orange
    const first = row(image, 0)
    for (let r = 1; r < 20; r++) expect(row(image, r)).toEqual(first)
    expect(new Set(first).size).toBeLessThanOrEqual(8)
    expect(channels(first[0])[2]).toBeGreaterThan(channels(first[0])[0])   // blue
    expect(channels(first[19])[0]).toBeGreaterThan(channels(first[19])[2])   // orange
    first.slice(1).forEach((colour, c) => expect(channels(colour)[0]).toBeGreaterThanOrEqual(channels(first[c])[0]))   // red only grows
    // cells mirrored about x₁ = 0 have logits ±v, σ(−v) = 1 − σ(v): levels mirrored, so no two mirrored cells match
    for (let c = 0; c < 10; c++) expect(first[c]).not.toBe(first[19 - c])
  })

  it('writes a surface larger than one stored deflate block (200² cells) that still reads back cell for cell', async () => {
    const small = row(await surfaceImage(surfaceSVG(splitByX(), { output: 'logit', resolution: 20, levels: 8 })), 0)
    const large = await surfaceImage(surfaceSVG(splitByX(), { output: 'logit', resolution: 200, levels: 8 }))
    expect([large.width, large.height]).toEqual([200, 200])
    // 200 × 601 raw bytes span two blocks; column c of the large image lies in column ⌊c/10⌋ of the small one, whose
    // centre has the same sign of x₁ and (the levels being 8 wide) nearly the same level: the ends and every row agree
    const last = row(large, 199)
    expect(row(large, 0)).toEqual(last)
    expect([last[0], last[199]]).toEqual([small[0], small[19]])
    expect(last.slice(0, 100).every((colour) => channels(colour)[2] > channels(colour)[0])).toBe(true)
    expect(last.slice(100).every((colour) => channels(colour)[0] > channels(colour)[2])).toBe(true)
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

  it('colours a regression surface and its points on the targets\' range, whatever the model outputs', async () => {
    const model = sequential([dense(2, 1)], { seed: 3, dtype: 'float64' })
    model.parameters[0].data.set([1, 0])   // f = x₁: cell centres −0.75, −0.25, 0.25, 0.75 at resolution 4
    model.parameters[1].data.set([0])
    const values = { inputs: [0, 0, 0.5, 0.5], targets: [0, 0.5] }
    const fills = [...surfaceSVG(model, { points: values, layer: 'points' }).matchAll(/<circle [^>]*fill="([^"]+)"/g)].map((m) => m[1])
    expect(fills).toEqual(['#440154', '#fde725'])   // the targets are the scale's two ends
    // on the scale [0, 0.5] both negative cells clamp to the lowest level and 0.75 to the highest: 3 colours per row, the
    // first two cells alike; on the surface's own range (no points) every cell gets a level of its own: 4 colours per row
    const onTargets = row(await surfaceImage(surfaceSVG(model, { points: values, layer: 'surface', resolution: 4 })), 2)
    expect(new Set(onTargets).size).toBe(3)
    expect(onTargets[0]).toBe(onTargets[1])
    expect(new Set(row(await surfaceImage(surfaceSVG(model, { layer: 'surface', resolution: 4 })), 2)).size).toBe(4)
  })

  it('refuses a points layer without points, and an unknown layer', () => {
    const model = sequential([dense(2, 1)])
    expect(() => surfaceSVG(model, { layer: 'points' })).toThrow(/layer 'points' draws options.points, which are missing/)
    expect(() => surfaceSVG(model, { layer: 'dots' as never })).toThrow(/layer must be 'all', 'surface' or 'points', got "dots"/)
  })
})
