// An ONNX model as plain data and its encoding as an onnx.ModelProto (field numbers from onnx/onnx.proto:
// ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto).
import { ProtoWriter } from './protobuf'

export type OnnxDType = 'float32' | 'float64' | 'int64'

/** TensorProto.DataType codes. */
export const onnxDataTypes: Record<OnnxDType, number> = { float32: 1, int64: 7, float64: 11 }

export interface OnnxInitializer {
  name: string
  dtype: OnnxDType
  dims: number[]
  /** The values' little-endian bytes (TensorProto.raw_data). */
  raw: Uint8Array
}

export type OnnxAttribute =
  | { name: string; kind: 'int'; value: number }
  | { name: string; kind: 'ints'; value: number[] }

export interface OnnxNode {
  opType: string
  inputs: string[]
  outputs: string[]
  name: string
  attributes: OnnxAttribute[]
}

export interface OnnxValueInfo {
  name: string
  dtype: OnnxDType
  /** A number is a fixed size, a string a named dynamic dimension ('batch'). */
  dims: (number | string)[]
}

export interface OnnxModel {
  irVersion: number
  opset: number
  producerName: string
  graph: {
    name: string
    nodes: OnnxNode[]
    initializers: OnnxInitializer[]
    inputs: OnnxValueInfo[]
    outputs: OnnxValueInfo[]
  }
}

/** AttributeProto.AttributeType codes. */
const attributeTypes = { int: 2, ints: 7 } as const

function writeAttribute(writer: ProtoWriter, attribute: OnnxAttribute): void {
  writer.string(1, attribute.name)
  if (attribute.kind === 'ints') writer.packedIntegers(8, attribute.value)
  else writer.integer(3, attribute.value)
  writer.integer(20, attributeTypes[attribute.kind])
}

function writeNode(writer: ProtoWriter, node: OnnxNode): void {
  for (const input of node.inputs) writer.string(1, input)
  for (const output of node.outputs) writer.string(2, output)
  writer.string(3, node.name)
  writer.string(4, node.opType)
  for (const attribute of node.attributes) writer.message(5, (w) => writeAttribute(w, attribute))
}

function writeInitializer(writer: ProtoWriter, tensor: OnnxInitializer): void {
  writer.packedIntegers(1, tensor.dims)
  writer.integer(2, onnxDataTypes[tensor.dtype])
  writer.string(8, tensor.name)
  writer.bytesField(9, tensor.raw)
}

function writeValueInfo(writer: ProtoWriter, value: OnnxValueInfo): void {
  writer.string(1, value.name)
  writer.message(2, (type) => type.message(1, (tensorType) => {
    tensorType.integer(1, onnxDataTypes[value.dtype])
    tensorType.message(2, (shape) => {
      for (const dim of value.dims) {
        shape.message(1, (dimension) => (typeof dim === 'number' ? dimension.integer(1, dim) : dimension.string(2, dim)))
      }
    })
  }))
}

export function encodeModel(model: OnnxModel): Uint8Array {
  const writer = new ProtoWriter()
  writer.integer(1, model.irVersion)
  writer.string(2, model.producerName)
  writer.message(7, (graph) => {
    for (const node of model.graph.nodes) graph.message(1, (w) => writeNode(w, node))
    graph.string(2, model.graph.name)
    for (const initializer of model.graph.initializers) graph.message(5, (w) => writeInitializer(w, initializer))
    for (const input of model.graph.inputs) graph.message(11, (w) => writeValueInfo(w, input))
    for (const output of model.graph.outputs) graph.message(12, (w) => writeValueInfo(w, output))
  })
  writer.message(8, (opset) => opset.string(1, '').integer(2, model.opset))
  return writer.finish()
}
