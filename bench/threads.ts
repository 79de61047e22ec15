// Threads: the same work on 1, 2, … threads (up to this machine's cores, at most 4) in one process, side by side: GEMM,
// the two training steps (and the classifier at batch 256), the KAN [4,64,1] step and predict at batch 64 — each a median
// over ~2.6 s (timeSteps), the thread counts interleaved over six rounds, the best kept (this VM's slow spells last
// seconds and slow one side; with two rounds the same step scaled 0.95× in one run and 1.52× in the next). Then the
// crossover behind the threshold: add and tanh at growing sizes, every call split (threshold 0) against the calling
// thread alone. The training rows carry PyTorch's best (one thread or all cores, OpenBLAS) on the same workload, measured
// in the same run; GEMM on one thread is set against the SIMD mul+add ceiling of a register-only probe kernel
// (bench/probe.ts), also in the same run.
import { cpus } from 'node:os'
import { Bench } from 'tinybench'
import { scaledBench } from './harness'
import { init, type Runtime } from '../src/init'
import { tensor } from '../src/tensor/create'
import { sequential, dense, act } from '../src/index'
import { shareThreshold } from '../src/backend/wasm/threads'
import { Generator } from '../src/tensor/random'
import type { DType } from '../src/backend/kernels'
import { timeSteps, workloads, type Workload } from './training-workloads'
import { curvenetStep } from './training'
import { kanStep } from './kan'
import { pythonWithTorch, pytorchTrainingTiming } from './peers/pytorch'
import { mulAddCeiling } from './probe'

export interface ThreadsRow {
  task: string; unit: string; threads: number; dtype: DType; rate: number
  /** PyTorch (OpenBLAS) on the same training workload: its best samples/s over 1 thread and all cores, and at which */
  pytorch?: { rate: number; threads: number }
}

const threadCounts = () => [1, 2, 3, 4].filter((count) => count <= Math.max(2, cpus().length))
const ROUNDS = 6

function gemm(runtime: Runtime, dtype: DType, size: number): (index: number) => void {
  const all = runtime.alloc(dtype, 3 * size * size)
  all.set(Array.from({ length: 2 * size * size }, (_, i) => ((i * 7919) % 13) / 13 - 0.5))
  const a = all.subarray(0, size * size), b = all.subarray(size * size, 2 * size * size), out = all.subarray(2 * size * size)
  return () => runtime.backend.kernels.matmul(out, a, b, size, size, size)
}

function predict(dtype: DType): (index: number) => void {
  const model = sequential([dense(784, 128), act('relu'), dense(128, 10)], { seed: 1, dtype })
  const g = new Generator(64)
  const x = tensor(Float64Array.from({ length: 64 * 784 }, () => g.uniform()), { dtype, shape: [64, 784] })
  return () => model.predict(x).dispose()
}

const tasks: { task: string; unit: string; make: (runtime: Runtime, dtype: DType) => (index: number) => void; work: number; peer?: Workload }[] = [
  { task: 'GEMM 256³', unit: 'GFLOP/s', make: (runtime, dtype) => gemm(runtime, dtype, 256), work: 2 * 256 ** 3 / 1e9 },
  { task: 'GEMM 512³', unit: 'GFLOP/s', make: (runtime, dtype) => gemm(runtime, dtype, 512), work: 2 * 512 ** 3 / 1e9 },
  { task: 'train (a) 2→64→64→1, batch 256', unit: 'samples/s', make: (_, dtype) => curvenetStep(workloads.mlp, dtype), work: 256, peer: workloads.mlp },
  { task: 'train (b) 784→128→10, batch 64', unit: 'samples/s', make: (_, dtype) => curvenetStep(workloads.classifier, dtype), work: 64, peer: workloads.classifier },
  { task: 'train (b) 784→128→10, batch 256', unit: 'samples/s', make: (_, dtype) => curvenetStep({ ...workloads.classifier, batch: 256 }, dtype), work: 256, peer: { ...workloads.classifier, batch: 256 } },
  { task: 'KAN [4,64,1] G5 step, batch 3000', unit: 'samples/s', make: (_, dtype) => kanStep([4, 64, 1], 5, dtype), work: 3000 },
  { task: 'predict 784→128→10, batch 64', unit: 'samples/s', make: (_, dtype) => predict(dtype), work: 64 },
]

async function crossoverRows(dtype: DType): Promise<ThreadsRow[]> {
  const rows: ThreadsRow[] = []
  const runtime = await init({ threads: 2, initialMemoryPages: 512 })
  const k = runtime.backend.kernels
  const all = runtime.alloc(dtype, 2 << 20)
  const x = all.subarray(0, 1 << 20), y = all.subarray(1 << 20)
  x.set(Array.from({ length: 1 << 20 }, (_, i) => ((i * 7919) % 97) / 12 - 4))
  for (const kernel of ['add', 'tanh'] as const) {
    for (let size = 1 << 11; size <= 1 << 20; size *= 4) {
      const run = kernel === 'add' ? () => k.add(y, x, x, size) : () => k.activationForward('tanh', y, x, size, 0)
      for (const split of [false, true]) {
        shareThreshold.nanoseconds = split ? 0 : Infinity
        const bench = new Bench(scaledBench(300, 50, 10))
        bench.add('run', run)
        await bench.run()
        const result = bench.tasks[0].result
        if (result.state !== 'completed') throw new Error(`threads bench: ${result.state}`)
        rows.push({ task: `crossover ${kernel} ${size}`, unit: 'µs', threads: split ? 2 : 1, dtype, rate: result.latency.p50 * 1000 })
      }
    }
  }
  shareThreshold.nanoseconds = 40_000
  return rows
}

export async function threadsRows(dtype: DType): Promise<ThreadsRow[]> {
  const rows: ThreadsRow[] = []
  const python = pythonWithTorch()
  if (!python) process.stderr.write('  threads: PyTorch not measured (no python3 here imports torch)\n')
  for (const { task, unit, make, work, peer } of tasks) {
    const rates = new Map<number, number[]>()
    for (let round = 0; round < ROUNDS; round++) {
      for (const threads of round % 2 === 0 ? threadCounts() : threadCounts().reverse()) {
        const runtime = await init({ threads, initialMemoryPages: 512 })
        const timing = await timeSteps(make(runtime, dtype), work)
        rates.set(threads, [...(rates.get(threads) ?? []), timing.samplesPerSecond])
        runtime.stopThreads()
      }
    }
    let pytorch: ThreadsRow['pytorch']
    if (peer && python) {
      for (const threads of [1, cpus().length]) {
        const rate = pytorchTrainingTiming(python, peer, dtype, threads).samplesPerSecond
        if (!pytorch || rate > pytorch.rate) pytorch = { rate, threads }
      }
    }
    for (const [threads, measured] of rates) rows.push({ task, unit, threads, dtype, rate: Math.max(...measured), ...(pytorch ? { pytorch } : {}) })
  }
  rows.push({ task: 'SIMD mul+add ceiling (probe)', unit: 'GFLOP/s', threads: 1, dtype, rate: mulAddCeiling(dtype) })
  return [...rows, ...await crossoverRows(dtype)]
}

export function threadsTable(rows: ThreadsRow[]): string {
  const counts = [...new Set(rows.filter((row) => row.task.startsWith('GEMM')).map((row) => row.threads))].sort((a, b) => a - b)
  const most = counts[counts.length - 1]
  const lines = [`| task | dtype | ${counts.map((count) => `${count} thread${count > 1 ? 's' : ''}`).join(' | ')} | ${counts.slice(1).map((count) => `× 1 thread at ${count}`).join(' | ')} | PyTorch's best (threads) | ${most} threads × PyTorch's best |`,
    `|---|---|${counts.map(() => '---|').join('')}${counts.slice(1).map(() => '---|').join('')}---|---|`]
  const format = (rate: number, unit: string) => (unit === 'GFLOP/s' ? rate.toFixed(1) : `${(rate / 1000).toFixed(1)}k`)
  for (const dtype of ['float32', 'float64'] as const) {
    const main = rows.filter((row) => row.dtype === dtype && !row.task.startsWith('crossover') && !row.task.startsWith('SIMD mul+add'))
    for (const task of [...new Set(main.map((row) => row.task))]) {
      const of = (count: number) => rows.find((row) => row.task === task && row.dtype === dtype && row.threads === count)
      const one = of(1)!
      lines.push(`| ${task} (${one.unit}) | ${dtype} | ${counts.map((count) => format(of(count)!.rate, one.unit)).join(' | ')} | ` +
        `${counts.slice(1).map((count) => `${(of(count)!.rate / one.rate).toFixed(2)}×`).join(' | ')} | ` +
        `${one.pytorch ? `${format(one.pytorch.rate, one.unit)} (${one.pytorch.threads})` : ''} | ${one.pytorch ? `${(of(most)!.rate / one.pytorch.rate).toFixed(2)}×` : ''} |`)
    }
  }
  const probes = rows.filter((row) => row.task.startsWith('SIMD mul+add'))
  lines.push('', 'One thread against the SIMD mul+add ceiling (a register-only probe kernel, same run):', '',
    '| dtype | ceiling GFLOP/s | GEMM 256³ × ceiling | GEMM 512³ × ceiling |', '|---|---|---|---|')
  for (const probe of probes) {
    const gemm = (size: number) => rows.find((row) => row.task === `GEMM ${size}³` && row.dtype === probe.dtype && row.threads === 1)!.rate
    lines.push(`| ${probe.dtype} | ${probe.rate.toFixed(1)} | ${(gemm(256) / probe.rate).toFixed(2)}× | ${(gemm(512) / probe.rate).toFixed(2)}× |`)
  }
  lines.push('', 'Crossover (median µs per call; 2 threads = every call split in two):', '',
    '| kernel | dtype | elements | 1 thread | 2 threads | 2 threads × 1 |', '|---|---|---|---|---|---|')
  for (const row of rows.filter((one) => one.task.startsWith('crossover') && one.threads === 1)) {
    const split = rows.find((one) => one.task === row.task && one.dtype === row.dtype && one.threads === 2)!
    const [, kernel, size] = row.task.split(' ')
    lines.push(`| ${kernel} | ${row.dtype} | ${size} | ${row.rate.toFixed(1)} | ${split.rate.toFixed(1)} | ${(row.rate / split.rate).toFixed(2)}× |`)
  }
  return lines.join('\n')
}
