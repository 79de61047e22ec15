// The backends every conformance test runs against, created once per test environment.
import { createJsBackend } from '../../src/backend/js/index'
import { createWasmBackend, type WasmBackend } from '../../src/backend/wasm/index'
import { base64ToBytes, instantiateWasm } from '../../src/backend/wasm/instance'
import { releaseWasmBase64 } from '../../src/backend/wasm/embedded-release.generated'
import { debugWasmBase64 } from '../../src/backend/wasm/embedded-debug.generated'
import type { Backend } from '../../src/backend/backend'

export async function wasmBackend(build: 'release' | 'debug' = 'release'): Promise<WasmBackend> {
  const bytes = base64ToBytes(build === 'release' ? releaseWasmBase64 : debugWasmBase64)
  const instance = await instantiateWasm(bytes, new WebAssembly.Memory({ initial: 16 }))
  return createWasmBackend(instance)
}

export const jsBackend = createJsBackend()
export const wasm = await wasmBackend('release')
export const backends: Backend[] = [jsBackend, wasm]
