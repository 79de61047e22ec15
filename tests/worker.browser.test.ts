// Chromium only (Node 20 has no Web Worker): inside a Worker, every kernel gives the golden bytes on
// both backends, and a seeded fit() gives the same loss history, bit for bit, as on this page.
import { describe, expect, it } from 'vitest'
import { GOLDEN } from './support/golden'
import { seededTrainingLosses } from './support/seeded-training'
import { sameBits } from './support/oracle'

interface WorkerResult { hashes: Record<string, string>; losses: Record<string, number[]> }

function runInWorker(): Promise<WorkerResult> {
  const worker = new Worker(new URL('./support/worker-program.ts', import.meta.url), { type: 'module' })
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => { worker.terminate(); resolve(event.data as WorkerResult) }
    worker.onerror = (event) => { worker.terminate(); reject(new Error(`worker failed: ${event.message}`)) }
    worker.postMessage('start')
  })
}

describe('in a Web Worker', () => {
  it('every kernel gives the golden bytes, and seeded training the page\'s loss history', async () => {
    const result = await runInWorker()
    for (const dtype of ['float32', 'float64'] as const) {
      expect(result.hashes[`js ${dtype}`]).toBe(GOLDEN[dtype])
      expect(result.hashes[`wasm ${dtype}`]).toBe(GOLDEN[dtype])
      for (const backend of ['js', 'wasm'] as const) {
        const onPage = await seededTrainingLosses(backend, dtype)
        expect(sameBits(Float64Array.from(result.losses[`${backend} ${dtype}`]), onPage), `${backend} ${dtype}`).toBe(true)
      }
    }
  })
})
