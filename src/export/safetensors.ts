// toSafetensors(model) and fromSafetensors(bytes, model): a model's weights in Hugging Face's safetensors format — an
// 8-byte little-endian header length, a JSON header { name: { dtype, shape, data_offsets } , __metadata__ }, then the raw
// little-endian tensors — named and laid out as PyTorch holds them, so `safetensors.torch.load_file` (or the 40 lines of
// Python that parse the format by hand) gives a state_dict:
//   dense, sine: layers.{l}.weight [out, in] (nn.Linear's layout: curvenet's [in, out] transposed) and layers.{l}.bias;
//   kan: efficient-kan's KANLinear — layers.{l}.base_weight [out, in] (baseScale), spline_weight [out, in, grid + order]
//   (coefficients), spline_scaler [out, in] (splineScale), grid [in, grid + 2·order + 1] (the knots);
//   bezierAct: layers.{l}.coefficients [width, degree + 1].
// The metadata holds the model's JSON without its weights (`curvenet_model`), which says what the names cannot (w0,
// a KAN's base and outside rule). Loading checks every name, dtype and shape against the model before it writes a thing.
import { Sequential } from '../nn/sequential'
import type { Tensor } from '../tensor/tensor'
import { Kan } from '../nn/kan'
import { symbolicEdgesNamed } from '../nn/kan-symbolic'
import { checkBsplineKnots } from '../backend/validate-checks'

type Entry = { name: string; tensor: Tensor; shape: number[]; transpose: boolean }

/** Where each parameter of a layer goes, in PyTorch's names and layouts. */
function entriesOf(model: Sequential, where: string): Entry[] {
  const entries: Entry[] = []
  model.layers.forEach((layer, l) => {
    const name = (suffix: string) => `layers.${l}.${suffix}`
    const params = layer.parameters
    if (layer.kind === 'dense' || layer.kind === 'sine') {
      const [weight, bias] = params
      entries.push({ name: name('weight'), tensor: weight, shape: [weight.shape[1], weight.shape[0]], transpose: true })
      if (bias) entries.push({ name: name('bias'), tensor: bias, shape: [...bias.shape], transpose: false })
    } else if (layer instanceof Kan) {
      if (layer.symbolic.length > 0) throw new TypeError(`${where}: layers[${l}] (kan) has ${symbolicEdgesNamed(layer)}, which efficient-kan's layout cannot hold; save with toJSON()`)
      const { knots, coefficients, splineScale, baseScale } = layer.weights
      entries.push({ name: name('spline_weight'), tensor: coefficients, shape: [...coefficients.shape], transpose: false })
      entries.push({ name: name('spline_scaler'), tensor: splineScale, shape: [...splineScale.shape], transpose: false })
      if (baseScale) entries.push({ name: name('base_weight'), tensor: baseScale, shape: [...baseScale.shape], transpose: false })
      entries.push({ name: name('grid'), tensor: knots, shape: [...knots.shape], transpose: false })
    } else if (layer.kind === 'bezierAct') {
      entries.push({ name: name('coefficients'), tensor: params[0], shape: [...params[0].shape], transpose: false })
    } else if (params.length > 0) {
      throw new TypeError(`${where}: layers[${l}] is of kind ${JSON.stringify(layer.kind)}, which has no safetensors layout (dense, sine, kan, bezierAct and act(…) have)`)
    }
  })
  return entries
}

const dtypeName = (dtype: string) => (dtype === 'float32' ? 'F32' : 'F64')

export function toSafetensors(model: Sequential): Uint8Array<ArrayBuffer> {
  const where = 'toSafetensors'
  if (!(model instanceof Sequential)) throw new TypeError(`${where}: model must be a sequential([...]) model`)
  const entries = entriesOf(model, where)
  const width = model.dtype === 'float32' ? 4 : 8
  const header: Record<string, unknown> = {}
  let offset = 0
  for (const entry of entries) {
    const bytes = entry.tensor.size * width
    header[entry.name] = { dtype: dtypeName(model.dtype), shape: entry.shape, data_offsets: [offset, offset + bytes] }
    offset += bytes
  }
  const json = model.toJSON()
  const withoutWeights = { ...json, layers: json.layers.map((layer) => ({ kind: layer.kind, config: layer.config })) }
  header.__metadata__ = { format: 'pt', curvenet_model: JSON.stringify(withoutWeights) }
  let text = JSON.stringify(header)
  text += ' '.repeat((8 - ((new TextEncoder().encode(text).length) % 8)) % 8)   // the data starts 8-byte aligned
  const headerBytes = new TextEncoder().encode(text)
  const out = new Uint8Array(8 + headerBytes.length + offset)
  const view = new DataView(out.buffer)
  view.setBigUint64(0, BigInt(headerBytes.length), true)
  out.set(headerBytes, 8)
  let at = 8 + headerBytes.length
  for (const entry of entries) {
    const data = entry.tensor.data, [rows, columns] = entry.tensor.shape
    for (let k = 0; k < entry.tensor.size; k++) {
      // a transposed entry: element k of [columns, rows] is data[(k % rows)·columns + ⌊k / rows⌋]
      const value = entry.transpose ? data[(k % rows) * columns + Math.floor(k / rows)] : data[k]
      if (width === 4) view.setFloat32(at, value, true)
      else view.setFloat64(at, value, true)
      at += width
    }
  }
  return out
}

/** The largest header accepted: a header is names and shapes, kilobytes even for big models. */
const MAX_HEADER_BYTES = 16 << 20

/**
 * Loads weights saved by toSafetensors — or trained in PyTorch in the same layout — into `model` (the same layers).
 * Every tensor the model needs must be present with its dtype and shape (KAN knots also non-decreasing and finite);
 * an extra tensor is refused too. Nothing is written until all of that is checked.
 */
export function fromSafetensors(bytes: Uint8Array, model: Sequential): void {
  const where = 'fromSafetensors'
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${where}: bytes must be a Uint8Array, got ${bytes === null ? 'null' : typeof bytes}`)
  if (!(model instanceof Sequential)) throw new TypeError(`${where}: model must be a sequential([...]) model`)
  if (bytes.length < 8) throw new RangeError(`${where}: ${bytes.length} bytes cannot hold the 8-byte header length`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = Number(view.getBigUint64(0, true))
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.length) {
    throw new RangeError(`${where}: the header says it is ${headerLength} bytes; the file has ${bytes.length - 8} after the length (at most ${MAX_HEADER_BYTES} accepted)`)
  }
  let header: Record<string, unknown>
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)))
  } catch (error) {
    throw new TypeError(`${where}: the header is not UTF-8 JSON (${(error as Error).message})`)
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new TypeError(`${where}: the header must be a JSON object`)
  const dataStart = 8 + headerLength, dataLength = bytes.length - dataStart
  const entries = entriesOf(model, where)
  const expected = new Set(entries.map((entry) => entry.name))
  const extra = Object.keys(header).filter((name) => name !== '__metadata__' && !expected.has(name))
  if (extra.length > 0) throw new TypeError(`${where}: the file holds ${extra.map((n) => JSON.stringify(n)).join(', ')}, which this model has no place for (it needs ${[...expected].join(', ')})`)
  const width = model.dtype === 'float32' ? 4 : 8
  const reads = entries.map((entry) => {
    const info = Object.hasOwn(header, entry.name) ? header[entry.name] as Record<string, unknown> : undefined
    if (!info || typeof info !== 'object') throw new TypeError(`${where}: the file has no ${JSON.stringify(entry.name)} (${dtypeName(model.dtype)} ${JSON.stringify(entry.shape)})`)
    if (info.dtype !== dtypeName(model.dtype)) throw new TypeError(`${where}: ${entry.name} is ${JSON.stringify(info.dtype)}; the model is ${model.dtype} (${dtypeName(model.dtype)}), and a dtype is never converted silently`)
    if (JSON.stringify(info.shape) !== JSON.stringify(entry.shape)) throw new RangeError(`${where}: ${entry.name} has shape ${JSON.stringify(info.shape)}; the model needs ${JSON.stringify(entry.shape)}`)
    const offsets = info.data_offsets
    const size = entry.tensor.size * width
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(Number.isSafeInteger) || offsets[0] < 0 || offsets[1] - offsets[0] !== size || offsets[1] > dataLength) {
      throw new RangeError(`${where}: ${entry.name}'s data_offsets ${JSON.stringify(offsets)} do not hold its ${size} bytes within the file's ${dataLength} data bytes`)
    }
    const values = new Float64Array(entry.tensor.size)
    for (let k = 0; k < values.length; k++) {
      const at = dataStart + offsets[0] + k * width
      values[k] = width === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true)
    }
    return { entry, values }
  })
  model.layers.forEach((layer, l) => {
    if (!(layer instanceof Kan)) return
    const grid = reads.find((read) => read.entry.name === `layers.${l}.grid`)!
    const knotCount = grid.entry.shape[1]
    for (let i = 0; i < grid.entry.shape[0]; i++) checkBsplineKnots(`${where}: layers.${l}.grid row ${i}`, grid.values.subarray(i * knotCount, (i + 1) * knotCount), knotCount, layer.order)
  })
  // all checked: write
  for (const { entry, values } of reads) {
    const data = entry.tensor.data, [rows, columns] = entry.tensor.shape
    for (let k = 0; k < values.length; k++) {
      if (entry.transpose) data[(k % rows) * columns + Math.floor(k / rows)] = values[k]
      else data[k] = values[k]
    }
  }
  model.layers.forEach((layer) => { if (layer instanceof Kan) layer.setKnots(layer.knots!) })   // `uniform` follows the new knots
}
