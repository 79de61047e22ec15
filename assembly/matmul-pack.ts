// Packing for the matmul kernels: copies a `width`-line panel of A or B into scratch as `depth` steps
// of `width` contiguous elements (what the kernels read), whatever the source's layout. Sources are
// read-only; only scratch is written. Packing moves values without arithmetic, so the bits reaching
// the kernels are the inputs' bits; lines past the matrix edge are packed as +0.

/**
 * Packs lines 0..width−1 of a panel, steps 0..depth−1: element (step, line) comes from
 * source + step·depthStride + line·lineStride (strides in bytes, one of them the element size).
 * Lines from `valid` on lie past the matrix edge: they are packed as zeros, so the lanes computed
 * from them (which never reach out) hold no stale NaN or slow subnormal.
 */
// @ts-ignore: decorator
@inline export function packPanel<T>(packed: usize, source: usize, depth: i32, width: i32, valid: i32, depthStride: usize, lineStride: usize): void {
  if (lineStride == sizeof<T>()) packContiguousLines<T>(packed, source, depth, width, valid, depthStride)
  else packByTransposing<T>(packed, source, depth, width, valid, lineStride)
  if (valid < width) zeroLines<T>(packed, depth, width, valid)
}

/** Lines are contiguous in the source (A transposed, B plain): each step is a straight copy of the
 *  valid lines, vector by vector, then element by element. */
// @ts-ignore: decorator
@inline function packContiguousLines<T>(packed: usize, source: usize, depth: i32, width: i32, valid: i32, depthStride: usize): void {
  const stepBytes = <usize>width * sizeof<T>()
  const validBytes = <usize>valid * sizeof<T>()
  for (let step = 0; step < depth; step++) {
    let offset: usize = 0
    for (; offset + 16 <= validBytes; offset += 16) v128.store(packed + offset, v128.load(source + offset))
    for (; offset < validBytes; offset += sizeof<T>()) store<T>(packed + offset, load<T>(source + offset))
    packed += stepBytes
    source += depthStride
  }
}

/** Steps are contiguous in the source (A plain, B transposed): lanes×lanes blocks are loaded as
 *  vectors along depth and transposed in registers; leftover lines and steps go one by one. */
// @ts-ignore: decorator
@inline function packByTransposing<T>(packed: usize, source: usize, depth: i32, width: i32, valid: i32, lineStride: usize): void {
  const size = sizeof<T>()
  const lanes = 16 / <i32>size
  const stepBytes = <usize>width * size
  const vectorDepth = depth & ~(lanes - 1)
  let line = 0
  for (; line + lanes <= valid; line += lanes) {
    let from = source + <usize>line * lineStride
    let to = packed + <usize>line * size
    for (let step = 0; step < vectorDepth; step += lanes) {
      transposeBlock<T>(to, stepBytes, from, lineStride)
      from += 16
      to += <usize>lanes * stepBytes
    }
  }
  for (let each = 0; each < valid; each++) {
    for (let step = each < line ? vectorDepth : 0; step < depth; step++) {
      store<T>(packed + <usize>step * stepBytes + <usize>each * size, load<T>(source + <usize>each * lineStride + <usize>step * size))
    }
  }
}

/** Writes the transpose of the lanes×lanes block whose rows start at source + r·sourceStride. */
// @ts-ignore: decorator
@inline function transposeBlock<T>(destination: usize, destinationStride: usize, source: usize, sourceStride: usize): void {
  if (sizeof<T>() == 4) {
    const row0 = v128.load(source), row1 = v128.load(source + sourceStride)
    const row2 = v128.load(source + 2 * sourceStride), row3 = v128.load(source + 3 * sourceStride)
    const low01 = v128.shuffle<f32>(row0, row1, 0, 4, 1, 5), high01 = v128.shuffle<f32>(row0, row1, 2, 6, 3, 7)
    const low23 = v128.shuffle<f32>(row2, row3, 0, 4, 1, 5), high23 = v128.shuffle<f32>(row2, row3, 2, 6, 3, 7)
    v128.store(destination, v128.shuffle<f64>(low01, low23, 0, 2))
    v128.store(destination + destinationStride, v128.shuffle<f64>(low01, low23, 1, 3))
    v128.store(destination + 2 * destinationStride, v128.shuffle<f64>(high01, high23, 0, 2))
    v128.store(destination + 3 * destinationStride, v128.shuffle<f64>(high01, high23, 1, 3))
  } else {
    const row0 = v128.load(source), row1 = v128.load(source + sourceStride)
    v128.store(destination, v128.shuffle<f64>(row0, row1, 0, 2))
    v128.store(destination + destinationStride, v128.shuffle<f64>(row0, row1, 1, 3))
  }
}

/** Zeros lines valid..width−1 of every step, a vector at a time while one fits inside the step. */
// @ts-ignore: decorator
@inline function zeroLines<T>(packed: usize, depth: i32, width: i32, valid: i32): void {
  const stepBytes = <usize>width * sizeof<T>()
  const zero = v128.splat<i32>(0)
  for (let step = 0; step < depth; step++) {
    let offset = <usize>valid * sizeof<T>()
    for (; offset + 16 <= stepBytes; offset += 16) v128.store(packed + offset, zero)
    for (; offset < stepBytes; offset += sizeof<T>()) store<T>(packed + offset, 0)
    packed += stepBytes
  }
}
