// toONNX checked by running its bytes in onnxruntime-node (a native module: Node only) against predict(), for each
// layer kind and a mixed model, float32 and float64, with seeded weights and inputs inside and outside the KAN grid
// and the Bezier range. The comparison is normwise relative over the whole output:
//   max_k |onnx[k] − predict[k]|  ≤  tolerance · max_k |predict[k]|,   tolerance 1e-6 (float32), 1e-12 (float64).
import { beforeAll, describe, expect, it } from 'vitest'
import * as ort from 'onnxruntime-node'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { Generator } from '../src/tensor/random'
import { sequential, type Sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { sine } from '../src/nn/sine'
import { bezierAct } from '../src/nn/bezier-act'
import { kan, Kan } from '../src/nn/kan'
import { activationNames, type DType } from '../src/backend/kernels'
import type { Layer } from '../src/nn/layer'
import type { Tensor } from '../src/tensor/tensor'
import { toONNX } from '../src/export/onnx'

beforeAll(async () => { await init({ backend: 'wasm' }) })

const tolerances: Record<DType, number> = { float32: 1e-6, float64: 1e-12 }
const BATCH = 64

interface Case {
  name: string
  layers: () => Layer[]
  inputSize: number
  /** Inputs are drawn uniformly from [−span, span]. */
  span: number
  /** Adds N(0, jitter²) to every parameter, so that curves are not the near-flat or near-linear ones they start as. */
  jitter?: number
  /** Runs before the export (KAN knots following the data). */
  prepare?: (model: Sequential, x: Tensor) => void
  /** Inputs added to the drawn ones (knots, range ends). */
  extraInputs?: (model: Sequential) => number[]
  /** Only these dtypes (default both; see periodic below). */
  dtypes?: DType[]
}

// Periodic: sin(z) passes on the absolute rounding error of its argument z in full, and in float32 that error is
// ulp(|z|) ≈ |z|·6e-8 in either engine (their sums round differently): sin and cos cases keep |z| small, and SIREN's
// w0 = 30 is checked in float64 only — in float32 its argument w0·z reaches ≈ 50, where one ulp is 3.8e-6, so two
// correct float32 evaluations differ by about 1.4e-6 normwise (measured), above 1e-6.
// kan(·, ·, { grid: 5, order: 3 }) on [−1, 1] has knots on [−2.2, 2.2]: inputs in ±3 reach inside the grid, the
// extension (end polynomials continued) and beyond the knot vector (basis 0); bezierAct's [−1, 1] maps to t ∈ [0, 1]
// and inputs in ±2 reach both end tangents.
const knotsOf = (model: Sequential) => model.layers.flatMap((layer) => (layer instanceof Kan && layer.knots ? Array.from(layer.knots.data) : []))
// every layer kind in one model (its sine at w0 = 1: see periodic above)
const mixed: Case = {
  name: 'mixed: dense, gelu, kan, bezierAct, sine, dense, softmax',
  layers: () => [dense(3, 6), act('gelu'), kan(6, 4), bezierAct(4, { degree: 4 }), sine(4, 5, { w0: 1 }), dense(5, 3), act('softmax')],
  inputSize: 3, span: 2, jitter: 0.1,
}
const cases: Case[] = [
  { name: 'dense', layers: () => [dense(5, 7)], inputSize: 5, span: 2 },
  { name: 'dense without bias', layers: () => [dense(5, 3, { bias: false })], inputSize: 5, span: 2 },
  // inputs in ±8 reach the saturated tails; sin and cos take ±2 (see periodic below)
  ...[...activationNames, 'softmax' as const].map((name): Case => ({
    name: `act('${name}')`, layers: () => [dense(4, 6), act(name, { alpha: 0.2 })], inputSize: 4, span: name === 'sin' || name === 'cos' ? 2 : 8,
  })),
  { name: 'sine (w0 = 1)', layers: () => [sine(2, 16, { first: true, w0: 1 }), sine(16, 3, { w0: 1 })], inputSize: 2, span: 1 },
  { name: 'sine (SIREN, w0 = 30)', layers: () => [sine(2, 16, { first: true }), sine(16, 3)], inputSize: 2, span: 1, dtypes: ['float64'] },
  { name: 'bezierAct degree 1', layers: () => [bezierAct(3, { degree: 1 })], inputSize: 3, span: 2, jitter: 0.5, extraInputs: () => [-1, 1, -2, 2] },
  { name: 'bezierAct degree 6', layers: () => [bezierAct(3)], inputSize: 3, span: 2, jitter: 0.5, extraInputs: () => [-1, 1, 0, -2, 2] },
  { name: 'bezierAct degree 9 on [0, 4]', layers: () => [bezierAct(2, { degree: 9, range: [0, 4] })], inputSize: 2, span: 6, jitter: 1 },
  { name: 'kan (silu base, cubic)', layers: () => [kan(3, 4)], inputSize: 3, span: 3, jitter: 0.5, extraInputs: knotsOf },
  { name: 'kan (identity base, order 2, grid 7)', layers: () => [kan(2, 3, { base: 'identity', order: 2, grid: 7, range: [-2, 1] })], inputSize: 2, span: 4, jitter: 0.5, extraInputs: knotsOf },
  { name: 'kan (order 0: steps)', layers: () => [kan(2, 3, { order: 0, grid: 4 })], inputSize: 2, span: 2, jitter: 0.5, extraInputs: knotsOf },
  { name: 'kan (no base, order 1)', layers: () => [kan(2, 2, { base: 'none', order: 1 })], inputSize: 2, span: 3, jitter: 0.5, extraInputs: knotsOf },
  {
    name: 'kan after updateGrid (knots from the data, not uniform)', layers: () => [kan(3, 2, { grid: 6 })], inputSize: 3, span: 3, jitter: 0.5,
    prepare: (model, x) => model.updateGrid(x), extraInputs: knotsOf,
  },
  mixed,
]

function inputs(model: Sequential, c: Case, generator: Generator): Float64Array {
  const extra = c.extraInputs?.(model) ?? []
  const values = Float64Array.from({ length: BATCH * c.inputSize }, () => c.span * (2 * generator.uniform() - 1))
  values.set(extra.slice(0, values.length))
  return values
}

async function runOnnx(bytes: Uint8Array, dtype: DType, x: Float32Array | Float64Array, shape: number[]): Promise<Float32Array | Float64Array> {
  const session = await ort.InferenceSession.create(bytes)
  const { y } = await session.run({ x: new ort.Tensor(dtype, x, shape) })
  return y.data as Float32Array | Float64Array
}

describe.each(['float32', 'float64'] as const)('onnxruntime-node runs toONNX(model) as predict() does (%s)', (dtype) => {
  it.each(cases.filter((c) => c.dtypes?.includes(dtype) ?? true))('$name', async (c) => {
    const generator = new Generator(11)
    const model = sequential(c.layers(), { seed: 5, dtype })
    if (c.jitter) for (const p of model.parameters) p.data.set(Array.from(p.data, (v) => v + c.jitter! * generator.normal()))
    const shape = [BATCH, c.inputSize]
    c.prepare?.(model, tensor(inputs(model, c, generator), { dtype, shape }))
    const x = tensor(inputs(model, c, generator), { dtype, shape })
    const expected = model.predict(x).toArray() as number[][]
    const actual = await runOnnx(toONNX(model), dtype, x.data.slice(), shape)

    const flat = expected.flat()
    expect(actual.length).toBe(flat.length)
    const scale = Math.max(...flat.map(Math.abs))
    const error = Math.max(...flat.map((v, k) => Math.abs(actual[k] - v)))
    expect(Number.isFinite(scale) && scale > 0).toBe(true)
    expect(error).toBeLessThanOrEqual(tolerances[dtype] * scale)
  })
})

it.each([18, 19, 20, 21])('the mixed model declared at opset %i runs and gives the outputs of opset 17', async (opset) => {
  const model = sequential(mixed.layers(), { seed: 5, dtype: 'float64' })
  const shape = [BATCH, mixed.inputSize]
  const x = Float64Array.from(inputs(model, mixed, new Generator(3)))
  expect(await runOnnx(toONNX(model, { opset }), 'float64', x, shape)).toEqual(await runOnnx(toONNX(model), 'float64', x, shape))
})
