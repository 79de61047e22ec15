// toONNX(model): a sequential model as the bytes of an ONNX model (onnx.ModelProto) with input "x" [batch, in] and
// output "y" [batch, out] in the model's dtype. Each layer kind has one export rule; float64 stays float64 in every
// node. Every layer is checked against the rules before any node is written, so a refusal leaves nothing behind.
import { Sequential } from '../nn/sequential'
import type { Layer } from '../nn/layer'
import { Dense } from '../nn/dense'
import { Activation } from '../nn/activation-layer'
import { Sine } from '../nn/sine'
import { BezierAct } from '../nn/bezier-act'
import { Kan } from '../nn/kan'
import { symbolicEdgesNamed } from '../nn/kan-symbolic'
import { GraphBuilder } from './graph'
import { encodeModel } from './onnx-proto'
import { writeActivation } from './activation'
import { writeDense, writeSine } from './dense'
import { writeBezierAct } from './bezier-act'
import { writeKan } from './kan'
import { checkOptions } from '../check/names'

export interface ToOnnxOptions {
  /** The ONNX operator set to declare, 17…21 (default 17); every node used means the same in all of them. */
  opset?: number
}

/** The IR version each opset was released with (onnx's versioning table): the oldest an engine must read. */
const irVersions: Record<number, number> = { 17: 8, 18: 8, 19: 9, 20: 9, 21: 10 }
const DEFAULT_OPSET = 17

interface ExportRule<L extends Layer> {
  layerClass: abstract new (...args: never[]) => L
  /** The layer's input and output widths; undefined keeps the width it is given (activations). */
  inputSize(layer: L): number | undefined
  outputSize(layer: L): number | undefined
  write(graph: GraphBuilder, layer: L, x: string): string
}

const rule = <L extends Layer>(r: ExportRule<L>): ExportRule<Layer> => r as unknown as ExportRule<Layer>
const sized = { inputSize: (layer: { inputSize: number }) => layer.inputSize, outputSize: (layer: { outputSize: number }) => layer.outputSize }

const rules: Record<string, ExportRule<Layer>> = {
  dense: rule<Dense>({ layerClass: Dense, ...sized, write: writeDense }),
  sine: rule<Sine>({ layerClass: Sine, ...sized, write: writeSine }),
  kan: rule<Kan>({ layerClass: Kan, ...sized, write: writeKan }),
  activation: rule<Activation>({
    layerClass: Activation, inputSize: () => undefined, outputSize: () => undefined,
    write: (graph, layer: Activation, x) => writeActivation(graph, layer.activationName, x, layer.alpha),
  }),
  bezierAct: rule<BezierAct>({ layerClass: BezierAct, inputSize: (layer) => layer.width, outputSize: (layer) => layer.width, write: writeBezierAct }),
}

const exportable = 'dense, sine, kan, bezierAct and act(…) layers'

function ruleFor(layer: Layer, index: number): ExportRule<Layer> {
  const found = Object.hasOwn(rules, layer.kind) ? rules[layer.kind] : undefined
  if (!found || !(layer instanceof found.layerClass)) {
    const what = found ? `a layer of kind ${JSON.stringify(layer.kind)} that is not curvenet's own (a customLayer?)` : `kind ${JSON.stringify(layer.kind)}`
    throw new TypeError(`toONNX: layers[${index}] is ${what}, which has no ONNX export rule; exportable are ${exportable}`)
  }
  if (layer instanceof Kan && layer.symbolic.length > 0) throw new TypeError(`toONNX: layers[${index}] (kan) has ${symbolicEdgesNamed(layer)}, which have no ONNX export rule; export before fixSymbolic/autoSymbolic, or write formula(model)`)
  return found
}

function checkOpset(options: unknown): number {
  const opset = checkOptions('toONNX', options, ['opset']).opset ?? DEFAULT_OPSET
  if (typeof opset !== 'number' || !Object.hasOwn(irVersions, opset)) throw new RangeError(`toONNX: opset must be an integer from 17 to 21, got ${String(opset)}`)
  return opset
}

export function toONNX(model: Sequential, options?: ToOnnxOptions): Uint8Array {
  if (!(model instanceof Sequential)) {
    throw new TypeError(`toONNX: model must be a sequential([...]) model, got ${Array.isArray(model) ? 'an Array (wrap the layers in sequential(…))' : model === null ? 'null' : typeof model}`)
  }
  const opset = checkOpset(options)
  const chosen = model.layers.map((layer, i) => ({ layer, rule: ruleFor(layer, i) }))
  const sizes = (side: 'inputSize' | 'outputSize', order: typeof chosen) => order.map(({ layer, rule }) => rule[side](layer)).find((size) => size !== undefined)
  const inputSize = sizes('inputSize', chosen) ?? 'features'
  const outputSize = sizes('outputSize', [...chosen].reverse()) ?? inputSize

  const graph = new GraphBuilder(model.dtype)
  let value = 'x'
  chosen.forEach(({ layer, rule }, i) => {
    graph.prefix = `layer${i}.${layer.kind}`
    value = rule.write(graph, layer, value)
  })
  graph.nodes.push({ opType: 'Identity', inputs: [value], outputs: ['y'], name: 'output', attributes: [] })
  return encodeModel({
    irVersion: irVersions[opset], opset, producerName: 'curvenet',
    graph: {
      name: 'curvenet', nodes: graph.nodes, initializers: graph.initializers,
      inputs: [{ name: 'x', dtype: model.dtype, dims: ['batch', inputSize] }],
      outputs: [{ name: 'y', dtype: model.dtype, dims: ['batch', outputSize] }],
    },
  })
}
