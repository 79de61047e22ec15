// Builds an ONNX graph node by node: each call adds a node or an initializer and returns the name of the
// value it makes, so an export rule reads as the formula it writes. Constants are initializers whose
// bytes are written little-endian whatever the host's byte order.
import type { DType } from '../backend/kernels'
import type { Tensor } from '../tensor/tensor'
import type { OnnxAttribute, OnnxDType, OnnxInitializer, OnnxNode } from './onnx-proto'

const byteWidths: Record<OnnxDType, number> = { float32: 4, float64: 8, int64: 8 }

function littleEndianBytes(values: ArrayLike<number>, dtype: OnnxDType): Uint8Array {
  const bytes = new Uint8Array(values.length * byteWidths[dtype])
  const view = new DataView(bytes.buffer)
  for (let k = 0; k < values.length; k++) {
    if (dtype === 'float32') view.setFloat32(4 * k, values[k], true)
    else if (dtype === 'float64') view.setFloat64(8 * k, values[k], true)
    else view.setBigInt64(8 * k, BigInt(values[k]), true)
  }
  return bytes
}

export const int = (name: string, value: number): OnnxAttribute => ({ name, kind: 'int', value })
export const ints = (name: string, value: number[]): OnnxAttribute => ({ name, kind: 'ints', value })

export class GraphBuilder {
  readonly nodes: OnnxNode[] = []
  readonly initializers: OnnxInitializer[] = []
  /** Names values, nodes and initializers after the layer being exported ('layer2.kan'). */
  prefix = 'graph'
  private counter = 0

  /** dtype: the model's, which every float constant and value takes. */
  constructor(readonly dtype: DType) {}

  private fresh(what: string): string {
    return `${this.prefix}/${what}_${this.counter++}`
  }

  /** Adds a node with one output and returns the output's name. */
  node(opType: string, inputs: string[], attributes: OnnxAttribute[] = []): string {
    const output = this.fresh(opType)
    this.nodes.push({ opType, inputs, outputs: [output], name: output, attributes })
    return output
  }

  /** An initializer of the given values, dims and dtype (default: the model's). */
  constant(values: ArrayLike<number>, dims: number[], dtype: OnnxDType = this.dtype, label = 'constant'): string {
    const size = dims.reduce((product, d) => product * d, 1)
    if (size !== values.length) throw new Error(`onnx graph: ${label} has ${values.length} values for dims [${dims.join(', ')}]`)
    const name = this.fresh(label)
    this.initializers.push({ name, dtype, dims, raw: littleEndianBytes(values, dtype) })
    return name
  }

  /** A scalar of the model's dtype (broadcasts against any shape). */
  scalar(value: number, label = 'scalar'): string {
    return this.constant([value], [], this.dtype, label)
  }

  /** A 1-D int64 initializer (shapes, axes, slice bounds, pads). */
  int64s(values: number[], label = 'ints'): string {
    return this.constant(values, [values.length], 'int64', label)
  }

  /** A parameter's current values, under the layer's prefix and the given label ('weight'). */
  weight(tensor: Tensor, label: string): string {
    return this.constant(tensor.data, [...tensor.shape], this.dtype, label)
  }
}
