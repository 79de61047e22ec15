// The matmul path for a product with one output column or row (n == 1 or m == 1): a matrix times a
// vector, vectorised across the matrix's rows so no tile lane is wasted. Layout and aliasing as in
// matmul.ts; the packed panel is depth steps of TILE_BYTES/size consecutive rows (matmul-pack.ts).
// Each output sums over p ascending, product then add, as matmul() of src/backend/js/matmul.ts.
import { canonicalizeTile, copyTile, depthBlockFor, TILE_BYTES, TILE_ROW_BYTES } from './matmul-kernel'
import { packPanel } from './matmul-pack'

/**
 * out[r] = Σ_p M(r, p)·vector[p] for r < rows, where M(r, p) = matrix[r·rowStride + p·depthStride]
 * (strides in elements) and vector is contiguous. Rows go in panels of TILE_BYTES/size (40 float32,
 * 20 float64); each panel is packed and summed one depth block after another, so its partial sums
 * stay in out (or in the edge tile for the last, short panel) between blocks.
 */
export function multiplyByVector<T>(out: usize, matrix: usize, vector: usize, rows: i32, k: i32, scratch: usize,
  rowStride: usize, depthStride: usize): void {
  const size = sizeof<T>()
  const panelRows = TILE_BYTES / <i32>size
  const edgeTile = scratch
  const packed = scratch + TILE_BYTES
  const depthBlock = depthBlockFor(k)
  for (let firstRow = 0; firstRow < rows; firstRow += panelRows) {
    const panelValidRows = min(panelRows, rows - firstRow)
    const sums = panelValidRows == panelRows ? out + <usize>firstRow * size : edgeTile
    for (let firstStep = 0; firstStep < k; firstStep += depthBlock) {
      const depth = min(depthBlock, k - firstStep)
      const source = matrix + (<usize>firstRow * rowStride + <usize>firstStep * depthStride) * size
      const element = vector + <usize>firstStep * size
      // A full panel whose rows are contiguous is read in place: packing it would only copy it.
      if (rowStride == 1 && panelValidRows == panelRows) {
        multiplyPanel<T>(sums, source, depthStride * size, element, depth, firstStep > 0)
      } else {
        packPanel<T>(packed, source, depth, panelRows, panelValidRows, depthStride * size, rowStride * size)
        multiplyPanel<T>(sums, packed, TILE_BYTES, element, depth, firstStep > 0)
      }
    }
    canonicalizeTile<T>(sums, TILE_ROW_BYTES)
    if (sums == edgeTile) copyTile<T>(out + <usize>firstRow * size, 0, edgeTile, 0, 1, panelValidRows)
  }
}

/**
 * sums[0 .. TILE_BYTES) (+)= panel · vector over `depth` steps, the panel's steps `stepBytes` apart:
 * per step, broadcast the vector's element, multiply the step's ten vectors of rows, add into ten sums. Not inlined, for
 * the register reasons told at multiplyTile (10 sums + element + load + product = 13 registers).
 */
function multiplyPanel<T>(sums: usize, panel: usize, stepBytes: usize, vector: usize, depth: i32, accumulate: bool): void {
  let sum0 = v128.splat<T>(0)
  let sum1 = sum0, sum2 = sum0, sum3 = sum0, sum4 = sum0, sum5 = sum0, sum6 = sum0, sum7 = sum0, sum8 = sum0, sum9 = sum0
  if (accumulate) {
    sum0 = v128.load(sums); sum1 = v128.load(sums, 16); sum2 = v128.load(sums, 32); sum3 = v128.load(sums, 48)
    sum4 = v128.load(sums, 64); sum5 = v128.load(sums, 80); sum6 = v128.load(sums, 96); sum7 = v128.load(sums, 112)
    sum8 = v128.load(sums, 128); sum9 = v128.load(sums, 144)
  }
  for (let step = 0; step < depth; step++) {
    const element = v128.load_splat<T>(vector)
    sum0 = v128.add<T>(sum0, v128.mul<T>(v128.load(panel), element))
    sum1 = v128.add<T>(sum1, v128.mul<T>(v128.load(panel, 16), element))
    sum2 = v128.add<T>(sum2, v128.mul<T>(v128.load(panel, 32), element))
    sum3 = v128.add<T>(sum3, v128.mul<T>(v128.load(panel, 48), element))
    sum4 = v128.add<T>(sum4, v128.mul<T>(v128.load(panel, 64), element))
    sum5 = v128.add<T>(sum5, v128.mul<T>(v128.load(panel, 80), element))
    sum6 = v128.add<T>(sum6, v128.mul<T>(v128.load(panel, 96), element))
    sum7 = v128.add<T>(sum7, v128.mul<T>(v128.load(panel, 112), element))
    sum8 = v128.add<T>(sum8, v128.mul<T>(v128.load(panel, 128), element))
    sum9 = v128.add<T>(sum9, v128.mul<T>(v128.load(panel, 144), element))
    panel += stepBytes
    vector += sizeof<T>()
  }
  v128.store(sums, sum0); v128.store(sums, sum1, 16); v128.store(sums, sum2, 32); v128.store(sums, sum3, 48)
  v128.store(sums, sum4, 64); v128.store(sums, sum5, 80); v128.store(sums, sum6, 96); v128.store(sums, sum7, 112)
  v128.store(sums, sum8, 128); v128.store(sums, sum9, 144)
}
