// Tensor memory: where new tensors are allocated and when they are given back.
// - Outside any scope a tensor lives on the heap: freed by dispose(), or once unreachable through
//   a FinalizationRegistry (which runs only when the event loop turns, so synchronous loops should
//   use scope()).
// - Inside scope(fn) tensors come from an arena: a bump allocator over retained chunks. When fn
//   returns, everything it made is released in one step, except the tensors it returns (or keep()s),
//   which move to the enclosing region. Chunks are kept for the next scope, so a training step that
//   repeats itself stops touching the allocator after the first step and memory stays flat.
// On js the garbage collector owns every array, but an ended scope's arrays serve the next scope's tensors of the same
// dtype and length (spare-arrays.ts): fresh ones cost the js KAN [4,64,1] float64 step at batch 3000 ~23 MB, 300–700 page
// faults and 2–6 ms of system time per ~65 ms step. As on wasm, a released tensor's old `.data` then shows later numbers.
// - A synchronous loop never lets the FinalizationRegistry run, so tensors made outside any scope and
//   never disposed pile up (a PyTorch-style training loop without scope() grew wasm memory by GBs).
//   They are counted; past `unscopedTensorLimit` live ones the next is refused with an error naming
//   scope() — on every backend alike, so a program fails the same way on js and wasm.
import type { Backend, LinearMemory } from '../backend/backend'
import { bytesPerElement } from '../backend/backend'
import type { DType, FloatArray } from '../backend/kernels'
import { Storage } from './storage'
import { SpareArrays, type MadeArray } from './spare-arrays'

const CHUNK_BYTES = 1 << 20
/** The longest run of frees of collected blocks in one task. */
const FREE_SLICE_MS = 4

interface Chunk { start: number; size: number }

class Arena {
  readonly chunks: Chunk[] = []
  chunkIndex = 0
  offset = 0           // bytes used in chunks[chunkIndex]
  readonly storages: Storage[] = []
  /** js: each array this arena made, with the storage made on it, and their bytes. */
  readonly made: MadeArray[] = []
  bytes = 0
}

/** The largest tensor on any backend: 4 GiB, all a wasm32 memory can hold, so both backends refuse the same sizes alike. */
export const maxTensorBytes = 2 ** 32

/** Tensors made outside any scope() and not yet disposed or collected, before the next is refused (init's default). */
export const defaultUnscopedTensorLimit = 100_000

/** What memory() reports (tf.memory()'s counterpart). */
export interface MemoryInfo {
  backend: string
  /** The wasm memory's size in bytes (js: undefined: the engine's heap holds the arrays). */
  wasmBytes: number | undefined
  /** Live tensors (one per storage; a reshape shares its source's) and their bytes. */
  tensors: number
  bytes: number
  /** Of those: in a scope()'s arena, on the heap outside any scope (parameters, survivors, kept), and made outside any
   *  scope and not yet disposed or collected (what unscopedTensorLimit bounds). */
  scopedTensors: number
  heapTensors: number
  unscopedTensors: number
  unscopedTensorLimit: number
}

interface HeapEntry { byteOffset: number; bytes: number; unscoped: boolean }

function checkTensorSize(where: string, dtype: DType, length: number): void {
  const bytes = length * bytesPerElement(dtype)
  if (bytes > maxTensorBytes) {
    throw new RangeError(`${where}: ${length} ${dtype} elements need ${(bytes / 2 ** 30).toFixed(1)} GiB; one tensor holds at most ` +
      `${maxTensorBytes / 2 ** 30} GiB (maxTensorBytes: a wasm32 memory's whole size) on every backend`)
  }
}

/** Per-backend memory bookkeeping: the arena stack, the finalizer for heap tensors and the live counts. */

export class TensorMemory {
  private readonly arenas: Arena[] = []
  private readonly spareChunks: Chunk[] = []
  private readonly spareArrays = new SpareArrays()
  private readonly finalizer: FinalizationRegistry<HeapEntry>
  private readonly linear: LinearMemory | undefined
  private heapTensors = 0
  private heapBytes = 0
  private unscopedTensors = 0
  /** Each heap storage's finalizer entry (adopt() updates it). */
  private readonly entries = new WeakMap<Storage, HeapEntry>()
  /** Blocks of collected storages, freed a slice at a time (forget). */
  private readonly pendingFrees: number[] = []

  constructor(readonly backend: Backend, readonly unscopedTensorLimit = defaultUnscopedTensorLimit) {
    this.linear = backend.linearMemory
    this.finalizer = new FinalizationRegistry((entry) => this.forget(entry, true))
  }

  /** New zeroed storage in the innermost scope's arena, or on the heap (outside scopes, or when asked); `zeroed` false
   *  skips the zeroing in an arena (for a kernel's output that it writes whole: allocate.ts's unzeroed). */
  allocate(dtype: DType, length: number, where: 'current' | 'heap' = 'current', zeroed = true): Storage {
    checkTensorSize('tensor', dtype, length)
    const arena = this.arenas[this.arenas.length - 1]
    if (arena && where === 'current') return this.allocateInArena(arena, dtype, length, zeroed)
    const unscoped = where === 'current'
    if (unscoped && this.unscopedTensors >= this.unscopedTensorLimit) {
      throw new RangeError(`tensor: ${this.unscopedTensors} tensors made outside any scope() are still live (not disposed, not yet collected; ` +
        `a synchronous loop never lets the garbage collector free them), the most curvenet allows: wrap each training step in ` +
        `scope(() => { … }) as fit() does, or dispose() what you do not keep (init({ unscopedTensorLimit }) sets the limit)`)
    }
    return this.allocateOnHeap(dtype, length, unscoped)
  }

  /**
   * Runs `use` on fresh blocks of the backend's memory (one per `lengths` entry, all of `dtype`; a size past maxTensorBytes
   * is a RangeError naming `where`), viewed after the last
   * allocation (a growing wasm memory detaches earlier views), and frees them when it returns or throws. For a batched
   * kernel call whose inputs are copied in and whose outputs are copied out before `use` returns: the blocks are not
   * tensors (memory() never counts them, the finalizer never sees them), which spares each call the finalizer's
   * register/unregister — a curve's resample makes two such calls per stretch.
   */
  withBlocks<R>(where: string, dtype: DType, lengths: readonly number[], use: (views: FloatArray[]) => R): R {
    for (const length of lengths) checkTensorSize(where, dtype, length)
    const linear = this.linear
    const arrays: FloatArray[] = [], byteOffsets: number[] = []   // offsets kept: a view detached by growth reads byteOffset 0
    try {
      for (const length of lengths) {
        const array = this.backend.alloc(dtype, length)
        arrays.push(array)
        byteOffsets.push(array.byteOffset)
      }
      return use(linear ? lengths.map((length, i) => linear.view(dtype, byteOffsets[i], length)) : arrays)
    } finally {
      if (linear) for (const byteOffset of byteOffsets) linear.blocks.release(byteOffset)
      else for (const array of arrays) this.backend.free(array)
    }
  }

  private allocateOnHeap(dtype: DType, length: number, unscoped = false): Storage {
    const array = this.backend.alloc(dtype, length)
    const storage = new Storage(this.backend, dtype, length, array.byteOffset, 'heap', array)
    this.track(storage, unscoped)
    return storage
  }

  /** Counts a heap storage and asks to be told when it is collected (to free its block and uncount it). */
  private track(storage: Storage, unscoped: boolean): void {
    const bytes = storage.length * bytesPerElement(storage.dtype)
    storage.unscoped = unscoped
    this.heapTensors++
    this.heapBytes += bytes
    if (unscoped) this.unscopedTensors++
    const entry = { byteOffset: storage.byteOffset, bytes, unscoped }
    this.entries.set(storage, entry)
    this.finalizer.register(storage, entry, storage)
  }

  /** A tensor made outside any scope that a model takes as a parameter (or other long-lived state): no longer counted
   *  against unscopedTensorLimit, which is there for the per-step tensors of a loop. */
  adopt(storage: Storage): void {
    const entry = this.entries.get(storage)
    if (!entry?.unscoped || storage.releasedBy) return
    entry.unscoped = false
    storage.unscoped = false
    this.unscopedTensors--
  }

  /** A heap storage gone (disposed, or `collected` by the engine): uncounted at once, and its block freed — now when
   *  disposed, in time-boxed slices when collected (a collection can hand over 10⁵ storages in one task: their frees,
   *  ~1.5 µs each, in that task would stall the event loop for 150 ms). */
  private forget(entry: HeapEntry, collected = false): void {
    this.heapTensors--
    this.heapBytes -= entry.bytes
    if (entry.unscoped) this.unscopedTensors--
    if (!this.linear) return
    if (!collected) { this.freeBlock(entry.byteOffset); return }
    this.pendingFrees.push(entry.byteOffset)
    if (this.pendingFrees.length === 1) setTimeout(() => this.freePending(), 0)
  }

  private freeBlock(byteOffset: number): void {
    const blocks = this.linear!.blocks
    if (blocks.isLive(byteOffset)) blocks.release(byteOffset)
  }

  /** Frees collected blocks for at most FREE_SLICE_MS, then yields and goes on in a later task. */
  private freePending(): void {
    const started = performance.now()
    let index = 0
    while (index < this.pendingFrees.length) {
      this.freeBlock(this.pendingFrees[index++])
      if (index % 256 === 0 && performance.now() - started > FREE_SLICE_MS) break
    }
    this.pendingFrees.splice(0, index)
    if (this.pendingFrees.length > 0) setTimeout(() => this.freePending(), 0)
  }

  /** Live tensors and bytes, as tf.memory() reports them. */
  info(): MemoryInfo {
    let scopedTensors = 0, scopedBytes = 0
    for (const arena of this.arenas) {
      for (const storage of arena.storages) {
        if (storage.region !== arena || storage.releasedBy) continue
        scopedTensors++
        scopedBytes += storage.length * bytesPerElement(storage.dtype)
      }
    }
    const memory = (this.backend as { memory?: WebAssembly.Memory }).memory
    return {
      backend: this.backend.name, wasmBytes: this.linear && memory ? memory.buffer.byteLength : undefined,
      tensors: scopedTensors + this.heapTensors, bytes: scopedBytes + this.heapBytes,
      scopedTensors, heapTensors: this.heapTensors, unscopedTensors: this.unscopedTensors, unscopedTensorLimit: this.unscopedTensorLimit,
    }
  }

  private allocateInArena(arena: Arena, dtype: DType, length: number, zeroed: boolean): Storage {
    let storage: Storage
    if (!this.linear) {
      let array = this.spareArrays.take(dtype, length)
      if (array && zeroed) array.fill(0)
      array ??= this.backend.alloc(dtype, length)
      storage = new Storage(this.backend, dtype, length, 0, arena, array)
      arena.made.push({ storage, array })
      arena.bytes += array.byteLength
    } else {
      const bytes = Math.max(16, Math.ceil((length * bytesPerElement(dtype)) / 16) * 16)
      const byteOffset = this.bumpArena(this.linear, arena, bytes)
      if (zeroed) this.linear.zero(byteOffset, bytes)
      const view = this.linear.view(dtype, byteOffset, length)
      storage = new Storage(this.backend, dtype, length, byteOffset, arena, view)
    }
    arena.storages.push(storage)
    return storage
  }

  private bumpArena(linear: LinearMemory, arena: Arena, bytes: number): number {
    for (;;) {
      const chunk = arena.chunks[arena.chunkIndex]
      if (chunk && arena.offset + bytes <= chunk.size) {
        const start = chunk.start + arena.offset
        arena.offset += bytes
        return start
      }
      if (chunk) { arena.chunkIndex++; arena.offset = 0; continue }
      arena.chunks.push(this.takeChunk(linear, bytes))
    }
  }

  private takeChunk(linear: LinearMemory, bytes: number): Chunk {
    const index = this.spareChunks.findIndex((chunk) => chunk.size >= bytes)
    if (index >= 0) return this.spareChunks.splice(index, 1)[0]
    const size = Math.max(CHUNK_BYTES, bytes)
    return { start: linear.blocks.allocate(size), size }
  }

  /** Runs fn in a fresh arena; see the file comment for what survives. */
  scope<T>(fn: () => T, survivors: (result: T) => Storage[]): T {
    const arena = new Arena()
    this.arenas.push(arena)
    let result: T
    try {
      result = fn()
      if (result instanceof Promise) {
        throw new TypeError('scope: fn returned a Promise; a scope is synchronous (the tensors of an async step would outlive it). Use one scope per synchronous step')
      }
      for (const storage of survivors(result)) if (storage.region === arena && !storage.releasedBy) this.moveOut(storage)
    } finally {
      this.closeArena(arena)
    }
    return result
  }

  private closeArena(arena: Arena): void {
    this.arenas.pop()
    for (const storage of arena.storages) if (storage.region === arena) storage.releasedBy = 'scope'
    this.spareChunks.push(...arena.chunks)
    if (!this.linear) this.spareArrays.keep(arena, arena.made, arena.bytes)
  }

  /** Moves an arena tensor's numbers to the region enclosing its arena (an outer arena or the heap). */
  moveOut(storage: Storage): void {
    const owner = this.arenas.indexOf(storage.region as Arena)
    if (owner < 0) return   // already on the heap (or its scope is gone)
    const outer = this.arenas[owner - 1]
    // unzeroed in an arena: the copy below writes it whole
    const target = outer ? this.allocateInArena(outer, storage.dtype, storage.length, false) : this.allocateOnHeap(storage.dtype, storage.length)
    const targetView = target.data('keep')
    targetView.set(storage.data('keep'))
    storage.relocate(target.byteOffset, target.region, targetView)
    if (outer) outer.storages.push(storage)
    else {
      // the survivor takes over the heap block and its count (a survivor is not "unscoped": a scope returned it)
      this.finalizer.unregister(target)
      const entry = { byteOffset: target.byteOffset, bytes: storage.length * bytesPerElement(storage.dtype), unscoped: false }
      this.entries.set(storage, entry)
      this.finalizer.register(storage, entry, storage)
    }
  }

  /** Frees a tensor's memory now (heap) or marks it released (arena: freed with its scope). */
  release(storage: Storage): void {
    if (storage.releasedBy) return
    storage.releasedBy = 'disposed'
    if (storage.region === 'heap' && this.finalizer.unregister(storage)) {
      this.forget({ byteOffset: storage.byteOffset, bytes: storage.length * bytesPerElement(storage.dtype), unscoped: storage.unscoped })
    }
  }
}
