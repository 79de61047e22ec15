// Autograd overhead: forward + backward of a 2→64→64→1 tanh MLP at batch 256 through tensor ops,
// js vs wasm. The share of time outside kernels is measured by recording one step's kernel calls
// and replaying exactly those calls: replay time ≈ time in kernels; the rest is the tensor layer.
import { Bench } from 'tinybench'
import { scaledBench } from './harness'
import { init, type Runtime } from '../src/init'
import { randn, zeros } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { add, matmul, tanh, mseLoss } from '../src/index'
import type { DType, Kernels } from '../src/backend/kernels'
import type { Tensor } from '../src/tensor/tensor'

export interface AutogradRow { backend: string; dtype: string; stepsPerSecond: number; samplesPerSecond: number; outsideKernels: number }

function mlpStep(x: Tensor, y: Tensor, params: Tensor[]): void {
  scope(() => {
    const h1 = tanh(add(matmul(x, params[0]), params[1]))
    const h2 = tanh(add(matmul(h1, params[2]), params[3]))
    mseLoss(add(matmul(h2, params[4]), params[5]), y).backward()
  })
}

async function medianSeconds(fn: () => void): Promise<number> {
  const bench = new Bench(scaledBench(500, 100, 16))
  bench.add('step', fn)
  await bench.run()
  const result = bench.tasks[0].result
  if (result.state !== 'completed') throw new Error(`autograd bench: ${result.state}`)
  return result.latency.p50 / 1000
}

export async function autogradRows(dtype: DType): Promise<AutogradRow[]> {
  const rows: AutogradRow[] = []
  for (const backend of ['js', 'wasm'] as const) {
    const runtime: Runtime = await init({ backend, threads: 1 })
    const batch = 256
    const x = randn([batch, 2], { seed: 1, dtype }), y = randn([batch, 1], { seed: 2, dtype })
    const params = [randn([2, 64], { seed: 3, dtype }), zeros([64], { dtype }), randn([64, 64], { seed: 4, dtype }), zeros([64], { dtype }),
      randn([64, 1], { seed: 5, dtype }), zeros([1], { dtype })]
    for (const p of params) p.requiresGrad = true
    const stepSeconds = await medianSeconds(() => { mlpStep(x, y, params); for (const p of params) p.zeroGrad() })

    // record the kernel calls of one step, then replay them alone
    const calls: [keyof Kernels, unknown[]][] = []
    const kernels = runtime.tensors.kernels
    const recording = Object.fromEntries(Object.entries(kernels).map(([name, kernel]) =>
      [name, (...args: unknown[]) => { calls.push([name as keyof Kernels, args]); return (kernel as (...a: unknown[]) => unknown)(...args) }]))
    Object.defineProperty(runtime.tensors, 'kernels', { value: recording })
    mlpStep(x, y, params)
    Object.defineProperty(runtime.tensors, 'kernels', { value: kernels })
    const replaySeconds = await medianSeconds(() => {
      for (const [name, args] of calls) (kernels[name] as (...a: unknown[]) => unknown)(...args)
    })
    rows.push({ backend, dtype, stepsPerSecond: 1 / stepSeconds, samplesPerSecond: batch / stepSeconds, outsideKernels: 1 - replaySeconds / stepSeconds })
  }
  return rows
}

export function autogradTable(rows: AutogradRow[]): string {
  const lines = ['| backend | dtype | steps/s | samples/s | time outside kernels |', '|---|---|---|---|---|']
  for (const row of rows) {
    // the js kernels dominate so completely that the difference is within the timing noise
    const outside = row.outsideKernels < 0.01 ? '< 1%' : `${(row.outsideKernels * 100).toFixed(1)}%`
    lines.push(`| ${row.backend} | ${row.dtype} | ${row.stepsPerSecond.toFixed(0)} | ${(row.samplesPerSecond / 1000).toFixed(1)}k | ${outside} |`)
  }
  return lines.join('\n')
}
