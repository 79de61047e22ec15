// First-fit free-list allocator over the wasm linear memory above the module's static data.
// Blocks are 16-byte aligned (one v128) and their sizes rounded up to 16 bytes; freed blocks are
// merged with free neighbours. Growing the memory detaches every existing view: callers that keep
// views re-derive them from (byteOffset, length) after a grow (the tensor layer does this).

const ALIGN = 16
const PAGE = 65536

interface FreeBlock { start: number; size: number }

export class WasmAllocator {
  private readonly free: FreeBlock[] = []   // sorted by start, never adjacent (merged)
  private readonly sizes = new Map<number, number>()   // live block start → size
  private top: number                       // first byte never handed out

  constructor(private readonly memory: WebAssembly.Memory, heapBase: number) {
    this.top = alignUp(heapBase)
  }

  /** Byte offset of a fresh, zeroed, 16-byte aligned block of at least `bytes` bytes. */
  allocate(bytes: number): number {
    const size = Math.max(ALIGN, alignUp(bytes))
    const index = this.free.findIndex((block) => block.size >= size)
    let start: number
    if (index >= 0) {
      const block = this.free[index]
      start = block.start
      if (block.size === size) this.free.splice(index, 1)
      else { block.start += size; block.size -= size }
    } else {
      start = this.top
      this.ensureCapacity(start + size)
      this.top = start + size
    }
    // zero it: the block may be reused, or lie below a `top` that moved back down
    new Uint8Array(this.memory.buffer, start, size).fill(0)
    this.sizes.set(start, size)
    return start
  }

  release(start: number): void {
    const size = this.sizes.get(start)
    if (size === undefined) throw new RangeError(`free: no live block starts at byte offset ${start} (double free, or not from alloc())`)
    this.sizes.delete(start)
    let index = this.free.findIndex((block) => block.start > start)
    if (index < 0) index = this.free.length
    this.free.splice(index, 0, { start, size })
    // merge with the following and the preceding free block
    const next = this.free[index + 1]
    if (next && start + size === next.start) { this.free[index].size += next.size; this.free.splice(index + 1, 1) }
    const previous = this.free[index - 1]
    if (previous && previous.start + previous.size === start) { previous.size += this.free[index].size; this.free.splice(index, 1) }
    // give a free block that ends at `top` back to the untouched region
    const last = this.free[this.free.length - 1]
    if (last && last.start + last.size === this.top) { this.top = last.start; this.free.pop() }
  }

  isLive(start: number): boolean {
    return this.sizes.has(start)
  }

  get liveBytes(): number {
    let total = 0
    for (const size of this.sizes.values()) total += size
    return total
  }

  /**
   * Grows by at least half the current size, so growth — which detaches every view made before it —
   * happens a logarithmic number of times; when that much is refused, by just what is needed.
   */
  private ensureCapacity(end: number): void {
    const have = this.memory.buffer.byteLength
    if (end <= have) return
    const needed = Math.ceil((end - have) / PAGE)
    try {
      this.memory.grow(Math.max(needed, Math.ceil(have / PAGE / 2)))
    } catch {
      this.memory.grow(needed)   // a RangeError here too means the memory cannot hold `end` bytes at all
    }
  }
}

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN
}
