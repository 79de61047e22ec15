// Matrix products out[m×n] = A·B, Aᵀ·B (A stored [k×m]) and A·Bᵀ (B stored [n×k]), f32x4 and f64x2.
// Layout: row-major, raw byte offsets, any alignment; `scratch` is the backend's block of
// matmulScratchBytes() bytes. out must not overlap a, b or scratch. Must equal matmul,
// matmulTransposeA and matmulTransposeB of src/backend/js/matmul.ts bit for bit.
import { canonicalizeTile, copyTile, depthBlockFor, multiplyTile, tileColumns, DEPTH_BLOCK, TILE_BYTES, TILE_ROWS, TILE_ROW_BYTES } from './matmul-kernel'
import { packPanel } from './matmul-pack'
import { multiplyByVector } from './matmul-vector'

/** Rows of A packed at once (16 tiles): the A block, at most 160 KiB, stays in L2. */
const ROW_BLOCK = 16 * TILE_ROWS
/** Bytes of the packed B block (DEPTH_BLOCK × 512 float32 or 256 float64 columns), swept per A block. */
const B_BLOCK_BYTES = 512 * 1024
const A_BLOCK_BYTES = ROW_BLOCK * DEPTH_BLOCK * sizeof<f64>()

/** Bytes of scratch every matmul call needs: an edge tile, the packed A block and the packed B block. */
export function matmulScratchBytes(): i32 {
  return TILE_BYTES + A_BLOCK_BYTES + B_BLOCK_BYTES
}

/**
 * out = A·B where A(i, p) = a[i·aRowStride + p·aDepthStride], B(p, j) = b[p·bDepthStride + j·bColumnStride] and
 * out(i, j) = out[i·outRowStride + j] (strides in elements), so one routine serves all three forms and any block of
 * out's rows and columns. Goto-style blocking: for each block of columns and of depth, B is packed once into strips of
 * tileColumns; for each block of rows A is packed into strips of TILE_ROWS; every tile then runs the micro-kernel. Each
 * out[i, j] is summed over p ascending: depth blocks go in order and later ones resume from the partial sums in out.
 */
function multiply<T>(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize,
  aRowStride: usize, aDepthStride: usize, bDepthStride: usize, bColumnStride: usize, outRowStride: usize): void {
  assert(m > 0 && k > 0 && n > 0, 'matmul: m, k and n must be positive')
  // One output column or row would fill one lane in eight of a tile: take the matrix·vector path, whose vector and output
  // must be contiguous. Column 0 of B (when n == 1) is in every form, unless it is one column of a thread's share of a
  // wider product (out's row stride > 1); row 0 of A (when m == 1) is unless it is one row of a thread's share of Aᵀ·B
  // (depth stride m). Those take the tiles: the same sums, in the same order.
  if (n == 1 && outRowStride == 1) return multiplyByVector<T>(out, a, b, m, k, scratch, aRowStride, aDepthStride)
  if (m == 1 && aDepthStride == 1) return multiplyByVector<T>(out, b, a, n, k, scratch, bColumnStride, bDepthStride)
  const size = sizeof<T>()
  const columns = tileColumns<T>()
  const columnBlock = B_BLOCK_BYTES / (DEPTH_BLOCK * <i32>size)
  const edgeTile = scratch
  const packedA = scratch + TILE_BYTES
  const packedB = packedA + A_BLOCK_BYTES
  const outRowBytes = outRowStride * size
  const depthBlock = depthBlockFor(k)
  for (let firstColumn = 0; firstColumn < n; firstColumn += columnBlock) {
    const blockColumns = min(columnBlock, n - firstColumn)
    for (let firstStep = 0; firstStep < k; firstStep += depthBlock) {
      const depth = min(depthBlock, k - firstStep)
      const accumulate = firstStep > 0
      const finished = firstStep + depth == k
      for (let column = 0; column < blockColumns; column += columns) {
        const source = b + (<usize>firstStep * bDepthStride + <usize>(firstColumn + column) * bColumnStride) * size
        packPanel<T>(packedB + <usize>column * depth * size, source, depth, columns, min(columns, blockColumns - column),
          bDepthStride * size, bColumnStride * size)
      }
      for (let firstRow = 0; firstRow < m; firstRow += ROW_BLOCK) {
        const blockRows = min(ROW_BLOCK, m - firstRow)
        for (let row = 0; row < blockRows; row += TILE_ROWS) {
          const source = a + (<usize>(firstRow + row) * aRowStride + <usize>firstStep * aDepthStride) * size
          packPanel<T>(packedA + <usize>row * depth * size, source, depth, TILE_ROWS, min(TILE_ROWS, blockRows - row),
            aDepthStride * size, aRowStride * size)
        }
        // Column strips outside, row strips inside: one B strip serves the whole A block from L1.
        for (let column = 0; column < blockColumns; column += columns) {
          const stripB = packedB + <usize>column * depth * size
          const tileColumnCount = min(columns, blockColumns - column)
          for (let row = 0; row < blockRows; row += TILE_ROWS) {
            const stripA = packedA + <usize>row * depth * size
            const tile = out + <usize>(firstRow + row) * outRowBytes + <usize>(firstColumn + column) * size
            const tileRowCount = min(TILE_ROWS, blockRows - row)
            if (tileRowCount == TILE_ROWS && tileColumnCount == columns) {
              multiplyTile<T>(tile, outRowBytes, stripA, stripB, depth, accumulate)
              if (finished) canonicalizeTile<T>(tile, outRowBytes)
            } else {
              // A tile cut by the matrix edge runs the same kernel on a full-size copy in scratch.
              if (accumulate) copyTile<T>(edgeTile, TILE_ROW_BYTES, tile, outRowBytes, tileRowCount, tileColumnCount)
              multiplyTile<T>(edgeTile, TILE_ROW_BYTES, stripA, stripB, depth, accumulate)
              if (finished) canonicalizeTile<T>(edgeTile, TILE_ROW_BYTES)
              copyTile<T>(tile, outRowBytes, edgeTile, TILE_ROW_BYTES, tileRowCount, tileColumnCount)
            }
          }
        }
      }
    }
  }
}

// Each form computes the block of out's rows [firstRow, firstRow + rowCount) and columns [firstColumn, firstColumn +
// columnCount) (all of it: 0, m, 0, n), so pool threads can share a product by rows or by columns: a block is the same
// routine on offset pointers with out's full row stride, and each out[i, j] is summed exactly as in the whole call.
// @ts-ignore: decorator
@inline function block<T>(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize, firstRow: i32, rowCount: i32,
  firstColumn: i32, columnCount: i32, aRowStride: usize, aDepthStride: usize, bDepthStride: usize, bColumnStride: usize): void {
  const size = sizeof<T>()
  multiply<T>(out + (<usize>firstRow * n + <usize>firstColumn) * size, a + <usize>firstRow * aRowStride * size,
    b + <usize>firstColumn * bColumnStride * size, rowCount, k, columnCount, scratch, aRowStride, aDepthStride, bDepthStride, bColumnStride, n)
}

/** out[m×n] = A·B, A [m×k] and B [k×n]. */
export function matmulF32(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize, firstRow: i32, rowCount: i32, firstColumn: i32, columnCount: i32): void {
  block<f32>(out, a, b, m, k, n, scratch, firstRow, rowCount, firstColumn, columnCount, k, 1, n, 1)
}
export function matmulF64(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize, firstRow: i32, rowCount: i32, firstColumn: i32, columnCount: i32): void {
  block<f64>(out, a, b, m, k, n, scratch, firstRow, rowCount, firstColumn, columnCount, k, 1, n, 1)
}
/** out[m×n] = Aᵀ·B, A stored [k×m] (row i of the product is column i of A) and B [k×n]. */
export function matmulTransposeAF32(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize, firstRow: i32, rowCount: i32, firstColumn: i32, columnCount: i32): void {
  block<f32>(out, a, b, m, k, n, scratch, firstRow, rowCount, firstColumn, columnCount, 1, m, n, 1)
}
export function matmulTransposeAF64(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize, firstRow: i32, rowCount: i32, firstColumn: i32, columnCount: i32): void {
  block<f64>(out, a, b, m, k, n, scratch, firstRow, rowCount, firstColumn, columnCount, 1, m, n, 1)
}
/** out[m×n] = A·Bᵀ, A [m×k] and B stored [n×k]. */
export function matmulTransposeBF32(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize, firstRow: i32, rowCount: i32, firstColumn: i32, columnCount: i32): void {
  block<f32>(out, a, b, m, k, n, scratch, firstRow, rowCount, firstColumn, columnCount, k, 1, 1, k)
}
export function matmulTransposeBF64(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize, firstRow: i32, rowCount: i32, firstColumn: i32, columnCount: i32): void {
  block<f64>(out, a, b, m, k, n, scratch, firstRow, rowCount, firstColumn, columnCount, k, 1, 1, k)
}
