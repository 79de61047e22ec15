// How many threads init() runs the wasm kernels on, and what that needs: memory that Workers may share (a cross-origin
// isolated page, or Node), the module's bytes with its memory import declared shared, and a main thread (inside a Worker
// the default is one thread, so Workers that each run curvenet do not oversubscribe the cores).
import type { WasmSource } from './instance'
import { withSharedMemory } from './shared-module'

/** Pages of a full wasm32 memory: the maximum a shared memory must declare. */
const WASM32_PAGES = 65536
/** The most threads init() accepts, and the default's cap (beyond 8, small models gain little and memory grows). */
export const MAX_THREADS = 16
const DEFAULT_THREAD_CAP = 8

export interface ThreadPlan {
  count: number
  /** Why one thread, when more were possible or asked ('' otherwise). */
  why: string
  /** The module's bytes with its memory declared shared, when count > 1. */
  shared?: Uint8Array
}

/** How many threads the kernels will run on, and the module to run them with. */
export async function threadPlan(requested: number | undefined, source: WasmSource): Promise<ThreadPlan> {
  const onMainThread = await isMainThread()
  const wanted = requested ?? (onMainThread ? Math.min(await cores(), DEFAULT_THREAD_CAP) : 1)
  if (wanted === 1) return { count: 1, why: requested === undefined && !onMainThread ? 'inside a Worker the default is one thread (init({ threads }) to change it)' : '' }
  if (typeof SharedArrayBuffer !== 'function' || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) {
    return { count: 1, why: 'this page is not cross-origin isolated, so it may not share memory with Workers (serve it with the headers ' +
      'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)' }
  }
  if (source instanceof WebAssembly.Module) return { count: 1, why: 'a compiled WebAssembly.Module was given, and threads need its bytes to share its memory' }
  try {
    return { count: wanted, why: '', shared: withSharedMemory('init', bytesOf(source), WASM32_PAGES) }
  } catch (error) {
    return { count: 1, why: `the wasm bytes cannot run on shared memory (${(error as Error).message})` }
  }
}

const bytesOf = (source: BufferSource): Uint8Array =>
  ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source)

async function cores(): Promise<number> {
  if (typeof navigator === 'object' && Number.isSafeInteger(navigator.hardwareConcurrency)) return Math.max(1, navigator.hardwareConcurrency)
  const specifier = 'node:os'   // computed, so browser bundlers do not try to resolve it
  const os = (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as typeof import('node:os')
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length)
}

async function isMainThread(): Promise<boolean> {
  if (typeof process === 'object' && typeof process.versions?.node === 'string') {
    const specifier = 'node:worker_threads'
    return ((await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as typeof import('node:worker_threads')).isMainThread
  }
  return typeof (globalThis as { document?: unknown }).document === 'object'
}

/** The runtime's memory: shared (with the wasm32 maximum declared) for more than one thread — or, where the engine refuses
 *  to reserve that, unshared with the plan changed to one thread and the reason. */
export function memoryFor(plan: ThreadPlan, initial: number): WebAssembly.Memory {
  if (plan.count > 1) {
    try {
      return new WebAssembly.Memory({ initial, maximum: WASM32_PAGES, shared: true })
    } catch (error) {
      Object.assign(plan, { count: 1, why: `the engine refused a shared memory (${(error as Error).message})`, shared: undefined })
    }
  }
  return new WebAssembly.Memory({ initial })
}
