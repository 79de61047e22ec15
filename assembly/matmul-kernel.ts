// The matmul micro-kernel (one TILE_ROWS × 2-vector tile of out in registers over a depth run) and the
// helpers every matmul driver shares. Layout: packed A strip = depth steps of TILE_ROWS elements, packed
// B strip = depth steps of 2 vectors (matmul-pack.ts); out rows are `outRowBytes` apart. Each lane sums
// over depth in order, one mul then one add per step (no FMA), as matmul() of src/backend/js/matmul.ts.
import { canonicalLanes } from './lanes'

/** Rows of the register tile. 5 rows × 2 vectors = 10 accumulators, + 2 B vectors, the broadcast
 *  A element and one product = 14 of the 15 xmm registers V8 allocates on x64 (xmm15 is its
 *  scratch); 6 rows spill inside the loop and run at half speed. */
export const TILE_ROWS = 5
/** Bytes of one tile row (and of one packed B depth step): two v128 accumulators. */
export const TILE_ROW_BYTES = 32
export const TILE_BYTES = TILE_ROWS * TILE_ROW_BYTES
/** Longest depth run per packed block: a B strip (256 × 32 bytes) stays in L1 next to its A strip. */
export const DEPTH_BLOCK = 256

/** Depth per block for a sum over k: equal blocks (784 = 4 × 196, not 3 × 256 + 16), so none is short and slow. */
// @ts-ignore: decorator
@inline export function depthBlockFor(k: i32): i32 {
  const blocks = (k + DEPTH_BLOCK - 1) / DEPTH_BLOCK
  return (k + blocks - 1) / blocks
}

/** Columns of the register tile: 8 in float32, 4 in float64. */
// @ts-ignore: decorator
@inline export function tileColumns<T>(): i32 {
  return TILE_ROW_BYTES / sizeof<T>()
}

/**
 * out tile (+)= packedA strip · packedB strip over `depth` steps. With `accumulate` the tile starts
 * from the partial sums already in out (an earlier depth block), else from +0 like the js spec.
 * Per step: broadcast each row's A element, multiply both B vectors, add into that row's sums.
 * Not inlined, and nothing but plain stores after the loop: with more code around it (even the NaN
 * selects of canonicalizeTile) V8 hoists all seven loads of a step, runs out of registers and
 * spills accumulators, at half the speed.
 */
export function multiplyTile<T>(out: usize, outRowBytes: usize, packedA: usize, packedB: usize, depth: i32, accumulate: bool): void {
  let left0 = v128.splat<T>(0), right0 = v128.splat<T>(0)
  let left1 = left0, right1 = left0, left2 = left0, right2 = left0
  let left3 = left0, right3 = left0, left4 = left0, right4 = left0
  if (accumulate) {
    left0 = v128.load(out); right0 = v128.load(out, 16)
    left1 = v128.load(out + outRowBytes); right1 = v128.load(out + outRowBytes, 16)
    left2 = v128.load(out + 2 * outRowBytes); right2 = v128.load(out + 2 * outRowBytes, 16)
    left3 = v128.load(out + 3 * outRowBytes); right3 = v128.load(out + 3 * outRowBytes, 16)
    left4 = v128.load(out + 4 * outRowBytes); right4 = v128.load(out + 4 * outRowBytes, 16)
  }
  const size = sizeof<T>()
  for (let step = 0; step < depth; step++) {
    const bLeft = v128.load(packedB)
    const bRight = v128.load(packedB, 16)
    let a = v128.load_splat<T>(packedA)
    left0 = v128.add<T>(left0, v128.mul<T>(a, bLeft)); right0 = v128.add<T>(right0, v128.mul<T>(a, bRight))
    a = v128.load_splat<T>(packedA, size)
    left1 = v128.add<T>(left1, v128.mul<T>(a, bLeft)); right1 = v128.add<T>(right1, v128.mul<T>(a, bRight))
    a = v128.load_splat<T>(packedA, 2 * size)
    left2 = v128.add<T>(left2, v128.mul<T>(a, bLeft)); right2 = v128.add<T>(right2, v128.mul<T>(a, bRight))
    a = v128.load_splat<T>(packedA, 3 * size)
    left3 = v128.add<T>(left3, v128.mul<T>(a, bLeft)); right3 = v128.add<T>(right3, v128.mul<T>(a, bRight))
    a = v128.load_splat<T>(packedA, 4 * size)
    left4 = v128.add<T>(left4, v128.mul<T>(a, bLeft)); right4 = v128.add<T>(right4, v128.mul<T>(a, bRight))
    packedA += <usize>TILE_ROWS * size
    packedB += TILE_ROW_BYTES
  }
  v128.store(out, left0); v128.store(out, right0, 16)
  v128.store(out + outRowBytes, left1); v128.store(out + outRowBytes, right1, 16)
  v128.store(out + 2 * outRowBytes, left2); v128.store(out + 2 * outRowBytes, right2, 16)
  v128.store(out + 3 * outRowBytes, left3); v128.store(out + 3 * outRowBytes, right3, 16)
  v128.store(out + 4 * outRowBytes, left4); v128.store(out + 4 * outRowBytes, right4, 16)
}

/** Replaces every NaN of a finished tile by the canonical quiet NaN (canonicalLanes), as the js spec
 *  does. A first pass only looks, as a tile almost never holds a NaN. */
// @ts-ignore: decorator
@inline export function canonicalizeTile<T>(tile: usize, rowBytes: usize): void {
  let anyNaN = v128.splat<i32>(0)
  let row = tile
  for (let each = 0; each < TILE_ROWS; each++) {
    const left = v128.load(row), right = v128.load(row, 16)
    anyNaN = v128.or(anyNaN, v128.or(v128.ne<T>(left, left), v128.ne<T>(right, right)))
    row += rowBytes
  }
  if (!v128.any_true(anyNaN)) return
  for (let each = 0; each < TILE_ROWS; each++) {
    v128.store(tile, canonicalLanes<T, v128>(v128.load(tile)))
    v128.store(tile, canonicalLanes<T, v128>(v128.load(tile, 16)), 16)
    tile += rowBytes
  }
}

/** Copies rows × columns elements between two row-major tiles (edge tiles in and out of scratch). */
// @ts-ignore: decorator
@inline export function copyTile<T>(to: usize, toRowBytes: usize, from: usize, fromRowBytes: usize, rows: i32, columns: i32): void {
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const offset = <usize>column * sizeof<T>()
      store<T>(to + <usize>row * toRowBytes + offset, load<T>(from + <usize>row * fromRowBytes + offset))
    }
  }
}
