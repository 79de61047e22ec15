// The two backends every benchmark compares: js (the specification) and wasm (release build).
import { createJsBackend } from '../src/backend/js/index'
import { createWasmBackend } from '../src/backend/wasm/index'
import { base64ToBytes, instantiateWasm } from '../src/backend/wasm/instance'
import { releaseWasmBase64 } from '../src/backend/wasm/embedded-release.generated'
import type { Backend } from '../src/backend/backend'
import type { DType, FloatArray } from '../src/backend/kernels'

export async function benchBackends(): Promise<Backend[]> {
  const instance = await instantiateWasm(base64ToBytes(releaseWasmBase64), new WebAssembly.Memory({ initial: 256 }))
  return [createJsBackend(), createWasmBackend(instance)]
}

/** An array on the backend filled with a fixed pseudo-random pattern in [−1, 1). */
export function filled(backend: Backend, dtype: DType, length: number, salt = 1): FloatArray {
  const array = backend.alloc(dtype, length)
  for (let i = 0; i < length; i++) array[i] = (((i * 2654435761 + salt * 97) >>> 0) % 2001) / 1000 - 1
  return array
}
