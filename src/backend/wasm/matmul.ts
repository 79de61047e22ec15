// Thin wrappers over assembly/matmul.ts: typed-array views on the wasm memory → byte offsets, plus each thread's scratch
// block for packing (so a call never allocates or grows memory). Threads share a product by blocks of out's rows or of
// its columns: every out[i, j] is the same sum over the depth, in the same order, whichever thread computes it.
import type { Kernels } from '../kernels'
import { byDtype, type WasmContext } from './context'

/** Rows per share granule (one register tile, TILE_ROWS of assembly/matmul-kernel.ts); columns per granule (one float32
 *  tile row, two float64 ones). */
const ROWS = 5, COLUMNS = 8
/** ns per multiply–add on one thread: `npm run bench threads` measures GEMM at ~45 GFLOP/s (float32) and ~23 (float64)
 *  here. (0.12 for both, an underestimate of float32 by 2.7×, split the 2→64→64→1 MLP's 64×64 products in two, and its
 *  step on 2 threads ran at 0.78–0.85× of one thread: a share's rows and results must also move between the cores.) */
const NS_PER_MULTIPLY_ADD = { float32: 0.045, float64: 0.09 }

export function matmulKernels({ exports: wasm, threads }: WasmContext): Pick<Kernels, 'matmul' | 'matmulTransposeA' | 'matmulTransposeB'> {
  const forms = {
    matmul: byDtype(wasm.matmulF32, wasm.matmulF64),
    matmulTransposeA: byDtype(wasm.matmulTransposeAF32, wasm.matmulTransposeAF64),
    matmulTransposeB: byDtype(wasm.matmulTransposeBF32, wasm.matmulTransposeBF64),
  }
  const product = (form: keyof typeof forms): Kernels['matmul'] => (out, a, b, m, k, n) => {
    const kernel = forms[form](out), nanoseconds = m * k * n * NS_PER_MULTIPLY_ADD[out instanceof Float32Array ? 'float32' : 'float64']
    // the arguments written out, not spread from an array of the pointers: a spread cost a tiny product (256×64·64×1
    // float32, ~1 µs) ~5% against the code before the consolidation (bench-ab matmul, 5 runs: 0.94×)
    const o = out.byteOffset, x = a.byteOffset, y = b.byteOffset
    // Each share packs its own copy of the operand every share reads whole: all of B for a block of rows, all of A for
    // a block of columns. Split the side that makes the smaller copy (784→128 at batch 64: columns, B is twice A).
    if (n > m) threads.split(kernel, n, COLUMNS, nanoseconds, (first, count, scratch) => [o, x, y, m, k, n, scratch, 0, m, first, count])
    else threads.split(kernel, m, ROWS, nanoseconds, (first, count, scratch) => [o, x, y, m, k, n, scratch, first, count, 0, n])
  }
  return { matmul: product('matmul'), matmulTransposeA: product('matmulTransposeA'), matmulTransposeB: product('matmulTransposeB') }
}
