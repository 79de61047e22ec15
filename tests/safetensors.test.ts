// toSafetensors / fromSafetensors: the safetensors format read back by an independent parser in this file (PyTorch's
// names and layouts: nn.Linear's weight [out, in], efficient-kan's KANLinear names), a bit-exact round trip into another
// model of the same layers, and every mismatch refused before anything is written.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor } from '../src/tensor/create'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { kan, type Kan } from '../src/nn/kan'
import { sine } from '../src/nn/sine'
import { bezierAct } from '../src/nn/bezier-act'
import { toSafetensors, fromSafetensors } from '../src/export/safetensors'
import { sameBits } from './support/oracle'

/** The format by its specification: u64 LE header length, JSON header, raw little-endian data. */
function parse(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const length = Number(view.getBigUint64(0, true))
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)))
  const read = (name: string) => {
    const { dtype, shape, data_offsets: [begin, end] } = header[name]
    const width = dtype === 'F32' ? 4 : 8
    return { shape, values: Array.from({ length: (end - begin) / width }, (_, k) => (width === 4 ? view.getFloat32(8 + length + begin + 4 * k, true) : view.getFloat64(8 + length + begin + 8 * k, true))) }
  }
  return { length, header, read }
}

const layers = () => [sine(2, 4, { first: true }), dense(4, 3), act('tanh'), kan(3, 2, { grid: 4 }), bezierAct(2, { degree: 3 })]
const x = (dtype: 'float32' | 'float64') => tensor([[0.1, -0.4], [0.7, 0.2], [-0.9, 0.5]], { dtype })

describe('safetensors', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it.each(['float32', 'float64'] as const)('%s: PyTorch\'s names, layouts and dtype, data 8-byte aligned, the model config in the metadata', (dtype) => {
    const model = sequential(layers(), { seed: 1, dtype })
    const { length, header, read } = parse(toSafetensors(model))
    expect(length % 8).toBe(0)
    expect(Object.keys(header).sort()).toEqual(['__metadata__', 'layers.0.bias', 'layers.0.weight', 'layers.1.bias', 'layers.1.weight',
      'layers.3.base_weight', 'layers.3.grid', 'layers.3.spline_scaler', 'layers.3.spline_weight', 'layers.4.coefficients'].sort())
    expect(header['layers.1.weight'].dtype).toBe(dtype === 'float32' ? 'F32' : 'F64')
    const weight = read('layers.1.weight'), ours = model.layers[1].parameters[0]
    expect(weight.shape).toEqual([3, 4])   // nn.Linear: [out, in]
    for (let o = 0; o < 3; o++) for (let i = 0; i < 4; i++) expect(weight.values[o * 4 + i]).toBe(ours.data[i * 3 + o])
    const kanLayer = model.layers[3] as Kan
    expect(read('layers.3.spline_weight').shape).toEqual([2, 3, 4 + 3])
    expect(read('layers.3.grid').values).toEqual(Array.from(kanLayer.knots!.data))
    expect(read('layers.3.spline_scaler').values).toEqual(Array.from(kanLayer.splineScale!.data))
    expect(JSON.parse(header.__metadata__.curvenet_model).layers.map((layer: { kind: string }) => layer.kind)).toEqual(['sine', 'dense', 'activation', 'kan', 'bezierAct'])
  })

  it.each(['float32', 'float64'] as const)('%s: loads into another model of the same layers bit for bit', (dtype) => {
    const trained = sequential(layers(), { seed: 1, dtype }), fresh = sequential(layers(), { seed: 99, dtype })
    fromSafetensors(toSafetensors(trained), fresh)
    fresh.parameters.forEach((p, k) => expect(sameBits(p.data, trained.parameters[k].data)).toBe(true))
    expect(sameBits((fresh.layers[3] as Kan).knots!.data, (trained.layers[3] as Kan).knots!.data)).toBe(true)
    expect(sameBits(fresh.predict(x(dtype)).data.slice(), trained.predict(x(dtype)).data.slice())).toBe(true)
  })

  const spoil = (edit: (header: Record<string, any>) => void, data?: (bytes: Uint8Array, at: number) => void) => {
    const bytes = toSafetensors(sequential(layers(), { seed: 1, dtype: 'float64' }))
    const { length, header } = parse(bytes)
    edit(header)
    let text = JSON.stringify(header)
    text += ' '.repeat((8 - (text.length % 8)) % 8)
    const headerBytes = new TextEncoder().encode(text)
    const out = new Uint8Array(8 + headerBytes.length + bytes.length - 8 - length)
    new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true)
    out.set(headerBytes, 8)
    out.set(bytes.subarray(8 + length), 8 + headerBytes.length)
    data?.(out, 8 + headerBytes.length)
    return out
  }

  it.each([
    ['a float32 file for a float64 model', () => spoil((h) => { h['layers.1.weight'].dtype = 'F32' }), TypeError, /^fromSafetensors: layers\.1\.weight is "F32"; the model is float64/],
    ['a shape the model does not have', () => spoil((h) => { h['layers.1.weight'].shape = [4, 3] }), RangeError, /^fromSafetensors: layers\.1\.weight has shape \[4,3\]; the model needs \[3,4\]$/],
    ['a missing tensor', () => spoil((h) => { delete h['layers.3.grid'] }), TypeError, /^fromSafetensors: the file has no "layers\.3\.grid"/],
    ['an extra tensor', () => spoil((h) => { h['layers.9.weight'] = h['layers.1.weight'] }), TypeError, /^fromSafetensors: the file holds "layers\.9\.weight", which this model has no place for/],
    ['offsets past the data', () => spoil((h) => { h['layers.1.bias'].data_offsets = [1e6, 1e6 + 24] }), RangeError, /data_offsets \[1000000,1000024\] do not hold its 24 bytes/],
    ['reversed KAN knots', () => spoil(() => {}, (bytes, start) => {
      const { header } = parse(bytes)
      new DataView(bytes.buffer).setFloat64(start + header['layers.3.grid'].data_offsets[0], 1e9, true)
    }), RangeError, /^fromSafetensors: layers\.3\.grid row 0: knots must be non-decreasing/],
    ['a header longer than the file', () => { const b = new Uint8Array(16); new DataView(b.buffer).setBigUint64(0, 1000n, true); return b }, RangeError, /^fromSafetensors: the header says it is 1000 bytes; the file has 8 after the length/],
  ])('refuses %s, the model unchanged', (_, make, errorClass, message) => {
    const model = sequential(layers(), { seed: 5, dtype: 'float64' })
    const before = model.parameters.map((p) => p.data.slice())
    const bytes = make()
    expect(() => fromSafetensors(bytes, model)).toThrow(errorClass)
    expect(() => fromSafetensors(bytes, model)).toThrow(message)
    model.parameters.forEach((p, k) => expect(sameBits(p.data, before[k])).toBe(true))
  })
})
