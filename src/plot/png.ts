// The smallest honest PNG: 8-bit RGB, no filtering, zlib "stored" (uncompressed) blocks. surfaceSVG draws its heatmap as one
// such image instead of hundreds of rectangles: a page that redraws a decision surface every frame then parses, lays out and
// paints one element (the rectangles of a 40 × 40 spiral surface made 50–100 ms main-thread tasks in headless Chromium).
import { bytesToBase64 } from '../encoding/base64'

let crcTable: Uint32Array | undefined

/** CRC-32 (ISO-HDLC, the one PNG chunks carry), table-driven. */
function crc32(bytes: Uint8Array, start: number, end: number): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  let crc = 0xffffffff
  for (let i = start; i < end; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** Adler-32, the checksum at the end of a zlib stream. */
function adler32(bytes: Uint8Array): number {
  let a = 1, b = 0
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]) % 65521
    b = (b + a) % 65521
  }
  return ((b << 16) | a) >>> 0
}

/** zlib around stored deflate blocks of at most 65535 bytes each. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535))
  const out = new Uint8Array(2 + blocks * 5 + raw.length + 4)
  out[0] = 0x78   // deflate, 32 KiB window
  out[1] = 0x01   // no dictionary, fastest; 0x7801 is a multiple of 31 as the header check wants
  let at = 2
  for (let block = 0; block < blocks; block++) {
    const start = block * 65535, length = Math.min(65535, raw.length - start)
    out[at] = block === blocks - 1 ? 1 : 0
    out[at + 1] = length & 0xff
    out[at + 2] = length >>> 8
    out[at + 3] = ~length & 0xff
    out[at + 4] = (~length >>> 8) & 0xff
    out.set(raw.subarray(start, start + length), at + 5)
    at += 5 + length
  }
  new DataView(out.buffer).setUint32(at, adler32(raw))
  return out
}

/** A PNG of width × height pixels from rgb (3 bytes a pixel, rows top to bottom), as a data: URL. */
export function pngDataUrl(width: number, height: number, rgb: Uint8Array): string {
  if (rgb.length !== width * height * 3) throw new RangeError(`pngDataUrl: rgb must hold ${width * height * 3} bytes for ${width} × ${height} pixels, got ${rgb.length}`)
  const raw = new Uint8Array(height * (1 + 3 * width))   // each row: filter type 0 (none), then its pixels
  for (let row = 0; row < height; row++) raw.set(rgb.subarray(row * 3 * width, (row + 1) * 3 * width), row * (1 + 3 * width) + 1)
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  header.set([8, 2, 0, 0, 0], 8)   // 8 bits a channel, RGB, deflate, no filter method, not interlaced
  const chunks: [string, Uint8Array][] = [['IHDR', header], ['IDAT', zlibStored(raw)], ['IEND', new Uint8Array(0)]]
  const png = new Uint8Array(8 + chunks.reduce((sum, [, data]) => sum + 12 + data.length, 0))
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const out = new DataView(png.buffer)
  let at = 8
  for (const [type, data] of chunks) {
    out.setUint32(at, data.length)
    for (let k = 0; k < 4; k++) png[at + 4 + k] = type.charCodeAt(k)
    png.set(data, at + 8)
    out.setUint32(at + 8 + data.length, crc32(png, at + 4, at + 8 + data.length))
    at += 12 + data.length
  }
  return `data:image/png;base64,${bytesToBase64(png)}`
}
