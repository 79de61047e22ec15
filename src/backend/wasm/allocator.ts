// Free-list allocator over the wasm linear memory above the module's static data. Blocks are 16-byte
// aligned (one v128) and their sizes rounded up to 16 bytes; a freed block is merged with free
// neighbours. Growing the memory detaches every existing view: callers that keep views re-derive
// them from (byteOffset, length) after a grow (the tensor layer does this).
//
// Every operation is O(1) apart from a bounded look, whatever the number of blocks: free blocks are
// found by their first and by their last byte (merging on release is two map look-ups) and kept in
// size classes (powers of two) for allocation. A linear free list made freeing n blocks O(n²): a
// training loop without scope() leaves tens of thousands of blocks for the finalizers, and freeing
// them froze the event loop for seconds.

const ALIGN = 16
const PAGE = 65536
/** Blocks of the request's own class looked at before taking one of a larger class (every one of
 *  those fits). A longer look packs a little tighter and costs time on every allocation. */
const OWN_CLASS_LOOK = 8

interface FreeBlock { start: number; size: number }

export class WasmAllocator {
  private readonly freeByStart = new Map<number, FreeBlock>()
  private readonly freeByEnd = new Map<number, FreeBlock>()   // keyed by start + size
  /** classes[c] holds the free blocks of 16·2^c to 16·2^(c+1) − 1 bytes; a Set keeps insertion order. */
  private readonly classes: Set<FreeBlock>[] = Array.from({ length: 32 }, () => new Set())
  private readonly sizes = new Map<number, number>()   // live block start → size
  private live = 0                                      // bytes in live blocks
  private top: number                                   // first byte never handed out

  /** `zero(start, bytes)` zeroes a block; by default a typed array's fill, which is slow on a shared memory (the wasm
   *  backend passes its module's memory.fill). */
  constructor(private readonly memory: WebAssembly.Memory, heapBase: number,
    private readonly zero: (start: number, bytes: number) => void = (start, bytes) => new Uint8Array(memory.buffer, start, bytes).fill(0)) {
    this.top = alignUp(heapBase)
  }

  /** Byte offset of a fresh, zeroed, 16-byte aligned block of at least `bytes` bytes. */
  allocate(bytes: number): number {
    const size = Math.max(ALIGN, alignUp(bytes))
    const block = this.findFree(size)
    let start: number
    if (block) {
      this.unlinkFree(block)
      start = block.start
      if (block.size > size) this.linkFree({ start: start + size, size: block.size - size })
    } else {
      start = this.top
      this.ensureCapacity(start + size)
      this.top = start + size
    }
    // zero it: the block may be reused, or lie below a `top` that moved back down
    this.zero(start, size)
    this.sizes.set(start, size)
    this.live += size
    return start
  }

  release(start: number): void {
    const size = this.sizes.get(start)
    if (size === undefined) throw new RangeError(`free: no live block starts at byte offset ${start} (double free, or not from alloc())`)
    this.sizes.delete(start)
    this.live -= size
    let block: FreeBlock = { start, size }
    const next = this.freeByStart.get(start + size)
    if (next) { this.unlinkFree(next); block.size += next.size }
    const previous = this.freeByEnd.get(start)
    if (previous) { this.unlinkFree(previous); block = { start: previous.start, size: previous.size + block.size } }
    // a free block that ends at `top` goes back to the untouched region (the block before it is live: free ones merge)
    if (block.start + block.size === this.top) this.top = block.start
    else this.linkFree(block)
  }

  isLive(start: number): boolean {
    return this.sizes.has(start)
  }

  get liveBytes(): number {
    return this.live
  }

  /** The first of OWN_CLASS_LOOK blocks of size's own class that fits, else the first block of the smallest larger class. */
  private findFree(size: number): FreeBlock | undefined {
    const own = classOf(size)
    let looked = 0
    for (const block of this.classes[own]) {
      if (block.size >= size) return block
      if (++looked === OWN_CLASS_LOOK) break
    }
    for (let larger = own + 1; larger < this.classes.length; larger++) {
      for (const block of this.classes[larger]) return block
    }
    return undefined
  }

  private linkFree(block: FreeBlock): void {
    this.freeByStart.set(block.start, block)
    this.freeByEnd.set(block.start + block.size, block)
    this.classes[classOf(block.size)].add(block)
  }

  private unlinkFree(block: FreeBlock): void {
    this.freeByStart.delete(block.start)
    this.freeByEnd.delete(block.start + block.size)
    this.classes[classOf(block.size)].delete(block)
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
      try {
        this.memory.grow(needed)
      } catch {
        throw new RangeError(`wasm memory: cannot grow from ${mebibytes(have)} to ${mebibytes(end)} (the engine refused; a wasm32 memory ` +
          `holds at most 4096 MiB): release tensors (scope(), dispose()) or work in smaller batches`)
      }
    }
  }
}

const mebibytes = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MiB`

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN
}

/** ⌊log2(size / 16)⌋ for a block size that is a positive multiple of 16 (below 2^36: wasm32 has 4 GiB). */
function classOf(size: number): number {
  return 31 - Math.clz32(size / ALIGN)
}
