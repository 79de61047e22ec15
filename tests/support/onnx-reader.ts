// A protobuf reader for the tests, and the parts of onnx.ModelProto the exporter writes, so that the bytes of
// toONNX can be checked in any environment (onnxruntime-node runs in Node only). Field numbers from onnx/onnx.proto.

type FieldValue = bigint | Uint8Array
type Message = Map<number, FieldValue[]>

/** Reads varints from `bytes` starting at `at`, moving `at` past each one. */
class Cursor {
  at = 0
  constructor(readonly bytes: Uint8Array) {}
  get done(): boolean { return this.at >= this.bytes.length }
  varint(): bigint {
    let value = 0n, shift = 0n
    for (;;) {
      const byte = this.bytes[this.at++]
      if (byte === undefined) throw new Error('protobuf: truncated varint')
      value |= BigInt(byte & 0x7f) << shift
      if (byte < 0x80) return value
      shift += 7n
    }
  }
}

/** Every field of one message by number, in order: varints as bigint, length-delimited fields as bytes. */
export function readMessage(bytes: Uint8Array): Message {
  const fields: Message = new Map()
  const cursor = new Cursor(bytes)
  while (!cursor.done) {
    const tag = Number(cursor.varint()), field = tag >> 3, wireType = tag & 7
    let value: FieldValue
    if (wireType === 0) value = cursor.varint()
    else if (wireType === 2) {
      const length = Number(cursor.varint())
      if (cursor.at + length > bytes.length) throw new Error(`protobuf: field ${field} runs past the end`)
      value = bytes.subarray(cursor.at, cursor.at + length)
      cursor.at += length
    } else throw new Error(`protobuf: unexpected wire type ${wireType} in field ${field}`)
    fields.set(field, [...(fields.get(field) ?? []), value])
  }
  return fields
}

const all = (message: Message, field: number) => message.get(field) ?? []
const one = (message: Message, field: number) => all(message, field)[0]
const text = (value: FieldValue | undefined) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : '')
const int = (value: FieldValue | undefined) => (typeof value === 'bigint' ? Number(BigInt.asIntN(64, value)) : 0)
const nested = (value: FieldValue | undefined) => readMessage(value instanceof Uint8Array ? value : new Uint8Array())

function packedIntegers(value: FieldValue | undefined): number[] {
  const cursor = new Cursor(value instanceof Uint8Array ? value : new Uint8Array())
  const values: number[] = []
  while (!cursor.done) values.push(int(cursor.varint()))
  return values
}

export interface DecodedValueInfo { name: string; elemType: number; dims: (number | string)[] }
export interface DecodedModel {
  irVersion: number
  opsets: { domain: string; version: number }[]
  nodes: { opType: string; inputs: string[]; outputs: string[]; attributes: Record<string, number | number[]> }[]
  initializers: { name: string; dataType: number; dims: number[]; raw: Uint8Array }[]
  inputs: DecodedValueInfo[]
  outputs: DecodedValueInfo[]
}

function valueInfo(message: Message): DecodedValueInfo {
  const tensorType = nested(one(nested(one(message, 2)), 1))
  const dims = all(nested(one(tensorType, 2)), 1).map((d) => {
    const dimension = nested(d)
    return dimension.has(2) ? text(one(dimension, 2)) : int(one(dimension, 1))
  })
  return { name: text(one(message, 1)), elemType: int(one(tensorType, 1)), dims }
}

export function decodeModel(bytes: Uint8Array): DecodedModel {
  const model = readMessage(bytes)
  const graph = nested(one(model, 7))
  return {
    irVersion: int(one(model, 1)),
    opsets: all(model, 8).map(nested).map((o) => ({ domain: text(one(o, 1)), version: int(one(o, 2)) })),
    nodes: all(graph, 1).map(nested).map((node) => ({
      opType: text(one(node, 4)),
      inputs: all(node, 1).map(text),
      outputs: all(node, 2).map(text),
      attributes: Object.fromEntries(all(node, 5).map(nested).map((a) => [text(one(a, 1)), a.has(8) ? packedIntegers(one(a, 8)) : int(one(a, 3))])),
    })),
    initializers: all(graph, 5).map(nested).map((t) => ({
      name: text(one(t, 8)), dataType: int(one(t, 2)), dims: packedIntegers(one(t, 1)),
      raw: one(t, 9) instanceof Uint8Array ? (one(t, 9) as Uint8Array) : new Uint8Array(),
    })),
    inputs: all(graph, 11).map(nested).map(valueInfo),
    outputs: all(graph, 12).map(nested).map(valueInfo),
  }
}
