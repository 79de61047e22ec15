// Reads back the PNG heatmap of surfaceSVG without trusting its encoder: chunks split by their lengths, each chunk's CRC-32
// recomputed bit by bit (not from a table, as src/plot/png.ts does), the zlib stream inflated by the platform's own
// DecompressionStream (which checks the Adler-32), rows unfiltered (filter 0 only: what the encoder writes).

function crc32Bitwise(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return (crc ^ 0xffffffff) >>> 0
}

export interface Pixels { width: number; height: number; rgb: Uint8Array }

/** The surface image's data URL in an SVG string from surfaceSVG (undefined when there is none). */
export function surfaceImageUrl(svg: string): string | undefined {
  return /<image class="surface"[^>]* href="(data:image\/png;base64,[^"]+)"\/>/.exec(svg)?.[1]
}

export async function decodePng(dataUrl: string): Promise<Pixels> {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1))
  const png: Uint8Array<ArrayBuffer> = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  const view = new DataView(png.buffer)
  if (![0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, k) => png[k] === b)) throw new Error('not a PNG signature')
  let width = 0, height = 0
  const idat: Uint8Array<ArrayBuffer>[] = []
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at)
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8))
    const stored = view.getUint32(at + 8 + length)
    if (crc32Bitwise(png.subarray(at + 4, at + 8 + length)) !== stored) throw new Error(`chunk ${type}: bad CRC`)
    const data = png.subarray(at + 8, at + 8 + length)
    if (type === 'IHDR') {
      width = view.getUint32(at + 8)
      height = view.getUint32(at + 12)
      if (data[8] !== 8 || data[9] !== 2) throw new Error(`IHDR: expected 8-bit RGB, got depth ${data[8]} colour type ${data[9]}`)
    }
    if (type === 'IDAT') idat.push(data)
    at += 12 + length
  }
  const stream = new Blob(idat).stream().pipeThrough(new DecompressionStream('deflate'))
  const raw = new Uint8Array(await new Response(stream).arrayBuffer())
  if (raw.length !== height * (1 + 3 * width)) throw new Error(`inflated ${raw.length} bytes for ${width} × ${height} RGB rows`)
  const rgb = new Uint8Array(3 * width * height)
  for (let row = 0; row < height; row++) {
    if (raw[row * (1 + 3 * width)] !== 0) throw new Error(`row ${row}: filter ${raw[row * (1 + 3 * width)]}, expected 0`)
    rgb.set(raw.subarray(row * (1 + 3 * width) + 1, (row + 1) * (1 + 3 * width)), 3 * width * row)
  }
  return { width, height, rgb }
}

/** The colour of pixel (row, column) as '#rrggbb'. */
export function pixel({ width, rgb }: Pixels, row: number, column: number): string {
  const at = 3 * (row * width + column)
  return `#${[rgb[at], rgb[at + 1], rgb[at + 2]].map((c) => c.toString(16).padStart(2, '0')).join('')}`
}
