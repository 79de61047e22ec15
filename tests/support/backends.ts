// The backends every conformance test runs against, created once per test environment.
// The shared wasm backend starts with 64 MiB so that no test grows its memory: a grow detaches every
// view made before it, and a detached view reads as empty (byteOffset 0, length 0), which would let
// a comparison pass without checking anything. expectNoMemoryGrowth() makes that a test failure.
import { afterEach, expect } from 'vitest'
import { createJsBackend } from '../../src/backend/js/index'
import { createWasmBackend, type WasmBackend } from '../../src/backend/wasm/index'
import { instantiateWasm } from '../../src/backend/wasm/instance'
import { base64ToBytes } from '../../src/encoding/base64'
import { releaseWasmBase64 } from '../../src/backend/wasm/embedded-release.generated'
import { debugWasmBase64 } from '../../src/backend/wasm/embedded-debug.generated'
import type { Backend } from '../../src/backend/backend'

const RESERVED_PAGES = 1024

export async function wasmBackend(build: 'release' | 'debug' = 'release', pages = RESERVED_PAGES): Promise<WasmBackend> {
  const bytes = base64ToBytes('test', 'the embedded wasm', build === 'release' ? releaseWasmBase64 : debugWasmBase64)
  const instance = await instantiateWasm(bytes, new WebAssembly.Memory({ initial: pages }))
  return createWasmBackend(instance)
}

export const jsBackend = createJsBackend()
export const wasm = await wasmBackend('release')
export const backends: Backend[] = [jsBackend, wasm]

/** Fails the test during which the shared wasm memory grew. Call once at the top of a test file. */
export function expectNoMemoryGrowth(): void {
  afterEach(() => {
    expect(wasm.memory.buffer.byteLength, 'the shared wasm memory grew during this test (views made before were detached)').toBe(RESERVED_PAGES * 65536)
  })
}
