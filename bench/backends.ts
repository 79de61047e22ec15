// The two backends every benchmark compares: js (the specification) and wasm (release build).
import { createJsBackend } from '../src/backend/js/index'
import { createWasmBackend, type WasmBackend } from '../src/backend/wasm/index'
import { instantiateWasm } from '../src/backend/wasm/instance'
import { base64ToBytes } from '../src/encoding/base64'
import { releaseWasmBase64 } from '../src/backend/wasm/embedded-release.generated'
import type { Backend } from '../src/backend/backend'
import type { DType, FloatArray } from '../src/backend/kernels'

// 256 MiB up front: every family's arrays are made before it is measured, and a memory.grow would
// detach the views made before it (run.ts checks that none happened).
export const BENCH_MEMORY_PAGES = 4096

export async function benchBackends(): Promise<[Backend, WasmBackend]> {
  const instance = await instantiateWasm(base64ToBytes('bench', 'the embedded wasm', releaseWasmBase64), new WebAssembly.Memory({ initial: BENCH_MEMORY_PAGES }))
  return [createJsBackend(), createWasmBackend(instance)]
}

/** An array on the backend filled with a fixed pseudo-random pattern in [−1, 1). */
export function filled(backend: Backend, dtype: DType, length: number, salt = 1): FloatArray {
  const array = backend.alloc(dtype, length)
  for (let i = 0; i < length; i++) array[i] = (((i * 2654435761 + salt * 97) >>> 0) % 2001) / 1000 - 1
  return array
}
