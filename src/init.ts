// init(): chooses and instantiates a backend. The wasm bytes are embedded (base64) in the bundle,
// so no path, fetch or bundler setting is needed; `wasm` may override them with bytes, a compiled
// WebAssembly.Module or a URL. Without wasm SIMD the js backend runs and `reason` says why.
import type { MemoryInfo } from './tensor/memory'
import { checkOptions } from './check/names'
import type { Backend, BackendName } from './backend/backend'
import type { DType, FloatArray, Kernels } from './backend/kernels'
import { checkedKernels } from './backend/validate'
import { checkSize } from './backend/validate-checks'
import { createJsBackend } from './backend/js/index'
import { createWasmBackend, type WasmBackend } from './backend/wasm/index'
import { MAX_THREADS, memoryFor, threadPlan, type ThreadPlan } from './backend/wasm/thread-plan'
import { describeValue } from './check/describe'
import { instantiateWasm, type WasmSource } from './backend/wasm/instance'
import { base64ToBytes } from './encoding/base64'
import { releaseWasmBase64 } from './backend/wasm/embedded-release.generated'
import { TensorContext, setCurrentContext } from './tensor/context'
import { tensorMethods } from './ops/tensor-methods'

export interface InitOptions {
  /** Force a backend; by default wasm when the engine has wasm SIMD, else js. */
  backend?: BackendName
  /** Other wasm bytes than the embedded release build: bytes, a compiled module, or a URL to fetch. */
  wasm?: BufferSource | WebAssembly.Module | URL | string
  /** Initial wasm memory in 64 KiB pages (default 16); it grows on demand. */
  initialMemoryPages?: number
  /** Do not print the fallback message (it is still in `reason`). */
  quiet?: boolean
  /** Live tensors made outside any scope() before the next is refused with an error naming scope() (default 100 000). */
  unscopedTensorLimit?: number
  /**
   * Threads the wasm kernels run on, the calling thread included (default: this machine's cores, at most 8, on a main
   * thread; 1 inside a Worker). Any count gives the same bits. 1 where memory cannot be shared (a page that is not
   * cross-origin isolated, the js backend): `reason` says why.
   */
  threads?: number
}

export interface Runtime {
  readonly backend: Backend
  /** The backend's kernels behind argument validation. */
  readonly kernels: Kernels
  readonly simd: boolean
  /** Why this backend runs, in one sentence; and why the kernels run on one thread, when they do. */
  readonly reason: string
  /** Threads the kernels run on, the calling thread included. */
  readonly threads: number
  /** Runs the kernels on the calling thread only from now on (the pool threads drop this runtime). */
  stopThreads(): void
  /** Where this runtime's tensors live; tensor(), zeros(), … use the last initialised runtime. */
  readonly tensors: TensorContext
  alloc(dtype: DType, length: number): FloatArray
  free(array: FloatArray | Int32Array): void
}

// (module (func (result v128) (v128.const i32x4 0 0 0 0))): validates only where wasm SIMD exists.
const simdProbe = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,
  0x03, 0x02, 0x01, 0x00,
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x0b,
])

export function hasWasmSimd(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function' && WebAssembly.validate(simdProbe)
}

let current: Runtime | undefined

/** The runtime of the last successful init(); throws if init() has not been awaited yet. */
export function runtime(): Runtime {
  if (!current) throw new Error('curvenet: not initialised; call `await init()` first')
  return current
}

const initOptionNames = ['backend', 'wasm', 'initialMemoryPages', 'quiet', 'unscopedTensorLimit', 'threads']

function checkInitOptions(options: unknown): InitOptions {
  const given = checkOptions('init', options, initOptionNames)
  if (given.backend !== undefined && given.backend !== 'js' && given.backend !== 'wasm') {
    throw new TypeError(`init: backend must be 'js' or 'wasm', got ${JSON.stringify(given.backend)}`)
  }
  const wasm = given.wasm
  if (wasm !== undefined && !(wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm) || wasm instanceof WebAssembly.Module ||
      wasm instanceof URL || typeof wasm === 'string')) {
    throw new TypeError(`init: wasm must be bytes (ArrayBuffer or a typed array), a WebAssembly.Module or a URL, got ${typeof wasm === 'object' ? (wasm as object).constructor?.name ?? 'an object' : typeof wasm}`)
  }
  if (given.initialMemoryPages !== undefined) {
    checkSize('init', 'initialMemoryPages', given.initialMemoryPages)
    if ((given.initialMemoryPages as number) < 1 || (given.initialMemoryPages as number) > 65536) {
      throw new RangeError(`init: initialMemoryPages must be between 1 and 65536 (64 KiB pages), got ${given.initialMemoryPages}`)
    }
  }
  const limit = given.unscopedTensorLimit
  if (limit !== undefined && (!Number.isSafeInteger(limit) || (limit as number) < 1)) {
    throw new RangeError(`init: unscopedTensorLimit must be a positive integer, got ${String(limit)}`)
  }
  const threads = given.threads
  if (threads !== undefined && (!Number.isSafeInteger(threads) || (threads as number) < 1 || (threads as number) > MAX_THREADS)) {
    throw new RangeError(`init: threads must be an integer from 1 to ${MAX_THREADS}, got ${describeValue(threads)}`)
  }
  if (given.quiet !== undefined && typeof given.quiet !== 'boolean') throw new TypeError(`init: quiet must be a boolean, got ${typeof given.quiet}`)
  return given as InitOptions
}

async function loadWasmSource(wasm: InitOptions['wasm']): Promise<WasmSource> {
  if (wasm === undefined) return base64ToBytes('init', 'the embedded wasm', releaseWasmBase64)
  if (wasm instanceof WebAssembly.Module || wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm)) return wasm
  const url = new URL(String(wasm), typeof location === 'object' ? location.href : undefined)
  if (url.protocol === 'file:') {
    // Node only; the specifier is computed so browser bundlers do not try to resolve it.
    const fsModule = 'node:fs/promises'
    const { readFile } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ fsModule)) as typeof import('node:fs/promises')
    return new Uint8Array(await readFile(url))
  }
  const response = await fetch(url)
  if (!response.ok) throw new Error(`init: fetching the wasm from ${url} failed: HTTP ${response.status} ${response.statusText}`)
  return new Uint8Array(await response.arrayBuffer())
}

/** Chooses a backend from what was asked and what the engine can do. Exported for tests. */
export function chooseBackend(requested: BackendName | undefined, simd: boolean): { name: BackendName; reason: string } {
  if (requested === 'js') return { name: 'js', reason: 'the js backend was requested with init({ backend: \'js\' })' }
  if (simd) return { name: 'wasm', reason: requested === 'wasm' ? 'the wasm backend was requested' : 'this engine supports wasm SIMD' }
  if (requested === 'wasm') {
    throw new Error('init: the wasm backend was requested but this engine has no WebAssembly SIMD (WebAssembly.validate refused a v128 module); use init() to fall back to js, or a newer engine')
  }
  return { name: 'js', reason: 'this engine has no WebAssembly SIMD (WebAssembly.validate refused a v128 module), so the js backend runs: same results, slower' }
}

export async function init(options?: InitOptions): Promise<Runtime> {
  const checked = checkInitOptions(options)
  const simd = hasWasmSimd()
  const choice = chooseBackend(checked.backend, simd)
  const generation = ++initCalls
  let backend: Backend
  let threads: ThreadPlan = { count: 1, why: '' }
  if (choice.name === 'wasm') {
    const source = await loadWasmSource(checked.wasm)
    threads = await threadPlan(checked.threads, source)
    const memory = memoryFor(threads, checked.initialMemoryPages ?? 16)
    try {
      const shared = threads.shared
      // a Worker (fitInWorker) instantiates the same code on its own unshared memory: it gets the module as given
      const portable = shared === undefined ? undefined : await WebAssembly.compile(source as BufferSource)
      const wasmBackend = createWasmBackend(await instantiateWasm(shared ?? source, memory), portable)
      backend = wasmBackend
      if (threads.count > 1) {
        try {
          await wasmBackend.startThreads(threads.count)
        } catch (error) {
          threads = { count: 1, why: `the pool threads could not start (${(error as Error).message})` }
        }
      }
    } catch (error) {
      // a Content-Security-Policy without 'wasm-unsafe-eval' lets WebAssembly.validate pass and refuses to compile
      if (!isCompileRefusal(error) || checked.backend === 'wasm' || checked.wasm !== undefined) throw wasmFailure(error)
      choice.name = 'js'
      choice.reason = `this page may not compile WebAssembly (${(error as Error).message}), so the js backend runs: same results, slower. ` +
        `A Content-Security-Policy allows it with 'wasm-unsafe-eval' in script-src`
      backend = createJsBackend()
      if (!checked.quiet) console.warn(`curvenet: ${choice.reason}`)
    }
  } else {
    backend = createJsBackend()
    if (!simd && !checked.quiet) console.warn(`curvenet: ${choice.reason}`)
  }
  const made: Runtime = {
    backend,
    kernels: checkedKernels(backend),
    simd,
    // the js backend is single-threaded by nature: only a wasm runtime says why it runs one thread
    reason: backend.name === 'wasm' && threads.why !== '' ? `${choice.reason}; the kernels run on one thread: ${threads.why}` : choice.reason,
    get threads() {
      return backend.name === 'wasm' ? (backend as WasmBackend).threads : 1
    },
    stopThreads: () => { if (backend.name === 'wasm') (backend as WasmBackend).stopThreads() },
    alloc: (dtype, length) => {
      if (dtype !== 'float32' && dtype !== 'float64') throw new TypeError(`alloc: dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`)
      return backend.alloc(dtype, checkSize('alloc', 'length', length))
    },
    free: (array) => backend.free(array),
    tensors: new TensorContext(backend, tensorMethods, checked.unscopedTensorLimit),
  }
  // the last init() called is the current runtime, whichever finishes last (an earlier one resolves with its own runtime)
  if (generation === initCalls) {
    current = made
    setCurrentContext(made.tensors)
  }
  return made
}

let initCalls = 0

/** Live tensors and bytes of the current runtime (tf.memory()'s counterpart): scoped, on the heap, and made outside any scope. */
export function memory(): MemoryInfo {
  return runtime().tensors.memory.info()
}

/** The engine refused to compile (CSP) rather than the bytes being wrong. */
function isCompileRefusal(error: unknown): boolean {
  return error instanceof Error && (error.name === 'CompileError' || error.name === 'EvalError') && /refused|content.security|unsafe-eval|wasm-eval/i.test(error.message)
}

function wasmFailure(error: unknown): Error {
  if (!isCompileRefusal(error)) return error as Error
  return new Error(`init: this page may not compile WebAssembly (${(error as Error).message}); allow it with 'wasm-unsafe-eval' in the ` +
    `Content-Security-Policy's script-src, or call init() without backend: 'wasm' to fall back to the js backend`, { cause: error })
}
