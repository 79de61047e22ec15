// Runs inside a Web Worker: the golden-hash kernel program on both backends and the seeded training,
// posted back to the page that started it (tests/worker.browser.test.ts).
import { createJsBackend } from '../../src/backend/js/index'
import { createWasmBackend } from '../../src/backend/wasm/index'
import { instantiateWasm } from '../../src/backend/wasm/instance'
import { base64ToBytes } from '../../src/encoding/base64'
import { releaseWasmBase64 } from '../../src/backend/wasm/embedded-release.generated'
import { everyKernel, hashOutputs } from './golden'
import { seededTrainingLosses } from './seeded-training'

self.onmessage = async () => {
  const wasm = createWasmBackend(await instantiateWasm(base64ToBytes('test', 'the embedded wasm', releaseWasmBase64), new WebAssembly.Memory({ initial: 64 })))
  const hashes: Record<string, string> = {}
  for (const dtype of ['float32', 'float64'] as const) {
    for (const backend of [createJsBackend(), wasm]) hashes[`${backend.name} ${dtype}`] = hashOutputs(everyKernel(backend, dtype))
  }
  const losses: Record<string, number[]> = {}
  for (const dtype of ['float32', 'float64'] as const) {
    for (const backend of ['js', 'wasm'] as const) losses[`${backend} ${dtype}`] = Array.from(await seededTrainingLosses(backend, dtype))
  }
  postMessage({ hashes, losses })
}
