// Shapes: validation, sizes, nested-array parsing and the broadcasting forms curvenet supports.

export type Shape = readonly number[]

export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`
}

export function sizeOf(shape: Shape): number {
  let size = 1
  for (const dimension of shape) size *= dimension
  return size
}

export function checkShape(where: string, shape: unknown): number[] {
  if (!Array.isArray(shape)) throw new TypeError(`${where}: shape must be an array of dimensions such as [2, 3], got ${typeof shape}`)
  for (const dimension of shape) {
    if (typeof dimension !== 'number' || !Number.isSafeInteger(dimension) || dimension < 0) {
      throw new RangeError(`${where}: every dimension must be a non-negative integer, got ${formatShape(shape)} (${String(dimension)} is not)`)
    }
  }
  return [...shape]
}

/** The shape of a nested array, checking that it is rectangular ("ragged" arrays are refused). */
export function nestedShape(where: string, data: unknown): number[] {
  const shape: number[] = []
  let level: unknown = data
  while (Array.isArray(level)) {
    shape.push(level.length)
    level = level[0]
  }
  checkRectangular(where, data, shape, 0, [])
  return shape
}

function checkRectangular(where: string, data: unknown, shape: number[], depth: number, path: number[]): void {
  if (depth === shape.length) {
    if (Array.isArray(data)) throw new RangeError(`${where}: ragged nested array: element ${pathText(path)} is an array but its siblings are numbers`)
    if (typeof data !== 'number') throw new TypeError(`${where}: element ${pathText(path)} must be a number, got ${data === null ? 'null' : typeof data}`)
    return
  }
  if (!Array.isArray(data)) throw new RangeError(`${where}: ragged nested array: element ${pathText(path)} is a ${typeof data} where an array of length ${shape[depth]} was expected`)
  if (data.length !== shape[depth]) {
    throw new RangeError(`${where}: ragged nested array: element ${pathText(path)} has length ${data.length} but its first sibling has length ${shape[depth]}`)
  }
  for (let i = 0; i < data.length; i++) checkRectangular(where, data[i], shape, depth + 1, [...path, i])
}

function pathText(path: number[]): string {
  return path.length === 0 ? '(the top level)' : path.map((i) => `[${i}]`).join('')
}

/** Copies a rectangular nested array into `out` in row-major order. */
export function flattenInto(data: unknown, out: { [index: number]: number }, offset = 0): number {
  if (!Array.isArray(data)) {
    out[offset] = data as number
    return offset + 1
  }
  for (const item of data) offset = flattenInto(item, out, offset)
  return offset
}

/**
 * How an operand reaches the broadcast result shape. 'same': identical shape; 'scalar': one
 * element; 'row': it equals the result's trailing dimensions (a bias row); 'column': it equals the
 * result's leading dimensions followed by ones (one value per row). Anything else is refused.
 */
export type BroadcastForm = 'same' | 'scalar' | 'row' | 'column'

export interface Broadcast {
  shape: number[]
  a: BroadcastForm
  b: BroadcastForm
}

export function broadcastShapes(where: string, a: Shape, b: Shape): Broadcast {
  const rank = Math.max(a.length, b.length)
  const padded = (shape: Shape) => [...new Array<number>(rank - shape.length).fill(1), ...shape]
  const pa = padded(a), pb = padded(b)
  const shape: number[] = []
  for (let i = 0; i < rank; i++) {
    if (pa[i] !== pb[i] && pa[i] !== 1 && pb[i] !== 1) {
      throw new RangeError(`${where}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast: dimension ${i} is ${pa[i]} vs ${pb[i]}`)
    }
    shape.push(pa[i] === 1 ? pb[i] : pa[i])
  }
  const formA = broadcastForm(pa, shape), formB = broadcastForm(pb, shape)
  if (formA === undefined || formB === undefined) {
    throw new RangeError(`${where}: shapes ${formatShape(a)} and ${formatShape(b)} broadcast to ${formatShape(shape)} in a way curvenet does not support; ` +
      'supported: equal shapes, a scalar, a row matching the trailing dimensions, or a column (leading dimensions then ones)')
  }
  return { shape, a: formA, b: formB }
}

function broadcastForm(padded: number[], result: number[]): BroadcastForm | undefined {
  if (padded.every((dimension, i) => dimension === result[i])) return 'same'
  if (padded.every((dimension) => dimension === 1)) return 'scalar'
  const firstKept = padded.findIndex((dimension, i) => dimension === result[i] && dimension !== 1)
  const isRow = padded.every((dimension, i) => (i < firstKept ? dimension === 1 : dimension === result[i]))
  if (isRow) return 'row'
  let lastKept = -1
  padded.forEach((dimension, i) => { if (dimension !== 1) lastKept = i })
  const isColumn = padded.every((dimension, i) => (i <= lastKept ? dimension === result[i] : dimension === 1))
  return isColumn ? 'column' : undefined
}
