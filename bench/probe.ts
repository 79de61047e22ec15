// The SIMD mul+add ceiling (bench/probe/mul-add.ts), compiled with the project's AssemblyScript at bench time and timed
// here: GFLOP/s of one thread, the median of 7 runs of 10⁷ iterations. The threads family sets GEMM against it.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DType } from '../src/backend/kernels'

const root = process.cwd()

export function mulAddCeiling(dtype: DType): number {
  const outFile = join(root, 'build', 'probe-mul-add.wasm')
  execFileSync(process.execPath, [join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), 'mul-add.ts', '--enable', 'simd', '--disable', 'relaxed-simd',
    '--runtime', 'stub', '-O3', '--noAssert', '--outFile', outFile], { cwd: join(root, 'bench', 'probe'), stdio: 'inherit' })
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(outFile)), { env: { abort: () => { throw new Error('probe: abort') } } })
  const probe = instance.exports[dtype === 'float32' ? 'mulAddF32' : 'mulAddF64'] as (iterations: number) => number
  const flopsPerIteration = dtype === 'float32' ? 96 : 48, iterations = 10_000_000
  probe(iterations)   // warm-up: the optimising tier
  const rates: number[] = []
  for (let run = 0; run < 7; run++) {
    const start = performance.now()
    probe(iterations)
    rates.push(iterations * flopsPerIteration / ((performance.now() - start) / 1000) / 1e9)
  }
  return rates.sort((a, b) => a - b)[3]
}
