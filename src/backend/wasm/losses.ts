// Thin wrappers over assembly/losses.ts: typed-array views on the wasm memory → byte offsets; a loss comes
// back as the export's f32/f64 result (already rounded to the dtype).
import type { Kernels } from '../kernels'
import type { WasmContext } from './context'

export function lossKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'softmax' | 'mseLoss' | 'bceWithLogitsLoss' | 'softmaxCrossEntropyLoss' | 'softmaxCrossEntropySparseLoss'> {
  return {
    softmax: (out, x, rows, cols) => { (out instanceof Float32Array ? wasm.softmaxF32 : wasm.softmaxF64)(out.byteOffset, x.byteOffset, rows, cols) },
    mseLoss: (grad, pred, target, n) =>
      (grad instanceof Float32Array ? wasm.mseLossF32 : wasm.mseLossF64)(grad.byteOffset, pred.byteOffset, target.byteOffset, n),
    bceWithLogitsLoss: (grad, logits, target, n) =>
      (grad instanceof Float32Array ? wasm.bceWithLogitsLossF32 : wasm.bceWithLogitsLossF64)(grad.byteOffset, logits.byteOffset, target.byteOffset, n),
    softmaxCrossEntropyLoss: (grad, logits, target, rows, cols) =>
      (grad instanceof Float32Array ? wasm.softmaxCrossEntropyLossF32 : wasm.softmaxCrossEntropyLossF64)(
        grad.byteOffset, logits.byteOffset, target.byteOffset, rows, cols),
    softmaxCrossEntropySparseLoss: (grad, logits, labels, rows, cols) =>
      (grad instanceof Float32Array ? wasm.softmaxCrossEntropySparseLossF32 : wasm.softmaxCrossEntropySparseLossF64)(
        grad.byteOffset, logits.byteOffset, labels.byteOffset, rows, cols),
  }
}
