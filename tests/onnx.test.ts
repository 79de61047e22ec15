// toONNX's bytes decoded by a protobuf reader (tests/support/onnx-reader.ts), in Node and in Chromium: the model's
// header, input and output, the initializers' dtypes and the parameters' bytes, float64 kept in every node; and the
// refusals. onnxruntime-node runs the same exports in tests/onnx.node.test.ts.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { sequential, type Sequential } from '../src/nn/sequential'
import { dense, type Dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { sine, type Sine } from '../src/nn/sine'
import { bezierAct } from '../src/nn/bezier-act'
import { kan } from '../src/nn/kan'
import { customLayer } from '../src/nn/layer'
import type { DType } from '../src/backend/kernels'
import type { Tensor } from '../src/tensor/tensor'
import { toONNX } from '../src/export/onnx'
import { decodeModel } from './support/onnx-reader'

beforeAll(async () => { await init() })

const dataTypes: Record<DType, number> = { float32: 1, float64: 11 }
const INT64 = 7

const mixed = (dtype: DType): Sequential =>
  sequential([dense(3, 6), act('softplus'), kan(6, 4), bezierAct(4, { degree: 3 }), sine(4, 5), dense(5, 2), act('softmax')], { seed: 3, dtype })

function littleEndian(raw: Uint8Array, dtype: DType): number[] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  const width = dtype === 'float32' ? 4 : 8
  return Array.from({ length: raw.length / width }, (_, k) => (dtype === 'float32' ? view.getFloat32(width * k, true) : view.getFloat64(width * k, true)))
}

describe.each(['float32', 'float64'] as const)('toONNX bytes decode (%s)', (dtype) => {
  let model: Sequential, decoded: ReturnType<typeof decodeModel>
  beforeAll(() => {
    model = mixed(dtype)
    decoded = decodeModel(toONNX(model))
  })

  it('declares opset 17 of the default domain, IR version 8, input "x" [batch, 3] and output "y" [batch, 2]', () => {
    expect(decoded.irVersion).toBe(8)
    expect(decoded.opsets).toEqual([{ domain: '', version: 17 }])
    expect(decoded.inputs).toEqual([{ name: 'x', elemType: dataTypes[dtype], dims: ['batch', 3] }])
    expect(decoded.outputs).toEqual([{ name: 'y', elemType: dataTypes[dtype], dims: ['batch', 2] }])
    expect(decoded.nodes[0].inputs).toContain('x')
    expect(decoded.nodes.at(-1)?.outputs).toEqual(['y'])
  })

  it('stores every parameter once, in the model dtype, with its exact values; every other initializer is int64 or the model dtype', () => {
    const others = decoded.initializers.filter((t) => t.dataType !== dataTypes[dtype])
    expect(others.map((t) => t.dataType)).toEqual(others.map(() => INT64))
    expect(new Set(decoded.initializers.map((t) => t.name)).size).toBe(decoded.initializers.length)
    for (const t of decoded.initializers) {
      const size = t.dims.reduce((product, d) => product * d, 1)
      expect(t.raw.length).toBe(size * (t.dataType === dataTypes.float32 ? 4 : 8))
    }
    // dense and sine weights and biases are stored as the layer holds them
    const stored = (label: string) => decoded.initializers.filter((t) => /\/(\w+)_\d+$/.exec(t.name)?.[1] === label)
    const weights = [model.layers[0], model.layers[4], model.layers[5]].map((layer) => (layer as Dense | Sine).weight as Tensor)
    expect(stored('weight').map((t) => t.dims)).toEqual(weights.map((weight) => weight.shape))
    expect(stored('weight').map((t) => littleEndian(t.raw, dtype))).toEqual(weights.map((weight) => Array.from(weight.data)))
    expect(stored('bias')).toHaveLength(3)
  })

  it('computes in the model dtype throughout: no cast but bool → model dtype, no operator onnxruntime lacks in float64', () => {
    const casts = decoded.nodes.filter((node) => node.opType === 'Cast')
    expect(casts.length).toBeGreaterThan(0)
    const producers = new Map(decoded.nodes.map((node) => [node.outputs[0], node.opType]))
    expect(casts.map((cast) => [producers.get(cast.inputs[0]), cast.attributes])).toEqual(casts.map(() => ['And', { to: dataTypes[dtype] }]))
    const opTypes = new Set(decoded.nodes.map((node) => node.opType))
    for (const missing of ['Softplus', 'Gelu']) expect(opTypes.has(missing)).toBe(false)
    expect(decoded.nodes.find((node) => node.opType === 'Softmax')?.attributes).toEqual({ axis: -1 })
  })
})

describe('toONNX options and refusals', () => {
  const small = () => sequential([dense(2, 3), act('tanh')], { seed: 1 })

  it.each([[17, 8], [18, 8], [19, 9], [20, 9], [21, 10]])('opset %i declares IR version %i', (opset, irVersion) => {
    const decoded = decodeModel(toONNX(small(), { opset }))
    expect(decoded.opsets).toEqual([{ domain: '', version: opset }])
    expect(decoded.irVersion).toBe(irVersion)
  })

  it('names an all-activation model\'s width "features"', () => {
    const decoded = decodeModel(toONNX(sequential([act('relu')])))
    expect(decoded.inputs[0].dims).toEqual(['batch', 'features'])
    expect(decoded.outputs[0].dims).toEqual(['batch', 'features'])
  })

  it.each([
    ['a custom layer', () => toONNX(sequential([dense(2, 2), customLayer({ forward: (x) => x })])),
      TypeError, /toONNX: layers\[1\] is kind "custom", which has no ONNX export rule; exportable are dense, sine, kan, bezierAct and act/],
    ['a custom layer named like a built-in one', () => toONNX(sequential([customLayer({ kind: 'dense', forward: (x) => x })])),
      TypeError, /layers\[0\] is a layer of kind "dense" that is not curvenet's own \(a customLayer\?\), which has no ONNX export rule/],
    ['an inherited property name as kind', () => toONNX(sequential([customLayer({ kind: 'toString', forward: (x) => x })])),
      TypeError, /layers\[0\] is kind "toString"/],
    ['opset 16', () => toONNX(small(), { opset: 16 }), RangeError, /toONNX: opset must be an integer from 17 to 21, got 16/],
    ['opset 17.5', () => toONNX(small(), { opset: 17.5 }), RangeError, /got 17.5/],
    ['opset "17"', () => toONNX(small(), { opset: '17' } as never), RangeError, /got 17/],
    ['an unknown option', () => toONNX(small(), { opsetVersion: 18 } as never), TypeError, /unknown option "opsetVersion"; known options: opset/],
    ['options that are not an object', () => toONNX(small(), 17 as never), TypeError, /^toONNX: options must be an object, got number 17$/],
    ['a layer list instead of a model', () => toONNX([dense(2, 2)] as never), TypeError, /toONNX: model must be a sequential\(\[...\]\) model, got an Array \(wrap the layers in sequential/],
  ])('refuses %s', (_, run, error, message) => {
    expect(run).toThrow(error)
    expect(run).toThrow(message)
  })
})
