import { describe, expect, it } from 'vitest'
import { chooseBackend, hasWasmSimd, init, runtime } from '../src/init'
import { base64ToBytes } from '../src/encoding/base64'
import { releaseWasmBase64 } from '../src/backend/wasm/embedded-release.generated'

describe('init', () => {
  it('refuses to hand out a runtime before init()', () => {
    expect(() => runtime()).toThrow(/^curvenet: not initialised; call `await init\(\)` first$/)
  })

  it('picks wasm where the engine has SIMD, from the embedded bytes, and says why it runs one thread where it does', async () => {
    expect(hasWasmSimd()).toBe(true)
    const ready = await init()
    expect(ready.backend.name).toBe('wasm')
    // a page that is not cross-origin isolated (the chromium project's) also says why its kernels run on one thread
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false
    expect(ready.reason).toBe(isolated ? 'this engine supports wasm SIMD' : 'this engine supports wasm SIMD; the kernels run on one thread: this page ' +
      'is not cross-origin isolated, so it may not share memory with Workers (serve it with the headers Cross-Origin-Opener-Policy: ' +
      'same-origin and Cross-Origin-Embedder-Policy: require-corp)')
    expect(runtime()).toBe(ready)
  })

  it('runs js when asked', async () => {
    const ready = await init({ backend: 'js' })
    expect(ready.backend.name).toBe('js')
    expect(runtime().backend.name).toBe('js')
  })

  it('falls back to js without SIMD and says why; a forced wasm then fails loudly', () => {
    expect(chooseBackend(undefined, false)).toEqual({ name: 'js', reason: expect.stringMatching(/no WebAssembly SIMD .* so the js backend runs/) })
    expect(() => chooseBackend('wasm', false)).toThrow(/the wasm backend was requested but this engine has no WebAssembly SIMD/)
    expect(chooseBackend('js', true).name).toBe('js')
  })

  const bytes = base64ToBytes('test', 'the embedded wasm', releaseWasmBase64)
  it.each([
    ['bytes', () => bytes],
    ['an ArrayBuffer', () => bytes.buffer],
    ['a compiled WebAssembly.Module', () => new WebAssembly.Module(bytes)],
    ['a data: URL string', () => `data:application/wasm;base64,${releaseWasmBase64}`],
    ['a URL object', () => new URL(`data:application/wasm;base64,${releaseWasmBase64}`)],
  ])('accepts the wasm as %s', async (_kind, source) => {
    const ready = await init({ backend: 'wasm', wasm: source() })
    const a = ready.alloc('float32', 5)
    a.set([1, 2, 3, 4, 5])
    ready.kernels.add(a, a, a, 5)
    expect(Array.from(a)).toEqual([2, 4, 6, 8, 10])
  })

  it("falls back to js with the reason when the page may not compile wasm (a CSP without 'wasm-unsafe-eval'); a forced wasm says how to allow it", async () => {
    const compile = WebAssembly.compile
    // Chromium's words when a Content-Security-Policy forbids compiling
    const refusal = () => Object.assign(new Error("WebAssembly.compile(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script"), { name: 'CompileError' })
    WebAssembly.compile = () => Promise.reject(refusal())
    try {
      const fallback = await init({ quiet: true })
      expect(fallback.backend.name).toBe('js')
      expect(fallback.reason).toMatch(/^this page may not compile WebAssembly \(.*Refused to compile.*\), so the js backend runs: same results, slower\. A Content-Security-Policy allows it with 'wasm-unsafe-eval' in script-src$/)
      await expect(init({ backend: 'wasm' })).rejects.toThrow(/^init: this page may not compile WebAssembly .*; allow it with 'wasm-unsafe-eval'/)
    } finally {
      WebAssembly.compile = compile
    }
    expect((await init()).backend.name).toBe('wasm')
  })

  it('makes the last init() called current, even when an earlier one finishes later', async () => {
    const slow = init({ backend: 'wasm' }), quick = init({ backend: 'js' })
    const [slowRuntime, quickRuntime] = await Promise.all([slow, quick])
    expect(runtime()).toBe(quickRuntime)
    expect(slowRuntime.backend.name).toBe('wasm')
    expect(runtime().backend.name).toBe('js')
  })

  it("validates the runtime's kernels and alloc", async () => {
    const ready = await init()
    expect(() => ready.kernels.add(new Float32Array(2), new Float32Array(2), new Float32Array(2), 2)).toThrow(/not on the wasm backend's memory/)
    expect(() => ready.alloc('float16' as never, 2)).toThrow(/^alloc: dtype must be 'float32' or 'float64', got "float16"$/)
    expect(() => ready.alloc('float32', -1)).toThrow(/^alloc: length must be a non-negative integer, got number -1$/)
  })
})

describe('init with a foreign wasm module', () => {
  it('names what is missing instead of failing on the first absent export', async () => {
    const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])   // a valid module with no exports
    await expect(init({ wasm: empty })).rejects.toThrow(/^init: the wasm module is not curvenet's: it lacks \d+ of its \d+ exports \(heapBase, /)
    await init()
  })
})
