// The wasm backend: AssemblyScript SIMD kernels over a JS-owned WebAssembly.Memory. Each family's
// wrapper turns typed-array views into byte offsets; the arrays must live on this memory.
import type { Backend, LinearMemory } from '../backend'
import { bytesPerElement } from '../backend'
import type { DType, FloatArray } from '../kernels'
import { WasmAllocator } from './allocator'
import { checkSize } from '../validate-checks'
import type { WasmContext } from './context'
import type { WasmInstance } from './instance'
import { mathKernels } from './math'
import { matmulKernels } from './matmul'
import { elementwiseKernels } from './elementwise'
import { unaryKernels } from './unary'
import { activationKernels } from './activations'
import { lossKernels } from './losses'
import { optimKernels } from './optim'
import { bezierKernels } from './bezier'
import { bsplineKernels } from './bspline'
import { kanKernels } from './kan'
import { kernelThreads } from './threads'
import { threadPool, MAX_POOL_THREADS } from './thread-pool'

export interface WasmBackend extends Backend {
  readonly name: 'wasm'
  readonly memory: WebAssembly.Memory
  readonly allocator: WasmAllocator
  readonly linearMemory: LinearMemory
  /** A view of `length` elements at `byteOffset` of this memory (e.g. to re-derive one after a grow). */
  view(dtype: DType, byteOffset: number, length: number): FloatArray
  /** Threads the kernels use, the calling thread included. */
  readonly threads: number
  /** Kernel calls so far that ran on more than one thread. */
  readonly threadedCalls: number
  /** Pool threads' shares the calling thread ran itself, as they were not yet claimed when its own share was done. */
  readonly sharesTakenBack: number
  /** Makes kernels use `count` threads (the memory must be shared): pool threads instantiate this module on it. */
  startThreads(count: number): Promise<void>
  /** Back to the calling thread only; the pool threads drop this module's instance. */
  stopThreads(): void
}

let runtimeIds = 0
/** A backend dropped without stopThreads() leaves its instances in the pool threads: drop them when it is collected. */
const abandoned = new FinalizationRegistry<{ id: number; threads: number }>(({ id, threads }) => {
  void threadPool(0).then((pool) => pool.unregister(id, threads))
})

/** `portableModule`: the module a Worker instantiates on its own (unshared) memory, when `instance` runs a shared-memory
 *  build of the same code; by default the instance's own. */
export function createWasmBackend(instance: WasmInstance, portableModule?: WebAssembly.Module): WasmBackend {
  const { memory, exports, module } = instance
  const allocator = new WasmAllocator(memory, exports.heapBase(), exports.zeroBytes)
  const scratch = allocator.allocate(exports.matmulScratchBytes())
  const context: WasmContext = { exports, scratch, threads: kernelThreads(exports, scratch) }
  const id = ++runtimeIds
  let poolBlocks: number[] = []

  const view = (dtype: DType, byteOffset: number, length: number): FloatArray => {
    if (dtype !== 'float32' && dtype !== 'float64') throw new TypeError(`view: dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`)
    const size = bytesPerElement(dtype)
    checkSize('view', 'byteOffset', byteOffset)
    checkSize('view', 'length', length)
    if (byteOffset % size !== 0) throw new RangeError(`view: byteOffset must be a multiple of ${size} for ${dtype}, got ${byteOffset}`)
    if (byteOffset + length * size > memory.buffer.byteLength) {
      throw new RangeError(`view: bytes ${byteOffset}..${byteOffset + length * size} lie beyond the wasm memory (${memory.buffer.byteLength} bytes)`)
    }
    return dtype === 'float32' ? new Float32Array(memory.buffer, byteOffset, length) : new Float64Array(memory.buffer, byteOffset, length)
  }

  const backend: WasmBackend = {
    name: 'wasm',
    memory,
    allocator,
    kernels: {
      ...mathKernels(context), ...matmulKernels(context), ...elementwiseKernels(context), ...unaryKernels(context),
      ...activationKernels(context), ...lossKernels(context), ...optimKernels(context), ...bezierKernels(context), ...bsplineKernels(context), ...kanKernels(context),
    },
    view,
    alloc: (dtype: DType, length: number) => {
      const byteOffset = allocator.allocate(length * bytesPerElement(dtype))
      return view(dtype, byteOffset, length)
    },
    allocInt32: (length: number) => {
      const byteOffset = allocator.allocate(length * 4)   // first: an allocation may grow the memory (a new buffer)
      return new Int32Array(memory.buffer, byteOffset, length)
    },
    free: (array: FloatArray | Int32Array) => allocator.release(array.byteOffset),
    owns: (array: ArrayBufferView) => array.buffer === memory.buffer,
    linearMemory: { blocks: allocator, view, zero: exports.zeroBytes },
    wasmModule: portableModule ?? module,
    get threads() {
      return context.threads.count
    },
    get threadedCalls() {
      return context.threads.threadedCalls
    },
    get sharesTakenBack() {
      return context.threads.sharesTakenBack
    },
    async startThreads(count) {
      if (!Number.isSafeInteger(count) || count < 1 || count > MAX_POOL_THREADS + 1) {
        throw new RangeError(`threads: count must be an integer from 1 to ${MAX_POOL_THREADS + 1}, got ${String(count)}`)
      }
      if (typeof SharedArrayBuffer !== 'function' || !(memory.buffer instanceof SharedArrayBuffer)) throw new TypeError('threads: the wasm memory is not shared, so no other thread can run on it')
      backend.stopThreads()
      if (count === 1) return
      const pool = await threadPool(count - 1)
      // per pool thread: the kernel scratch (useThreadScratch) then the matmul packing scratch
      const kernelScratch = Math.ceil(exports.threadScratchBytes() / 16) * 16
      const blocks = Array.from({ length: count - 1 }, () => allocator.allocate(kernelScratch + exports.matmulScratchBytes()))
      try {
        await pool.register(id, module, memory, blocks)
      } catch (error) {
        for (const block of blocks) allocator.release(block)
        throw error
      }
      poolBlocks = blocks
      context.threads.use(pool, id, blocks.map((block) => block + kernelScratch))
      abandoned.register(backend, { id, threads: count - 1 }, backend)
    },
    stopThreads() {
      if (poolBlocks.length === 0) return
      const threads = poolBlocks.length
      context.threads.stop()
      abandoned.unregister(backend)
      void threadPool(0).then((pool) => pool.unregister(id, threads))
      for (const block of poolBlocks) allocator.release(block)
      poolBlocks = []
    },
  }
  return backend
}
