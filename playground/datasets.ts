// The playground's datasets, made from a seed with curvenet's own Generator and math (the sin, cos and
// exp ops), so the same seed gives the same points on js and wasm, in any browser and in Node.
// Two-input sets live in [−1, 1]²; the drawn curve is one input in [−1, 1].
import { Generator, cos, exp, mul, sin, tensor, scope, type Tensor } from '../src/index'

export const datasetNames = ['xor', 'circle', 'spirals', 'checkerboard', 'regression', 'curve'] as const
export type DatasetName = (typeof datasetNames)[number]

export interface Dataset {
  name: DatasetName
  /** classification: targets are 0 or 1 and the model outputs one logit; regression: targets are values. */
  task: 'classification' | 'regression'
  inputSize: 1 | 2
  /** rows × inputSize, row-major */
  inputs: Float64Array
  targets: Float64Array
  /** what the pictures draw: x (and y for two inputs) */
  range: [number, number]
}

export const datasetLabels: Record<DatasetName, string> = {
  xor: 'XOR', circle: 'circle', spirals: 'two spirals', checkerboard: 'checkerboard',
  regression: 'exp(sin(πx) + y²)', curve: 'a curve you draw',
}

const pointCount = 400

/** Values of an elementwise op on a plain array (curvenet's math: the same bits everywhere). */
function mapped(values: Float64Array, op: (t: Tensor) => Tensor): Float64Array {
  return scope(() => Float64Array.from(op(tensor(values, { dtype: 'float64' })).data))
}

function uniformPoints(generator: Generator, count: number, margin = 0): Float64Array {
  const points = new Float64Array(2 * count)
  for (let k = 0; k < points.length; k++) {
    const u = 2 * generator.uniform() - 1
    // margin keeps points off the axes (XOR's boundary), as the TensorFlow playground pads its sets
    points[k] = margin === 0 ? u : Math.sign(u || 1) * (margin + (1 - margin) * Math.abs(u))
  }
  return points
}

function classify(points: Float64Array, rule: (x: number, y: number) => boolean): Float64Array {
  return Float64Array.from({ length: points.length / 2 }, (_, k) => (rule(points[2 * k], points[2 * k + 1]) ? 1 : 0))
}

function spirals(generator: Generator): { inputs: Float64Array; targets: Float64Array } {
  // two interleaved arms, 1.75 turns each: r grows with the angle; class 1 is class 0 turned by π
  const perArm = pointCount / 2
  const radius = new Float64Array(pointCount), angle = new Float64Array(pointCount), targets = new Float64Array(pointCount)
  for (let k = 0; k < pointCount; k++) {
    const arm = k % 2, t = (Math.floor(k / 2) + 0.5) / perArm
    radius[k] = 0.08 + 0.87 * t + 0.03 * generator.normal()
    angle[k] = 3.5 * Math.PI * t + arm * Math.PI + 0.1 * generator.normal()
    targets[k] = arm
  }
  const cosines = mapped(angle, cos), sines = mapped(angle, sin)
  const inputs = new Float64Array(2 * pointCount)
  for (let k = 0; k < pointCount; k++) {
    inputs[2 * k] = radius[k] * cosines[k]
    inputs[2 * k + 1] = radius[k] * sines[k]
  }
  return { inputs, targets }
}

/** exp(sin(πx) + y²), the KAN paper's first example */
function regression(generator: Generator): { inputs: Float64Array; targets: Float64Array } {
  const inputs = uniformPoints(generator, pointCount)
  const xs = Float64Array.from({ length: pointCount }, (_, k) => Math.PI * inputs[2 * k])
  const sines = mapped(xs, sin)
  const sums = Float64Array.from({ length: pointCount }, (_, k) => sines[k] + inputs[2 * k + 1] * inputs[2 * k + 1])
  return { inputs, targets: mapped(sums, exp) }
}

/** The curve before anyone draws one: a smooth wave, y = 0.6·sin(3x)·x + 0.2 */
export function defaultCurvePoints(): [number, number][] {
  const xs = Float64Array.from({ length: 41 }, (_, k) => -1 + k / 20)
  const waves = mapped(xs, (t) => sin(mul(t, 3)))
  return Array.from(xs, (x, k) => [x, 0.6 * waves[k] * x + 0.2])
}

/**
 * Points along a drawn stroke ([x, y] in [−1, 1]², in drawing order), as a function y(x): sorted by x,
 * sampled 200 times by linear interpolation between neighbours (a stroke that doubles back keeps its
 * mean y at each x through the sort).
 */
function curve(stroke: [number, number][]): { inputs: Float64Array; targets: Float64Array } {
  if (stroke.length < 2) throw new RangeError(`playground: a drawn curve needs at least 2 points, got ${stroke.length}`)
  const sorted = [...stroke].sort((a, b) => a[0] - b[0])
  const low = sorted[0][0], high = sorted[sorted.length - 1][0]
  if (!(high > low)) throw new RangeError('playground: draw the curve from left to right (its points all have the same x)')
  const count = 200, inputs = new Float64Array(count), targets = new Float64Array(count)
  let segment = 0
  for (let k = 0; k < count; k++) {
    const x = low + ((high - low) * k) / (count - 1)
    while (segment < sorted.length - 2 && sorted[segment + 1][0] < x) segment++
    const [x0, y0] = sorted[segment], [x1, y1] = sorted[segment + 1]
    inputs[k] = x
    targets[k] = x1 > x0 ? y0 + ((y1 - y0) * (x - x0)) / (x1 - x0) : (y0 + y1) / 2
  }
  return { inputs, targets }
}

/** The rows in a seeded random order (Fisher–Yates), so fit()'s validationSplit, which takes the last rows, is a fair sample. */
function shuffled(dataset: Dataset, generator: Generator): Dataset {
  const rows = dataset.targets.length, width = dataset.inputSize
  const inputs = Float64Array.from(dataset.inputs), targets = Float64Array.from(dataset.targets)
  for (let k = rows - 1; k > 0; k--) {
    const j = generator.integer(k + 1)
    for (let c = 0; c < width; c++) [inputs[k * width + c], inputs[j * width + c]] = [inputs[j * width + c], inputs[k * width + c]]
    ;[targets[k], targets[j]] = [targets[j], targets[k]]
  }
  return { ...dataset, inputs, targets }
}

export function makeDataset(name: DatasetName, seed: number, stroke: [number, number][] = defaultCurvePoints()): Dataset {
  const generator = new Generator(seed)
  return shuffled(unshuffled(name, generator, stroke), generator)
}

function unshuffled(name: DatasetName, generator: Generator, stroke: [number, number][]): Dataset {
  const two = (task: Dataset['task'], data: { inputs: Float64Array; targets: Float64Array }): Dataset =>
    ({ name, task, inputSize: 2, ...data, range: [-1, 1] })
  switch (name) {
    case 'xor': {
      const inputs = uniformPoints(generator, pointCount, 0.1)
      return two('classification', { inputs, targets: classify(inputs, (x, y) => x * y > 0) })
    }
    case 'circle': {
      // inside r < 0.5 or in the ring 0.7 < r < 1: a gap between the classes, as in the TensorFlow playground
      const inputs = uniformPoints(generator, 2 * pointCount)
      const kept: number[] = []
      for (let k = 0; k < 2 * pointCount && kept.length < 2 * pointCount; k++) {
        const x = inputs[2 * k], y = inputs[2 * k + 1], r2 = x * x + y * y
        if (r2 < 0.25 || (r2 > 0.49 && r2 < 1)) kept.push(x, y)
      }
      const points = Float64Array.from(kept)
      return two('classification', { inputs: points, targets: classify(points, (x, y) => x * x + y * y < 0.36) })
    }
    case 'spirals': return two('classification', spirals(generator))
    case 'checkerboard': {
      const inputs = uniformPoints(generator, pointCount)
      return two('classification', { inputs, targets: classify(inputs, (x, y) => (Math.floor(2 * x + 2) + Math.floor(2 * y + 2)) % 2 === 0) })
    }
    case 'regression': return two('regression', regression(generator))
    case 'curve': return { name, task: 'regression', inputSize: 1, ...curve(stroke), range: [-1, 1] }
  }
}
