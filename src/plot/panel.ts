// The plotting core of src/plot/ (graphSVG, kanSVG, the README pictures): a Panel maps data to pixels on linear or log
// axes and draws its frame, ticks, polylines, dots, curves and a legend as SVG text. Output is plain
// strings with numbers printed by svgNumber, so the same data always give the same file.
import { svgNumber } from '../curves/common'

export interface Axis { label: string; low: number; high: number; log?: boolean }
export interface Box { left: number; top: number; width: number; height: number }
export interface Style { color: string; width?: number; dash?: string; opacity?: number }
export interface LegendEntry { label: string; style: Style; dot?: boolean }

/** Pixel coordinates: two decimals are far below a pixel and keep the files short. */
const pixel = (value: number) => svgNumber(Math.round(value * 100) / 100)
const font = 'font-family="Helvetica, Arial, sans-serif"'

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function strokeAttributes(style: Style): string {
  return `stroke="${style.color}" stroke-width="${style.width ?? 1.5}"` +
    (style.dash ? ` stroke-dasharray="${style.dash}"` : '') + (style.opacity !== undefined ? ` stroke-opacity="${style.opacity}"` : '')
}

/** 1, 2 or 5 times a power of ten, about a fifth of the span. */
function niceStep(span: number): number {
  const rough = span / 5
  const power = 10 ** Math.floor(Math.log10(rough))
  const leading = rough / power
  return (leading < 1.5 ? 1 : leading < 3.5 ? 2 : leading < 7.5 ? 5 : 10) * power
}

/** 10^exponent as a label: the exponent in ASCII, raised and smaller. Not the Unicode superscripts (⁻, ⁰, ⁴ … ⁹): common
 *  sans fonts (Liberation Sans, Arial's stand-in on Linux) lack them, and laying out text that falls back to another font
 *  took 4–12 ms per redraw of a loss curve in Chromium here, against 1–4 ms with these labels — a page that redraws its
 *  loss curve while training pays that on every frame. */
const powerOfTen = (exponent: number) => (exponent === 0 ? '1' : exponent === 1 ? '10' : `10<tspan dy="-5" font-size="9">${exponent}</tspan>`)

interface Tick { value: number; label?: string }

function ticks(axis: Axis): Tick[] {
  const result: Tick[] = []
  if (axis.log) {
    for (let exponent = Math.floor(Math.log10(axis.low)); exponent <= Math.ceil(Math.log10(axis.high)); exponent++) {
      for (let mantissa = 1; mantissa < 10; mantissa++) {
        const value = mantissa * 10 ** exponent
        if (value >= axis.low * (1 - 1e-9) && value <= axis.high * (1 + 1e-9)) result.push({ value, label: mantissa === 1 ? powerOfTen(exponent) : undefined })
      }
    }
    return result
  }
  const step = niceStep(axis.high - axis.low)
  for (let k = Math.ceil(axis.low / step - 1e-9); k * step <= axis.high + step * 1e-9; k++) result.push({ value: k * step, label: svgNumber(k * step, 6) })
  return result
}

export class Panel {
  constructor(readonly box: Box, readonly x: Axis, readonly y: Axis) {}

  /** The position of a value along an axis as a fraction 0 … 1 of its span. */
  private static fraction(axis: Axis, value: number): number {
    return axis.log ? Math.log10(value / axis.low) / Math.log10(axis.high / axis.low) : (value - axis.low) / (axis.high - axis.low)
  }

  px(value: number): number { return this.box.left + Panel.fraction(this.x, value) * this.box.width }
  py(value: number): number { return this.box.top + (1 - Panel.fraction(this.y, value)) * this.box.height }

  /** Frame, light grid lines at the ticks, tick labels and axis labels. */
  axes(): string {
    const { left, top, width, height } = this.box
    const parts = [`<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="white" stroke="#444" stroke-width="1"/>`]
    for (const tick of ticks(this.x)) {
      const x = pixel(this.px(tick.value))
      parts.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${top + height}" stroke="${tick.label ? '#ddd' : '#f0f0f0'}" stroke-width="1"/>`)
      if (tick.label) parts.push(`<text x="${x}" y="${top + height + 16}" text-anchor="middle" font-size="12" ${font}>${tick.label}</text>`)
    }
    for (const tick of ticks(this.y)) {
      const y = pixel(this.py(tick.value))
      parts.push(`<line x1="${left}" y1="${y}" x2="${left + width}" y2="${y}" stroke="${tick.label ? '#ddd' : '#f0f0f0'}" stroke-width="1"/>`)
      if (tick.label) parts.push(`<text x="${left - 6}" y="${y}" dy="4" text-anchor="end" font-size="12" ${font}>${tick.label}</text>`)
    }
    parts.push(`<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="none" stroke="#444" stroke-width="1"/>`)
    if (this.x.label) parts.push(`<text x="${pixel(left + width / 2)}" y="${top + height + 36}" text-anchor="middle" font-size="13" ${font}>${escapeText(this.x.label)}</text>`)
    if (this.y.label) {
      const x = left - 56, y = pixel(top + height / 2)
      parts.push(`<text x="${x}" y="${y}" transform="rotate(-90 ${x} ${y})" text-anchor="middle" font-size="13" ${font}>${escapeText(this.y.label)}</text>`)
    }
    return parts.join('\n')
  }

  polyline(points: ArrayLike<readonly [number, number]>, style: Style): string {
    const coordinates = Array.from(points, ([x, y]) => `${pixel(this.px(x))},${pixel(this.py(y))}`).join(' ')
    return `<polyline points="${coordinates}" fill="none" ${strokeAttributes(style)} stroke-linejoin="round"/>`
  }

  dots(points: ArrayLike<readonly [number, number]>, color: string, radius = 3.5): string {
    return Array.from(points, ([x, y]) => `<circle cx="${pixel(this.px(x))}" cy="${pixel(this.py(y))}" r="${radius}" fill="${color}" stroke="white" stroke-width="1"/>`).join('\n')
  }

  /**
   * SVG path data in data coordinates (what a curve's toSVGPath() returns) mapped to pixels: every
   * command of toSVGPath (M, L, Q, C) takes absolute x y pairs, and a Bezier mapped by an affine map is
   * the Bezier of the mapped control points, so mapping the pairs maps the curve exactly.
   */
  #toPixels(pathData: string): string {
    if (this.x.log || this.y.log) throw new Error('Panel: path data can only be mapped onto linear axes')
    const tokens = pathData.trim().split(/\s+/)
    const out: string[] = []
    for (let i = 0; i < tokens.length;) {
      if (/^[MLQC]$/.test(tokens[i])) {
        out.push(tokens[i++])
        continue
      }
      out.push(pixel(this.px(Number(tokens[i]))), pixel(this.py(Number(tokens[i + 1]))))
      i += 2
    }
    return out.join(' ')
  }

  curve(pathData: string, style: Style): string {
    return `<path d="${this.#toPixels(pathData)}" fill="none" ${strokeAttributes(style)} stroke-linejoin="round"/>`
  }

  /** A band of half-width `halfWidth` data units around a curve: the curve stroked that wide (on equal-aspect axes). */
  band(pathData: string, halfWidth: number, color: string): string {
    const pixelsPerUnitX = this.box.width / (this.x.high - this.x.low), pixelsPerUnitY = this.box.height / (this.y.high - this.y.low)
    if (Math.abs(pixelsPerUnitX / pixelsPerUnitY - 1) > 1e-9) throw new Error('Panel.band: needs equal-aspect axes (see equalAspectAxes)')
    return `<path d="${this.#toPixels(pathData)}" fill="none" stroke="${color}" stroke-width="${pixel(2 * halfWidth * pixelsPerUnitX)}" stroke-linecap="round" stroke-linejoin="round"/>`
  }

  text(x: number, y: number, content: string, attributes = ''): string {
    return `<text x="${pixel(this.px(x))}" y="${pixel(this.py(y))}" font-size="12" ${font} ${attributes}>${escapeText(content)}</text>`
  }

  /** A boxed legend with a line sample per entry, in a corner of the panel or with its top-left corner at a data point. */
  legend(entries: LegendEntry[], place: 'top-left' | 'top-right' | 'bottom-left' | readonly [number, number] = 'top-right'): string {
    const rowHeight = 18
    const width = 34 + Math.max(...entries.map((entry) => entry.label.length)) * 6.6
    const height = entries.length * rowHeight + 8
    const left = typeof place !== 'string' ? this.px(place[0]) : place === 'top-right' ? this.box.left + this.box.width - width - 8 : this.box.left + 8
    const top = typeof place !== 'string' ? this.py(place[1]) : place === 'bottom-left' ? this.box.top + this.box.height - height - 8 : this.box.top + 8
    const parts = [`<rect x="${pixel(left)}" y="${pixel(top)}" width="${pixel(width)}" height="${height}" fill="white" fill-opacity="0.92" stroke="#bbb"/>`]
    entries.forEach((entry, row) => {
      const y = top + 4 + rowHeight * (row + 0.5)
      parts.push(entry.dot
        ? `<circle cx="${pixel(left + 17)}" cy="${pixel(y)}" r="3.5" fill="${entry.style.color}"/>`
        : `<line x1="${pixel(left + 6)}" y1="${pixel(y)}" x2="${pixel(left + 28)}" y2="${pixel(y)}" ${strokeAttributes(entry.style)}/>`)
      parts.push(`<text x="${pixel(left + 34)}" y="${pixel(y)}" dy="4" font-size="12" ${font}>${escapeText(entry.label)}</text>`)
    })
    return parts.join('\n')
  }
}

/** Axis ranges around `bounds` with one data unit the same number of pixels along x and y. */
export function equalAspectAxes(box: Box, bounds: { low: [number, number]; high: [number, number] }, margin = 0.06): [Axis, Axis] {
  const spanX = (bounds.high[0] - bounds.low[0]) * (1 + 2 * margin)
  const spanY = (bounds.high[1] - bounds.low[1]) * (1 + 2 * margin)
  const unitsPerPixel = Math.max(spanX / box.width, spanY / box.height)
  const centreX = (bounds.low[0] + bounds.high[0]) / 2, centreY = (bounds.low[1] + bounds.high[1]) / 2
  const halfX = (unitsPerPixel * box.width) / 2, halfY = (unitsPerPixel * box.height) / 2
  return [{ label: '', low: centreX - halfX, high: centreX + halfX }, { label: '', low: centreY - halfY, high: centreY + halfY }]
}

export function svgDocument(width: number, height: number, title: string, parts: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeText(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n')
}
