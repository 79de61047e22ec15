// The benchmark program, driven by scripts/run-bench.mjs, which starts one process per family and
// dtype: V8 deoptimises the js backend's loops once they have seen both Float32Array and
// Float64Array, so mixing dtypes in one process would understate js and inflate the ratios.
// Within a process, js, wasm and any peer of one case are measured side by side.
//   node build/bench.mjs list                      → the family names, one per line
//   node build/bench.mjs measure <family> <dtype>  → that family's rows as JSON
//   node build/bench.mjs table <rows.json>         → the header and one markdown table per family
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { BENCH_MEMORY_PAGES, benchBackends } from './backends'
import { markdownTable, measure, type BenchCase, type BenchRow } from './harness'
import type { Backend } from '../src/backend/backend'
import type { DType } from '../src/backend/kernels'
import { elementwiseCases } from './elementwise'
import { optimCases } from './optim'
import { formNames, matmulCases, matmulShapes } from './matmul'
import { tfjsMatmulCases } from './peers/tfjs'
import { lossCases } from './losses'
import { mathCases } from './math'
import { activationCases } from './activations'
import { bezierCases } from './bezier'
import { bsplineCases } from './bspline'
import { pathCases } from './path'
import { trainingFamily } from './training'
import { kanRows, kanTable, type KanRow } from './kan'
import { autogradRows, autogradTable, type AutogradRow } from './autograd'
import { workerRows, workerTable, type WorkerRow } from './worker'
import { predictRows, predictTable, type PredictRow } from './predict'
import { threadsRows, threadsTable, type ThreadsRow } from './threads'

interface Family {
  title: string
  measure(dtype: DType): Promise<unknown[]>
  table(rows: unknown[]): string
}

function kernelFamily(title: string, makeCases: (backends: Backend[], dtype: DType) => BenchCase[] | Promise<BenchCase[]>): Family {
  return {
    title,
    async measure(dtype) {
      const backends = await benchBackends()
      const cases = (await makeCases(backends, dtype)).filter((benchCase) => benchCase.dtype === dtype)
      if (backends[1].memory.buffer.byteLength !== BENCH_MEMORY_PAGES * 65536) {
        throw new Error(`bench ${title}: the wasm memory grew while its cases were made, detaching their views; raise BENCH_MEMORY_PAGES`)
      }
      return measure(cases)
    },
    table: (rows) => markdownTable(rows as BenchRow[]),
  }
}

const tfjsMatmulShapes = matmulShapes.flatMap(({ m, k, n, forms }) => forms.map((form) => ({
  name: `${formNames[form]} ${m}×${k}·${k}×${n}`, m, k, n, transposeA: form === 'matmulTransposeA', transposeB: form === 'matmulTransposeB',
})))

const families: Record<string, Family> = {
  matmul: kernelFamily('matmul (GFLOP/s; tfjs 4.22 has float32 only)', async (backends, dtype) =>
    [...matmulCases(backends), ...(dtype === 'float32' ? await tfjsMatmulCases(tfjsMatmulShapes) : [])]),
  elementwise: kernelFamily('elementwise', elementwiseCases),
  math: kernelFamily('math (curvenet\'s transcendentals)', mathCases),
  activations: kernelFamily('activations', activationCases),
  losses: kernelFamily('losses', lossCases),
  optim: kernelFamily('optim', optimCases),
  bezier: kernelFamily('bezier (cubic, 10⁶ parameters)', bezierCases),
  bspline: kernelFamily('bspline', bsplineCases),
  path: kernelFamily('path', pathCases),
  training: trainingFamily,
  kan: { title: 'KAN training: forward + backward + Adam, batch 3000 (samples/s)', measure: (dtype) => kanRows(dtype), table: (rows) => kanTable(rows as KanRow[]) },
  autograd: {
    title: 'autograd: 2→64→64→1 tanh MLP, batch 256, forward + backward through tensor ops',
    measure: (dtype) => autogradRows(dtype),
    table: (rows) => autogradTable(rows as AutogradRow[]),
  },
  threads: {
    title: 'threads: the same work on 1, 2, … threads, wasm, one process (best of 6 interleaved medians)',
    measure: (dtype) => threadsRows(dtype),
    table: (rows) => threadsTable(rows as ThreadsRow[]),
  },
  predict: {
    title: 'predict latency, 784→128 relu→10: curvenet (wasm) against onnxruntime-node running toONNX(model), side by side (median)',
    measure: (dtype) => predictRows(dtype),
    table: (rows) => predictTable(rows as PredictRow[]),
  },
  worker: {
    title: 'fitInWorker against fit() on the calling thread, wasm (median of 5 interleaved ~2 s trainings; overhead = 1 − worker/fit)',
    measure: (dtype) => workerRows(dtype),
    table: (rows) => workerTable(rows as WorkerRow[]),
  },
}

const [mode, ...args] = process.argv.slice(2)
if (mode === 'list') {
  console.log(Object.keys(families).join('\n'))
} else if (mode === 'measure') {
  const [name, dtype] = args
  const family = families[name]
  if (!family) throw new Error(`bench: unknown family ${name}; known: ${Object.keys(families).join(', ')}`)
  if (dtype !== 'float32' && dtype !== 'float64') throw new Error(`bench: dtype must be float32 or float64, got ${dtype}`)
  console.log(JSON.stringify(await family.measure(dtype)))
} else if (mode === 'table') {
  const rowsByFamily = JSON.parse(readFileSync(args[0], 'utf8')) as Record<string, unknown[]>
  console.log(`curvenet bench — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one thread; one process per family and dtype`)
  for (const [name, rows] of Object.entries(rowsByFamily)) console.log(`\n### ${families[name].title}\n${families[name].table(rows)}`)
} else {
  throw new Error(`bench: unknown mode ${mode}; use list, measure or table (scripts/run-bench.mjs drives them)`)
}
