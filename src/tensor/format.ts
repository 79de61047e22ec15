// toString() in numpy's style: tensor([[1., 2.],\n        [3., 4.]], dtype=float32), with the
// middle of long axes elided ("...") past 1000 elements, as numpy does.
import { roundingOfDtype } from '../math/precision'
import type { DType, FloatArray } from '../backend/kernels'
import { sizeOf, type Shape } from './shape'

const THRESHOLD = 1000
const EDGE_ITEMS = 3

/** Fraction digits (≤ 8, numpy's precision) that still read back as x in the dtype. */
function digitsNeeded(x: number, render: (x: number, digits: number) => string, round: (x: number) => number): number {
  for (let digits = 0; digits < 8; digits++) if (round(Number(render(x, digits))) === x) return digits
  return 8
}

/**
 * numpy's rules: scientific when the non-zero magnitudes reach 1e8, drop below 1e-4 or span more
 * than 1000×; fixed otherwise, each value with its own shortest digits and the decimal points
 * aligned (fractions padded with spaces); scientific mantissas share one digit count.
 */
function formatterFor(values: number[], dtype: DType): (x: number) => string {
  const round = roundingOfDtype(dtype)
  const magnitudes = values.filter((x) => Number.isFinite(x) && x !== 0).map(Math.abs)
  const largest = Math.max(0, ...magnitudes), smallest = Math.min(Infinity, ...magnitudes)
  const scientific = magnitudes.length > 0 && (largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1000)
  const finite = values.filter(Number.isFinite)
  const special = (x: number) => (Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf')
  if (scientific) {
    const digits = Math.max(0, ...finite.map((x) => digitsNeeded(x, (v, d) => v.toExponential(d), round)))
    return (x) => {
      if (!Number.isFinite(x)) return special(x)
      const [mantissa, exponent] = x.toExponential(digits).split('e')
      const sign = exponent.startsWith('-') ? '-' : '+'
      return `${mantissa}${digits === 0 ? '.' : ''}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`
    }
  }
  const fixedDigits = (x: number) => digitsNeeded(x, (v, d) => v.toFixed(d), round)
  const widest = Math.max(0, ...finite.map(fixedDigits))
  return (x) => {
    if (!Number.isFinite(x)) return special(x)
    const digits = fixedDigits(x)
    return `${x.toFixed(digits)}${digits === 0 ? '.' : ''}${' '.repeat(widest - digits)}`
  }
}

export function formatTensor(data: FloatArray, shape: Shape, dtype: DType): string {
  const summarise = sizeOf(shape) > THRESHOLD
  const shown: number[] = []
  const pick = (depth: number, offset: number): void => {
    if (depth === shape.length) { shown.push(data[offset]); return }
    const stride = sizeOf(shape.slice(depth + 1))
    for (const i of indices(shape[depth], summarise)) if (i >= 0) pick(depth + 1, offset + i * stride)
  }
  pick(0, 0)
  const format = formatterFor(shown, dtype)
  const width = shown.reduce((w, x) => Math.max(w, format(x).length), 0)
  const prefix = 'tensor('
  const render = (depth: number, offset: number): string => {
    if (depth === shape.length) return format(data[offset]).padStart(width)
    const stride = sizeOf(shape.slice(depth + 1))
    const parts = indices(shape[depth], summarise).map((i) => (i < 0 ? '...' : render(depth + 1, offset + i * stride)))
    const separator = depth === shape.length - 1 ? ', ' : ',' + '\n'.repeat(shape.length - depth - 1) + ' '.repeat(prefix.length + depth + 1)
    return `[${parts.join(separator)}]`
  }
  return `${prefix}${render(0, 0)}, dtype=${dtype})`
}

/** The indices shown along an axis; −1 stands for the elided middle. */
function indices(length: number, summarise: boolean): number[] {
  if (!summarise || length <= 2 * EDGE_ITEMS) return Array.from({ length }, (_, i) => i)
  return [0, 1, 2, -1, length - 3, length - 2, length - 1]
}
