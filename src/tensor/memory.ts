// Tensor memory: where new tensors are allocated and when they are given back.
// - Outside any scope a tensor lives on the heap: freed by dispose(), or once unreachable through
//   a FinalizationRegistry (which runs only when the event loop turns, so synchronous loops should
//   use scope()).
// - Inside scope(fn) tensors come from an arena: a bump allocator over retained chunks. When fn
//   returns, everything it made is released in one step, except the tensors it returns (or keep()s),
//   which move to the enclosing region. Chunks are kept for the next scope, so a training step that
//   repeats itself stops touching the allocator after the first step and memory stays flat.
// On a backend without a linear memory (js) the garbage collector owns every array: arenas then only
// track what they made, to mark it released, and nothing is freed by hand.
import type { Backend, LinearMemory } from '../backend/backend'
import { bytesPerElement } from '../backend/backend'
import type { DType } from '../backend/kernels'
import { Storage } from './storage'

const CHUNK_BYTES = 1 << 20

interface Chunk { start: number; size: number }

class Arena {
  readonly chunks: Chunk[] = []
  chunkIndex = 0
  offset = 0           // bytes used in chunks[chunkIndex]
  readonly storages: Storage[] = []
}

/** Per-backend memory bookkeeping: the arena stack and the finalizer for heap tensors. */
/** The largest tensor on any backend: 4 GiB, all a wasm32 memory can hold, so both backends refuse the same sizes alike. */
export const maxTensorBytes = 2 ** 32

export class TensorMemory {
  private readonly arenas: Arena[] = []
  private readonly spareChunks: Chunk[] = []
  private readonly finalizer: FinalizationRegistry<number>
  private readonly linear: LinearMemory | undefined

  constructor(readonly backend: Backend) {
    this.linear = backend.linearMemory
    this.finalizer = new FinalizationRegistry((byteOffset) => this.freeHeapBlock(byteOffset))
  }

  /** New zeroed storage in the innermost scope's arena, or on the heap (outside scopes, or when asked). */
  allocate(dtype: DType, length: number, where: 'current' | 'heap' = 'current'): Storage {
    const bytes = length * bytesPerElement(dtype)
    if (bytes > maxTensorBytes) {
      throw new RangeError(`tensor: ${length} ${dtype} elements need ${(bytes / 2 ** 30).toFixed(1)} GiB; one tensor holds at most ` +
        `${maxTensorBytes / 2 ** 30} GiB (maxTensorBytes: a wasm32 memory's whole size) on every backend`)
    }
    const arena = this.arenas[this.arenas.length - 1]
    return arena && where === 'current' ? this.allocateInArena(arena, dtype, length) : this.allocateOnHeap(dtype, length)
  }

  private allocateOnHeap(dtype: DType, length: number): Storage {
    const array = this.backend.alloc(dtype, length)
    const storage = new Storage(this.backend, dtype, length, array.byteOffset, 'heap', array)
    if (this.linear) this.finalizer.register(storage, array.byteOffset, storage)
    return storage
  }

  private allocateInArena(arena: Arena, dtype: DType, length: number): Storage {
    let storage: Storage
    if (!this.linear) {
      storage = new Storage(this.backend, dtype, length, 0, arena, this.backend.alloc(dtype, length))
    } else {
      const bytes = Math.max(16, Math.ceil((length * bytesPerElement(dtype)) / 16) * 16)
      const byteOffset = this.bumpArena(this.linear, arena, bytes)
      const view = this.linear.view(dtype, byteOffset, length)
      view.fill(0)
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
  }

  /** Moves an arena tensor's numbers to the region enclosing its arena (an outer arena or the heap). */
  moveOut(storage: Storage): void {
    const owner = this.arenas.indexOf(storage.region as Arena)
    if (owner < 0) return   // already on the heap (or its scope is gone)
    const outer = this.arenas[owner - 1]
    const target = outer ? this.allocateInArena(outer, storage.dtype, storage.length) : this.allocateOnHeap(storage.dtype, storage.length)
    const targetView = target.data('keep')
    targetView.set(storage.data('keep'))
    storage.relocate(target.byteOffset, target.region, targetView)
    if (outer) outer.storages.push(storage)
    else if (this.linear) {
      this.finalizer.unregister(target)
      this.finalizer.register(storage, target.byteOffset, storage)
    }
  }

  /** Frees a tensor's memory now (heap) or marks it released (arena: freed with its scope). */
  release(storage: Storage): void {
    if (storage.releasedBy) return
    storage.releasedBy = 'disposed'
    if (storage.region === 'heap' && this.linear) {
      this.finalizer.unregister(storage)
      this.freeHeapBlock(storage.byteOffset)
    }
  }

  private freeHeapBlock(byteOffset: number): void {
    const blocks = this.linear?.blocks
    if (blocks?.isLive(byteOffset)) blocks.release(byteOffset)
  }
}
