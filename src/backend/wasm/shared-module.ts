// A wasm module's bytes with its imported memory declared shared: the same code, bit for bit, able to run on a
// SharedArrayBuffer-backed memory that pool threads share. Only the memory import's limits change (flags 0x03: shared,
// with a maximum); every other byte is copied. The module is curvenet's (or a build of its assembly/), which imports its
// memory as env.memory.

const WASM_HEADER = 8
const IMPORT_SECTION = 2
const MEMORY_KIND = 2

class Reader {
  at = 0
  constructor(readonly bytes: Uint8Array, readonly where: string) {}
  byte(): number {
    if (this.at >= this.bytes.length) throw new RangeError(`${this.where}: the wasm bytes end inside a section`)
    return this.bytes[this.at++]
  }
  /** An unsigned LEB128 of at most 5 bytes (a u32). */
  u32(): number {
    let value = 0
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.byte()
      value += (byte & 0x7f) * 2 ** shift
      if ((byte & 0x80) === 0) return value
    }
    throw new RangeError(`${this.where}: a LEB128 number in the wasm bytes is longer than 5 bytes`)
  }
  skip(count: number): void {
    if (this.at + count > this.bytes.length) throw new RangeError(`${this.where}: the wasm bytes end inside a section`)
    this.at += count
  }
}

function leb(value: number): number[] {
  const out: number[] = []
  do {
    let byte = value % 128
    value = Math.floor(value / 128)
    if (value > 0) byte |= 0x80
    out.push(byte)
  } while (value > 0)
  return out
}

/** `bytes` with every memory import declared shared with `maximumPages` as its maximum; throws if there is none. */
export function withSharedMemory(where: string, bytes: Uint8Array, maximumPages: number): Uint8Array {
  const reader = new Reader(bytes, where)
  reader.skip(WASM_HEADER)
  const out: number[] = Array.from(bytes.subarray(0, WASM_HEADER))
  let patched = 0
  while (reader.at < bytes.length) {
    const id = reader.byte()
    const size = reader.u32()
    const start = reader.at
    reader.skip(size)
    if (id !== IMPORT_SECTION) {
      out.push(id, ...leb(size))
      for (let i = start; i < start + size; i++) out.push(bytes[i])
      continue
    }
    const section = new Reader(bytes.subarray(start, start + size), where)
    const body: number[] = []
    const copy = (from: number) => { for (let i = from; i < section.at; i++) body.push(section.bytes[i]) }
    let from = 0
    const count = section.u32()
    for (let entry = 0; entry < count; entry++) {
      section.skip(section.u32())   // module name
      section.skip(section.u32())   // field name
      const kind = section.byte()
      if (kind !== MEMORY_KIND) {
        if (kind === 0) section.u32()                               // function: type index
        else if (kind === 1) { section.byte(); skipLimits(section) } // table: reference type, limits
        else if (kind === 3) { section.byte(); section.byte() }     // global: value type, mutability
        else throw new RangeError(`${where}: the wasm bytes hold an import of unknown kind ${kind}`)
        continue
      }
      copy(from)
      const flags = section.byte()
      if (flags > 1) throw new RangeError(`${where}: the wasm module's memory import is already shared or 64-bit (flags ${flags})`)
      const minimum = section.u32()
      if (flags === 1) section.u32()
      body.push(0x03, ...leb(minimum), ...leb(maximumPages))
      from = section.at
      patched++
    }
    copy(from)
    for (let i = section.at; i < size; i++) body.push(section.bytes[i])
    out.push(id, ...leb(body.length), ...body)
  }
  if (patched === 0) throw new TypeError(`${where}: the wasm module imports no memory, so threads cannot share one`)
  return new Uint8Array(out)
}

function skipLimits(reader: Reader): void {
  const flags = reader.byte()
  reader.u32()
  if (flags & 1) reader.u32()
}
