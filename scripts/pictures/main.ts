// `npm run pictures`: draws the README's curve pictures from the library itself into docs/*.svg —
// a flattened Bezier with its deviation, paths through points, and the convergence plots. Every
// number comes from curvenet (flatten, pathThrough, the Bezier and fit convergence series), so the
// files change only when the library's results do.
import { sequential } from '../../src/nn/sequential'
import { kan, type Kan } from '../../src/nn/kan'
import { trainKan } from '../../src/nn/kan-train'
import { prune } from '../../src/nn/kan-prune'
import { autoSymbolic } from '../../src/symbolic/fix'
import { formula } from '../../src/symbolic/model-formula'
import { graphSVG } from '../../src/plot/graph'
import { kanSVG } from '../../src/plot/kan-svg'
import { scalingData } from '../experiment-kan-scaling/staircase'
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { init } from '../../src/init'
import { Bezier } from '../../src/curves/bezier'
import { flatteningConvergence } from '../../src/curves/bezier-convergence'
import { fitConvergenceSeries, logLogSlope } from './fit-convergence'
import { camProfile, embeddingNorms } from './curve-jobs'
import { pathThrough, type PathOptions } from '../../src/curves/path-through'
import { Panel, equalAspectAxes, svgDocument, type Box, type Style } from '../../src/plot/panel'

const blue = '#1f5fa8', orange = '#e07b00', red = '#c62828', green = '#2e7d32', purple = '#6a1b9a', grey = '#888'

/** A slope as printed in a legend, with a true minus sign. */
const slopeText = (slope: number) => slope.toFixed(2).replace('-', '−')

/** Distance from p to the segment a–b in 2-D. */
function distanceToSegment(p: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>): number {
  const dx = b[0] - a[0], dy = b[1] - a[1]
  const along = Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(p[0] - a[0] - along * dx, p[1] - a[1] - along * dy)
}

function pairs(packed: ArrayLike<number>): [number, number][] {
  return Array.from({ length: packed.length / 2 }, (_, i) => [packed[2 * i], packed[2 * i + 1]] as [number, number])
}

function heading(x: number, y: number, text: string): string {
  return `<text x="${x}" y="${y}" font-size="15" font-weight="bold" font-family="Helvetica, Arial, sans-serif">${text}</text>`
}

function flattenedBezier(): string {
  const curve = new Bezier([[0, 0], [0.6, 3.2], [2.4, 3.4], [2.2, 0.4], [3.6, -1.4], [5, 1.6]])
  const tolerance = 0.06
  const polyline = curve.flatten(tolerance)
  const vertices = pairs(polyline.points)

  const plane: Box = { left: 30, top: 50, width: 520, height: 380 }
  const controls = pairs(curve.points)
  const xs = controls.map(([px]) => px), ys = controls.map(([, py]) => py)
  const [x, y] = equalAspectAxes(plane, { low: [Math.min(...xs), Math.min(...ys)], high: [Math.max(...xs), Math.max(...ys)] }, 0.04)
  const left = new Panel(plane, x, y)
  const parts = [heading(30, 30, `Bezier (degree ${curve.degree}).flatten(${tolerance}): ${polyline.count - 1} line segments`), left.axes()]
  parts.push(left.band(curve.toSVGPath({ digits: 9 }), tolerance, '#9ec5ee'))
  parts.push(left.polyline(controls, { color: grey, width: 1, dash: '4 3' }), left.dots(controls, grey, 2.5))
  parts.push(left.curve(curve.toSVGPath({ digits: 9 }), { color: blue, width: 2 }))
  parts.push(left.polyline(vertices, { color: orange, width: 1.5 }), left.dots(vertices, orange, 3))
  parts.push(left.legend([
    { label: 'curve', style: { color: blue, width: 2 } },
    { label: `band of ±${tolerance} around it`, style: { color: '#9ec5ee', width: 8 } },
    { label: `polyline (${polyline.count} vertices)`, style: { color: orange, width: 1.5 } },
    { label: 'control polygon', style: { color: grey, width: 1, dash: '4 3' } },
  ], 'bottom-left'))

  // distance from B(t) to the polyline's segment for t's interval, along t
  const samples = 2000
  const deviations: [number, number][] = []
  let segment = 0
  for (let s = 0; s <= samples; s++) {
    const t = s / samples
    while (segment < polyline.count - 2 && t > polyline.parameters[segment + 1]) segment++
    deviations.push([t, distanceToSegment(curve.at(t), vertices[segment], vertices[segment + 1])])
  }
  const largest = Math.max(...deviations.map(([, d]) => d))
  const right = new Panel({ left: 640, top: 50, width: 330, height: 380 }, { label: 'curve parameter t', low: 0, high: 1 },
    { label: 'distance from B(t) to the polyline', low: 0, high: tolerance * 1.15 })
  parts.push(heading(590, 30, 'deviation along the curve'), right.axes())
  parts.push(right.polyline([[0, tolerance], [1, tolerance]], { color: red, width: 1.5, dash: '6 4' }))
  parts.push(right.polyline(deviations, { color: orange, width: 1.5 }))
  parts.push(right.dots(Array.from(polyline.parameters, (t) => [t, 0] as [number, number]), orange, 2.5))
  parts.push(right.legend([
    { label: `tolerance ${tolerance}`, style: { color: red, width: 1.5, dash: '6 4' } },
    { label: `deviation (max ${largest.toFixed(4)})`, style: { color: orange, width: 1.5 } },
    { label: 'parameters of the vertices', style: { color: orange }, dot: true },
  ], 'top-right'))
  return svgDocument(1000, 480, 'A Bezier curve flattened to a polyline within a stated tolerance', parts)
}

function pathsThroughPoints(): string {
  const points = [[0, 0], [0.8, 2.4], [1.2, 2.5], [3.2, 2.3], [3.4, 0.3], [5.6, 0.4], [6.2, 2.8], [6.3, 3.0]]
  const kinds: { options: PathOptions; label: string; style: Style }[] = [
    { options: { kind: 'catmull-rom', alpha: 0 }, label: 'Catmull-Rom, uniform (α = 0)', style: { color: red, width: 2 } },
    { options: { kind: 'catmull-rom', alpha: 0.5 }, label: 'Catmull-Rom, centripetal (α = 0.5)', style: { color: blue, width: 2 } },
    { options: { kind: 'catmull-rom', alpha: 1 }, label: 'Catmull-Rom, chordal (α = 1)', style: { color: green, width: 2 } },
    { options: { kind: 'natural-cubic', parameter: 'chord' }, label: 'natural cubic spline (chord length)', style: { color: purple, width: 2, dash: '7 4' } },
  ]
  const paths = kinds.map(({ options }) => pathThrough(points, options))
  const low: [number, number] = [Infinity, Infinity], high: [number, number] = [-Infinity, -Infinity]
  for (const path of paths) {
    for (const segment of path.segments) {
      const { min, max } = segment.bbox()
      for (const k of [0, 1]) { low[k] = Math.min(low[k], min[k]); high[k] = Math.max(high[k], max[k]) }
    }
  }
  const plane: Box = { left: 30, top: 50, width: 940, height: 420 }
  const [x, y] = equalAspectAxes(plane, { low, high }, 0.05)
  const panel = new Panel(plane, x, y)
  const parts = [heading(30, 30, `pathThrough: ${points.length} points, four smooth paths through them in order`), panel.axes()]
  paths.forEach((path, i) => parts.push(panel.curve(path.toSVGPath({ digits: 9 }), kinds[i].style)))
  parts.push(panel.dots(points as [number, number][], '#111', 4.5))
  points.forEach(([px, py], i) => parts.push(panel.text(px, py, String(i), `dx="8" dy="-8" fill="#111"`)))
  parts.push(panel.legend([...kinds.map(({ label, style }) => ({ label, style })), { label: 'the points, in order', style: { color: '#111' }, dot: true }], [0.95, 1.8]))
  return svgDocument(1000, 500, 'Catmull-Rom (uniform, centripetal, chordal) and natural cubic paths through the same points', parts)
}

function convergence(): string {
  const cubic = new Bezier([[0, 0], [1, 2], [3, -1], [4, 1]])
  const counts = [4, 8, 16, 32, 64, 128, 256]
  const flattening = flatteningConvergence(cubic, counts)
  // slopes against the number of pieces n = the negated slopes against their width h = 1/n
  const flatteningSlope = -logLogSlope(flattening.map(({ segments, deviation }) => ({ intervals: segments, spacing: 1 / segments, error: deviation })))
  const fits = fitConvergenceSeries()

  const left = new Panel({ left: 90, top: 50, width: 360, height: 360 }, { label: 'line segments n', low: 3, high: 300, log: true },
    { label: 'max distance from the curve', low: 1e-6, high: 1, log: true })
  const deviationPoints = flattening.map(({ segments, deviation }) => [segments, deviation] as [number, number])
  const parts = [heading(30, 30, 'uniform polyline of a cubic Bezier'), left.axes()]
  parts.push(left.polyline(deviationPoints, { color: orange, width: 2 }), left.dots(deviationPoints, orange))
  parts.push(left.legend([{ label: `polyline through B(i/n): slope ${slopeText(flatteningSlope)}`, style: { color: orange, width: 2 } }], 'top-right'))

  const intervals = fits[0].points.map((point) => point.intervals)
  const errors = fits.flatMap((series) => series.points.map((point) => point.error))
  const right = new Panel({ left: 600, top: 50, width: 360, height: 360 },
    { label: 'knot intervals on [−1, 1]', low: intervals[0] * 0.75, high: intervals[intervals.length - 1] * 1.33, log: true },
    { label: 'max |fit − f|', low: 10 ** Math.floor(Math.log10(Math.min(...errors))), high: 10 ** Math.ceil(Math.log10(Math.max(...errors))), log: true })
  parts.push(heading(540, 30, 'least-squares fits of f(x) = sin 3x + x²'), right.axes())
  const colours = [red, blue]
  fits.forEach((series, i) => {
    const data = series.points.map((point) => [point.intervals, point.error] as [number, number])
    parts.push(right.polyline(data, { color: colours[i], width: 2 }), right.dots(data, colours[i]))
  })
  parts.push(right.legend(fits.map((series, i) => ({
    label: `${series.degree === 1 ? 'fitPiecewiseLinear' : 'fitBSpline, cubic'}: slope ${slopeText(-series.slope)}`,
    style: { color: colours[i], width: 2 },
  })), 'bottom-left'))
  return svgDocument(1000, 470, 'Convergence: polyline deviation O(1/n²); fit errors O(h²) and O(h⁴)', parts)
}

/** A KAN [2,1,1] trained by trainKan's defaults (grids 5 → 10 → 20) on exp(sin(πx) + y²): the network, and its three edges. */
async function learnedKan(): Promise<Record<string, string>> {
  const { x, y } = scalingData(1000, 3000)
  const model = sequential([kan(2, 1), kan(1, 1)], { seed: 0, dtype: 'float64' })
  await trainKan(model, x, y, { grids: [5, 10, 20] })
  const [first, second] = model.layers as Kan[]
  const edge = (layer: Kan, input: number, title: string, xLabel: string) => graphSVG(layer.edge(0, input), { title, xLabel, yLabel: 'φ', width: 360, height: 260 })
  return {
    'kan-network.svg': kanSVG(model, x, { title: 'KAN [2, 1, 1] learned on exp(sin(πx) + y²)', width: 420 }),
    'kan-edge-x.svg': edge(first, 0, 'edge x → hidden: a sine', 'x'),
    'kan-edge-y.svg': edge(first, 1, 'edge y → hidden: a square', 'y'),
    'kan-edge-out.svg': edge(second, 0, 'edge hidden → output: an exponential', 'hidden value'),
  }
}

/** pykan's hellokan on exp(sin(πx) + y²): a [2,5,1] trained with sparsity, pruned, every edge made symbolic, retrained. */
async function recoveredKan(): Promise<Record<string, string>> {
  const { x, y } = scalingData(1000, 1000)
  const model = sequential([kan(2, 5), kan(5, 1)], { seed: 0, dtype: 'float64' })
  await trainKan(model, x, y, { grids: [5], steps: 100, lambda: 1e-3 })
  const small = prune(model, x)
  await trainKan(small, x, y, { grids: [5, 10], steps: 50 })
  autoSymbolic(small, x)
  await trainKan(small, x, y, { grids: [10], steps: 50 })
  console.log(`recovered: ${formula(small).text}`)
  return {
    'kan-sparse.svg': kanSVG(model, x, { title: 'KAN [2, 5, 1] trained with sparsity (λ = 1e-3)', width: 420 }),
    'kan-symbolic.svg': kanSVG(small, x, { title: 'pruned to [2, 1, 1], every edge symbolic', width: 420 }),
  }
}

const directory = process.argv[2] ?? 'docs'
await init({ quiet: true })
mkdirSync(directory, { recursive: true })
const pictures: Record<string, () => string> = {
  'bezier-flatten.svg': flattenedBezier,
  'path-through-points.svg': pathsThroughPoints,
  'curve-convergence.svg': convergence,
  'embedding-path-norms.svg': embeddingNorms,
  'cam-profile.svg': () => camProfile().svg,
}
for (const [name, draw] of Object.entries(pictures)) {
  writeFileSync(join(directory, name), draw())
  console.log(`wrote ${join(directory, name)}`)
}
for (const [name, svg] of Object.entries({ ...await learnedKan(), ...await recoveredKan() })) {
  writeFileSync(join(directory, name), svg)
  console.log(`wrote ${join(directory, name)}`)
}
