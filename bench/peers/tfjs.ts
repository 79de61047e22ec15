// tfjs 4.22 as a side-by-side peer (dev dependency only): its wasm backend (XNNPACK, one thread)
// and its cpu backend, float32 only (tfjs has no float64 kernels).
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { BenchCase } from '../harness'

export interface MatmulShape {
  name: string          // must equal the curvenet case's name so the table lines them up
  m: number; k: number; n: number
  transposeA: boolean; transposeB: boolean
}

type Tf = typeof import('@tensorflow/tfjs-core')

/** tfjs with both backends registered; the wasm one on a single thread. */
export async function loadTfjs(): Promise<Tf> {
  const tf = await import('@tensorflow/tfjs-core')
  await import('@tensorflow/tfjs-backend-cpu')
  const wasmBackend = await import('@tensorflow/tfjs-backend-wasm')
  const require = createRequire(import.meta.url)
  wasmBackend.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'))
  wasmBackend.setThreadsCount(1)
  return tf
}

export async function tfjsMatmulCases(shapes: MatmulShape[]): Promise<BenchCase[]> {
  const tf = await loadTfjs()
  const cases: BenchCase[] = []
  for (const backend of ['cpu', 'wasm'] as const) {
    await tf.setBackend(backend)
    for (const { name, m, k, n, transposeA, transposeB } of shapes) {
      const a = tf.randomUniform(transposeA ? [k, m] : [m, k], -1, 1, 'float32', 1)
      const b = tf.randomUniform(transposeB ? [n, k] : [k, n], -1, 1, 'float32', 2)
      cases.push({
        family: 'matmul', name, dtype: 'float32', variant: `tfjs-${backend}`, work: 2 * m * k * n, unit: 'GFLOP/s',
        prepare: async () => { await tf.setBackend(backend) },
        run: () => { tf.matMul(a, b, transposeA, transposeB).dispose() },
      })
    }
  }
  return cases
}
