// An abort inside wasm (an assertion of the debug build) arrives as a JS Error with the
// AssemblyScript message, file and line (the release build is compiled without assertions).
import { describe, expect, it } from 'vitest'
import { wasmBackend } from './support/backends'
import { WasmAbortError } from '../src/backend/wasm/instance'
import type { WasmBackend } from '../src/backend/wasm/index'

function callMatmulWithEmptyK(backend: WasmBackend): void {
  const a = backend.alloc('float32', 4), b = backend.alloc('float32', 4), out = backend.alloc('float32', 4)
  // the raw kernel, below the validating façade, so the assertion itself is reached
  backend.kernels.matmul(out, a, b, 2, 0, 2)
}

describe('wasm abort', () => {
  it('becomes a WasmAbortError with message, file and line in the debug build', async () => {
    const debug = await wasmBackend('debug', 32)
    let caught: unknown
    try { callMatmulWithEmptyK(debug) } catch (error) { caught = error }
    expect(caught).toBeInstanceOf(WasmAbortError)
    const abort = caught as WasmAbortError
    expect(abort.file).toMatch(/^assembly\/matmul[\w-]*\.ts$/)
    expect(abort.line).toBeGreaterThan(0)
    expect(abort.message).toBe(`wasm abort: matmul: m, k and n must be positive (at ${abort.file}:${abort.line}:${abort.column})`)
  })
})
