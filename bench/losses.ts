// Losses with their gradients: softmax cross-entropy (dense and sparse labels) at 256×10 and 64×1000,
// MSE and BCE-with-logits at 1M elements. The arrays are made in the first case's `prepare`, right before
// it runs, after growing the wasm memory once: an allocation that grows it detaches every earlier view.
import type { BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import type { FloatArray } from '../src/backend/kernels'

export function lossCases(backends: Backend[]): BenchCase[] {
  const cases: BenchCase[] = []
  const n = 1 << 20
  const shapes = [[256, 10], [64, 1000]] as const
  for (const dtype of ['float32', 'float64'] as const) {
    for (const backend of backends) {
      let grad: FloatArray, prediction: FloatArray, target: FloatArray, labels: Int32Array
      const prepare = () => {
        backend.free(backend.alloc(dtype, 3 * n + 1024))   // room for everything below, so nothing grows the memory
        const block = backend.alloc(dtype, 3 * n);
        [grad, prediction, target] = [0, 1, 2].map((k) => block.subarray(k * n, (k + 1) * n))
        for (let i = 0; i < n; i++) { prediction[i] = 3 * Math.sin(i); target[i] = 0.5 + 0.5 * Math.cos(3 * i) }
        labels = backend.allocInt32(256)
        for (let r = 0; r < labels.length; r++) labels[r] = (7 * r) % 10
      }
      const base = { family: 'losses', dtype, variant: backend.name, unit: 'G elem/s' }
      cases.push({ ...base, name: 'mseLoss 1M', work: n, prepare, run: () => { backend.kernels.mseLoss(grad, prediction, target, n) } })
      cases.push({ ...base, name: 'bceWithLogitsLoss 1M', work: n, run: () => { backend.kernels.bceWithLogitsLoss(grad, prediction, target, n) } })
      for (const [rows, cols] of shapes) {
        cases.push({ ...base, name: `softmaxCrossEntropyLoss ${rows}×${cols}`, work: rows * cols,
          run: () => { backend.kernels.softmaxCrossEntropyLoss(grad, prediction, target, rows, cols) } })
      }
      cases.push({ ...base, name: 'softmaxCrossEntropySparseLoss 256×10', work: 2560,
        run: () => { backend.kernels.softmaxCrossEntropySparseLoss(grad, prediction, labels, 256, 10) } })
    }
  }
  return cases
}
