// fromJSON trusts no size a file declares: every weight is decoded and checked against the shapes its layer declares
// (from the config alone) before any layer is built, so a tiny file claiming a huge layer is refused at once and the
// wasm memory does not grow.
import { beforeAll, describe, expect, it } from 'vitest'
import { init, runtime } from '../src/init'
import { sequential, modelFromJSON } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { kan, type Kan } from '../src/nn/kan'
import { sine } from '../src/nn/sine'
import { bezierAct } from '../src/nn/bezier-act'
import { act } from '../src/nn/activation-layer'
import type { WasmBackend } from '../src/backend/wasm/index'

const tiny = { dtype: 'float32', length: 1, base64: 'AAAAAA==' }
const header = { format: 'curvenet-model', version: 1, seed: 0, dtype: 'float32' }
const hugeLayers: [string, Record<string, unknown>][] = [
  ['dense', { inputSize: 20000, outputSize: 20000, bias: true, init: 'glorotUniform' }],
  ['sine', { inputSize: 20000, outputSize: 20000, w0: 30, first: false }],
  ['kan', { inputSize: 2000, outputSize: 2000, grid: 1000, order: 3, range: [-1, 1], base: 'silu', gridEps: 0.8, noise: 0.1 }],
  ['bezierAct', { width: 10_000_000, degree: 6, range: [-1, 1] }],
]

describe('fromJSON bounds declared sizes by the weights present', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })
  const memoryBytes = () => (runtime().backend as WasmBackend).memory.buffer.byteLength

  it.each(hugeLayers)('a %s declared huge with no weights is refused before anything is allocated', (kind, config) => {
    const before = memoryBytes()
    expect(() => modelFromJSON({ ...header, layers: [{ kind, config, parameters: [] }] }))
      .toThrow(new RegExp(`^fromJSON: layers\\[0\\] \\(${kind}\\) needs \\d parameter tensors, the JSON has 0$`))
    expect(memoryBytes()).toBe(before)
  })

  it.each(hugeLayers)('a %s whose parameters claim the huge shape over one value is refused before anything is allocated', (kind, config) => {
    const before = memoryBytes()
    const shapes: Record<string, number[][]> = {
      dense: [[20000, 20000], [20000]], sine: [[20000, 20000], [20000]], kan: [[2000, 2000, 1003], [2000, 2000], [2000, 2000]], bezierAct: [[10_000_000, 7]],
    }
    const parameters = shapes[kind].map((shape) => ({ shape, values: tiny }))
    expect(() => modelFromJSON({ ...header, layers: [{ kind, config, parameters }] }))
      .toThrow(/^fromJSON: layers\[0\]\.parameters\[0\] holds 1 values; its shape \[[\d,]+\] needs \d+$/)
    expect(memoryBytes()).toBe(before)
  })

  it('refuses a shape other than the config makes, naming both', () => {
    const json = sequential([dense(2, 3)]).toJSON()
    json.layers[0].parameters[0].shape = [3, 2]
    expect(() => modelFromJSON(json)).toThrow(/^fromJSON: layers\[0\]\.parameters\[0\] has shape \[3,2\], the layer needs \[2,3\]$/)
    json.layers[0].parameters[0].shape = [2, -3] as number[]
    expect(() => modelFromJSON(json)).toThrow(/^fromJSON: layers\[0\]\.parameters\[0\]\.shape must be an array of sizes, got \[2,-3\]$/)
  })

  it('still round-trips every built-in layer kind bit for bit', () => {
    const model = sequential([sine(2, 4, { first: true }), bezierAct(4), dense(4, 3), act('tanh'), kan(3, 1, { grid: 4 })], { seed: 3, dtype: 'float64' })
    const restored = modelFromJSON(JSON.stringify(model.toJSON()))
    expect(restored.parameters.map((p) => Array.from(p.data))).toEqual(model.parameters.map((p) => Array.from(p.data)))
  })
})

describe('fromJSON checks KAN knots when it reads them', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it.each([
    ['reversed', (knots: Float64Array) => knots.reverse(), /^fromJSON: kan config\.knots of input 1: knots must be non-decreasing, but knots\[0\] = [\d.]+ > knots\[1\] = /],
    ['NaN', (knots: Float64Array) => { knots[3] = NaN }, /^fromJSON: kan config\.knots of input 1: knots\[3\] must be finite, got NaN$/],
  ])('refuses %s knots instead of failing at predict time', (_, spoil, message) => {
    const model = sequential([kan(2, 1, { grid: 3 })], { seed: 1, dtype: 'float64' })
    const json = model.toJSON()
    const config = json.layers[0].config as { knots: { base64: string; length: number; dtype: 'float64' } }
    const knots = Float64Array.from((model.layers[0] as Kan).knots!.data)
    const second = knots.subarray(knots.length / 2)
    spoil(second)
    const bytes = new Uint8Array(knots.buffer)
    config.knots = { ...config.knots, base64: btoa(String.fromCharCode(...bytes)) }
    expect(() => modelFromJSON(json)).toThrow(message)
  })
})
