import { describe, expect, it } from 'vitest'
import { WasmAllocator } from '../src/backend/wasm/allocator'
import { Generator } from '../src/tensor/random'

const PAGE = 65536

describe('WasmAllocator', () => {
  const fresh = () => {
    const memory = new WebAssembly.Memory({ initial: 1 })
    return { memory, allocator: new WasmAllocator(memory, 1000) }
  }

  it('hands out 16-byte aligned, disjoint blocks above the heap base', () => {
    const { allocator } = fresh()
    const starts = [3, 16, 1, 100, 17].map((bytes) => ({ start: allocator.allocate(bytes), bytes }))
    for (const { start } of starts) {
      expect(start % 16).toBe(0)
      expect(start).toBeGreaterThanOrEqual(1000)
    }
    const sorted = [...starts].sort((x, y) => x.start - y.start)
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].start + sorted[i - 1].bytes)
  })

  it('reuses a freed block, zeroed', () => {
    const { memory, allocator } = fresh()
    const first = allocator.allocate(64)
    allocator.allocate(16)   // keeps `first` from being the top block
    new Uint8Array(memory.buffer, first, 64).fill(7)
    allocator.release(first)
    const again = allocator.allocate(48)
    expect(again).toBe(first)
    expect(Array.from(new Uint8Array(memory.buffer, again, 48)).every((byte) => byte === 0)).toBe(true)
  })

  it('merges neighbouring free blocks and returns the top to the untouched region', () => {
    const { allocator } = fresh()
    const [x, y, z] = [allocator.allocate(32), allocator.allocate(32), allocator.allocate(32)]
    const guard = allocator.allocate(16)
    allocator.release(x)
    allocator.release(z)
    allocator.release(y)           // x, y, z merge into one 96-byte block
    expect(allocator.allocate(96)).toBe(x)
    allocator.release(guard)
    expect(allocator.allocate(16)).toBe(guard)
    expect(allocator.liveBytes).toBe(96 + 16)
  })

  it('grows the memory on demand', () => {
    const { memory, allocator } = fresh()
    const start = allocator.allocate(3 * PAGE)
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(start + 3 * PAGE)
  })

  it('grows geometrically (by half its size at least), so views are detached only rarely', () => {
    const memory = new WebAssembly.Memory({ initial: 8 })
    const allocator = new WasmAllocator(memory, 0)
    allocator.allocate(8 * PAGE)                 // fills the first 8 pages exactly
    allocator.allocate(16)                       // needs one more page, gets at least 4
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(12 * PAGE)
    const start = allocator.allocate(40 * PAGE)  // needs more than half the size again: grows by just that
    expect(memory.buffer.byteLength).toBe(Math.ceil((start + 40 * PAGE) / PAGE) * PAGE)
  })

  it('refuses a double free', () => {
    const { allocator } = fresh()
    const start = allocator.allocate(16)
    allocator.allocate(16)
    allocator.release(start)
    expect(() => allocator.release(start)).toThrow(RangeError)
  })

  it('after 20 000 blocks of mixed sizes are freed in a seeded random order, everything has merged back: the next block starts at the heap base', () => {
    const memory = new WebAssembly.Memory({ initial: 1 })
    const allocator = new WasmAllocator(memory, 1024)
    const random = new Generator(5)
    const starts = Array.from({ length: 20_000 }, () => allocator.allocate(16 + Math.floor(random.uniform() * 300)))
    for (let i = starts.length - 1; i > 0; i--) {   // Fisher–Yates with the seeded generator
      const j = Math.floor(random.uniform() * (i + 1));
      [starts[i], starts[j]] = [starts[j], starts[i]]
    }
    for (const start of starts) allocator.release(start)
    expect(allocator.liveBytes).toBe(0)
    expect(allocator.allocate(16)).toBe(1024)
  })

  it('keeps live blocks disjoint and zeroed through 5 000 seeded random allocations and frees', () => {
    const memory = new WebAssembly.Memory({ initial: 1 })
    const allocator = new WasmAllocator(memory, 0)
    const random = new Generator(6)
    const live = new Map<number, number>()   // start → bytes asked
    for (let step = 0; step < 5000; step++) {
      if (live.size > 0 && random.uniform() < 0.45) {
        const victims = [...live.keys()]
        const start = victims[Math.floor(random.uniform() * victims.length)]
        new Uint8Array(memory.buffer, start, live.get(start)!).fill(0xab)   // dirty it: a reuse must zero it again
        allocator.release(start)
        live.delete(start)
      } else {
        const bytes = 1 + Math.floor(random.uniform() * 2000)
        const start = allocator.allocate(bytes)
        expect(start % 16).toBe(0)
        expect(new Uint8Array(memory.buffer, start, bytes).every((byte) => byte === 0)).toBe(true)
        live.set(start, bytes)
      }
    }
    const blocks = [...live].sort((a, b) => a[0] - b[0])
    for (let i = 1; i < blocks.length; i++) expect(blocks[i][0]).toBeGreaterThanOrEqual(blocks[i - 1][0] + blocks[i - 1][1])
    expect(allocator.liveBytes).toBe(blocks.reduce((total, [, bytes]) => total + Math.max(16, Math.ceil(bytes / 16) * 16), 0))
  })
})
