// Thin wrappers over assembly/losses.ts: typed-array views on the wasm memory → byte offsets; a loss comes
// back as the export's f32/f64 result (already rounded to the dtype). Softmax is split over threads by rows; a loss sums
// over every element, so it stays on the calling thread.
import type { Kernels } from '../kernels'
import { byDtype, elementAt as at, type WasmContext } from './context'

/** Estimated ns per softmax element on one thread (an exp and a division). */
const NS_PER_ELEMENT = 2

export function lossKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'softmax' | 'mseLoss' | 'bceWithLogitsLoss' | 'softmaxCrossEntropyLoss' | 'softmaxCrossEntropySparseLoss'> {
  const softmax = byDtype(wasm.softmaxF32, wasm.softmaxF64)
  const mseLoss = byDtype(wasm.mseLossF32, wasm.mseLossF64)
  const bceWithLogitsLoss = byDtype(wasm.bceWithLogitsLossF32, wasm.bceWithLogitsLossF64)
  const crossEntropy = byDtype(wasm.softmaxCrossEntropyLossF32, wasm.softmaxCrossEntropyLossF64)
  const sparseCrossEntropy = byDtype(wasm.softmaxCrossEntropySparseLossF32, wasm.softmaxCrossEntropySparseLossF64)
  return {
    softmax: (out, x, rows, cols) => {
      threads.split(softmax(out), rows, 1, rows * cols * NS_PER_ELEMENT, (first, count) => [at(out, first * cols), at(x, first * cols), count, cols])
    },
    mseLoss: (grad, pred, target, n) => mseLoss(grad)(grad.byteOffset, pred.byteOffset, target.byteOffset, n),
    bceWithLogitsLoss: (grad, logits, target, n) => bceWithLogitsLoss(grad)(grad.byteOffset, logits.byteOffset, target.byteOffset, n),
    softmaxCrossEntropyLoss: (grad, logits, target, rows, cols) =>
      crossEntropy(grad)(grad.byteOffset, logits.byteOffset, target.byteOffset, rows, cols),
    softmaxCrossEntropySparseLoss: (grad, logits, labels, rows, cols) =>
      sparseCrossEntropy(grad)(grad.byteOffset, logits.byteOffset, labels.byteOffset, rows, cols),
  }
}
