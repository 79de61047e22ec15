// The learned curves of a playground model as SVG: a KAN as pykan draws it (kanSVG: every edge's φ in a box, as opaque
// as it is important), Bezier activations as one small graph per unit, each drawn over the values its unit receives.
import { BezierAct, Kan, graphSVG, kanSVG, noGrad, scope, tensor, type Sequential, type Tensor } from '../src/index'

const unitSamples = 64

/** Each unit's curve of a bezierAct layer at `xs`: the layer run on a batch whose every column is xs. */
function bezierUnitCurves(layer: BezierAct, xs: Float64Array, dtype: 'float32' | 'float64'): Float64Array[] {
  return noGrad(() => scope(() => {
    const width = layer.width
    const tiled = new Float64Array(xs.length * width)
    xs.forEach((x, row) => tiled.fill(x, row * width, (row + 1) * width))
    const out = layer.forward(tensor(tiled, { shape: [xs.length, width], dtype })).data
    return Array.from({ length: width }, (_, unit) => Float64Array.from(xs, (_, row) => out[row * width + unit]))
  }))
}

/** The range of values that reach layer `index` for the data x (the layers before it applied), widened to include [lo, hi]. */
function inputRange(model: Sequential, index: number, x: Tensor, [lo, hi]: [number, number]): [number, number] {
  return noGrad(() => scope(() => {
    let h = x
    for (let l = 0; l < index; l++) h = model.layers[l].forward(h)
    let low = lo, high = hi
    for (const v of h.data) if (Number.isFinite(v)) { low = Math.min(low, v); high = Math.max(high, v) }
    return [low, high] as [number, number]
  }))
}

export function activationPictures(model: Sequential, x: Tensor): { svg: string; caption: string } {
  if (model.layers.every((layer) => layer instanceof Kan)) {
    const widths = [(model.layers[0] as Kan).inputSize, ...model.layers.map((layer) => (layer as Kan).outputSize)]
    return { svg: kanSVG(model, x), caption: `KAN [${widths.join(', ')}]: every edge is a learned B-spline φ(x) over the values it receives; fainter edges matter less.` }
  }
  const pictures: string[] = []
  model.layers.forEach((layer, index) => {
    if (!(layer instanceof BezierAct)) return
    const [low, high] = inputRange(model, index, x, layer.range)
    const xs = Float64Array.from({ length: unitSamples }, (_, k) => low + ((high - low) * k) / (unitSamples - 1))
    bezierUnitCurves(layer, xs, model.dtype).forEach((ys, unit) => {
      const lookup = (value: number) => ys[Math.round(((value - low) / (high - low)) * (unitSamples - 1))]
      pictures.push(graphSVG(lookup, { xRange: [low, high], samples: unitSamples, width: 180, height: 130, title: `layer ${index}, unit ${unit}`, xLabel: '', yLabel: '' }))
    })
  })
  if (pictures.length > 0) {
    return { svg: `<div style="display:flex;flex-wrap:wrap;gap:4px">${pictures.join('')}</div>`, caption: 'Each unit\'s learned Bezier activation over the values it receives (straight lines at the start: every curve begins as the identity).' }
  }
  const fixed = model.layers.map((layer) => layer.kind === 'activation' ? String(layer.config().name ?? 'act') : layer.kind === 'sine' ? 'sin' : undefined).filter(Boolean)
  return { svg: '', caption: fixed.length > 0 ? `This model's activations are fixed (${[...new Set(fixed)].join(', ')}); only its weights learn. Pick KAN or Bezier activations to watch curves learn.` : 'A linear stack has no activations: however deep, it computes one linear map (watch it fail on XOR).' }
}
