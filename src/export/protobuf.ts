// The protobuf wire format, write side only, as much of it as ONNX needs: varints (wire type 0) and
// length-delimited fields (wire type 2: strings, bytes, nested messages, packed integers). A message
// is written into its own writer and nested as bytes, so its length is known when its field is written.

const VARINT = 0, LENGTH_DELIMITED = 2
const textEncoder = new TextEncoder()

export class ProtoWriter {
  private bytes = new Uint8Array(256)
  private length = 0

  private reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.length + count))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  private byte(value: number): void {
    this.reserve(1)
    this.bytes[this.length++] = value
  }

  /** A varint; negative integers take ten bytes (two's complement over 64 bits), as protobuf's int64 does. */
  private varint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`protobuf: a varint must be a safe integer, got ${value}`)
    let rest = BigInt.asUintN(64, BigInt(value))
    while (rest >= 0x80n) {
      this.byte(Number(rest & 0x7fn) | 0x80)
      rest >>= 7n
    }
    this.byte(Number(rest))
  }

  private tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType)
  }

  /** An int32, int64 or enum field. */
  integer(field: number, value: number): this {
    this.tag(field, VARINT)
    this.varint(value)
    return this
  }

  bytesField(field: number, value: Uint8Array): this {
    this.tag(field, LENGTH_DELIMITED)
    this.varint(value.length)
    this.reserve(value.length)
    this.bytes.set(value, this.length)
    this.length += value.length
    return this
  }

  string(field: number, value: string): this {
    return this.bytesField(field, textEncoder.encode(value))
  }

  message(field: number, write: (writer: ProtoWriter) => void): this {
    const nested = new ProtoWriter()
    write(nested)
    return this.bytesField(field, nested.finish())
  }

  /** A repeated integer field, packed (proto3's default for scalars). */
  packedIntegers(field: number, values: readonly number[]): this {
    const packed = new ProtoWriter()
    for (const value of values) packed.varint(value)
    return this.bytesField(field, packed.finish())
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length)
  }
}
