// Training end to end, side by side with tfjs-layers 4.22 and PyTorch (one thread and all cores, when a python3 with
// torch is here: bench/peers/pytorch.ts): samples per second of a full training
// step (forward + backward + Adam update, loss read back) and the peak RSS of a process that runs
// only that training. Every (workload, variant) runs in its own child process — the same bundle
// started with CURVENET_TRAINING_CHILD set — so peak RSS is that variant's alone (curvenet's never
// sees tfjs loaded) and no variant inherits another's JIT state.
// curvenet's step is the public API's: model.forward, the loss op, backward(), optimizer.step, in
// one scope() — the body of fit()'s batch loop. The "fit()" variant times model.fit itself (which
// adds the row gather, the shuffle and its finiteness checks).
import { execFileSync } from 'node:child_process'
import { cpus } from 'node:os'
import { init } from '../src/init'
import { tensor, zeros } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { sequential, dense, act, adam, mseLoss, softmaxCrossEntropy } from '../src/index'
import type { DType } from '../src/backend/kernels'
import type { Layer } from '../src/nn/layer'
import type { BenchCase } from './harness'
import { BATCHES, syntheticBatches, timeSteps, workloads, type Timing, type Workload, type WorkloadName } from './training-workloads'
import { tfjsTrainingTiming } from './peers/tfjs-layers'
import { pythonWithTorch, pytorchTrainingTiming } from './peers/pytorch'

const variants = ['curvenet js', 'curvenet wasm', 'curvenet wasm fit()', 'tfjs-cpu', 'tfjs-wasm', 'pytorch 1 thread', 'pytorch all cores'] as const
type Variant = (typeof variants)[number]

export interface TrainingRow {
  workload: WorkloadName
  variant: Variant
  dtype: DType
  samplesPerSecond: number
  cpuPerWall: number
  spread: number
  /** the child process's peak resident set (process.resourceUsage().maxRSS), MiB */
  peakRssMiB: number
}


function curvenetLayers(workload: Workload): Layer[] {
  const { sizes, hidden } = workload
  return sizes.slice(1).flatMap((units, i) => (i === sizes.length - 2 ? [dense(sizes[i], units)] : [dense(sizes[i], units), act(hidden)]))
}

async function curvenetTiming(workload: Workload, variant: Variant, dtype: DType): Promise<Timing> {
  await init({ backend: variant === 'curvenet js' ? 'js' : 'wasm', threads: 1 })   // single-thread figures; bench/threads.ts has the rest
  if (variant !== 'curvenet wasm fit()') return timeSteps(curvenetStep(workload, dtype), workload.batch)
  const { sizes, batch } = workload
  const model = sequential(curvenetLayers(workload), { seed: 1, dtype })
  const optimizer = adam({ lr: 1e-3 })
  const data = syntheticBatches(workload)
  // the batches as one data set, copied straight into the tensors (a joined JS copy would count in the peak RSS)
  const joined = (part: 'x' | 'y', columns: number) => {
    const all = zeros([BATCHES * batch, columns], { dtype })
    data.forEach((one, i) => all.data.set(one[part], i * batch * columns))
    return all
  }
  const x = joined('x', sizes[0]), y = joined('y', 1)
  const loss = workload.loss === 'mse' ? 'mse' : 'sparseCrossEntropy'
  return timeSteps(async () => { await model.fit(x, y, { loss, optimizer, epochs: 1, batchSize: batch }) }, BATCHES * batch)
}

/** curvenet's training step on the workload's seeded batches (the body of fit()'s batch loop, through the public API),
 *  step `index` on batch index mod BATCHES, on the current runtime. */
export function curvenetStep(workload: Workload, dtype: DType): (index: number) => void {
  const { sizes, batch } = workload
  const model = sequential(curvenetLayers(workload), { seed: 1, dtype })
  const optimizer = adam({ lr: 1e-3 })
  const batches = syntheticBatches(workload).map(({ x, y }) => ({
    x: tensor(x, { dtype, shape: [batch, sizes[0]] }),
    y: workload.loss === 'mse' ? tensor(y, { dtype, shape: [batch, 1] }) : Array.from(y),
  }))
  const parameters = model.parameters
  return (index) => {
    const { x, y } = batches[index % batches.length]
    scope(() => {
      for (const p of parameters) p.zeroGrad()
      const output = model.forward(x)
      const loss = Array.isArray(y) ? softmaxCrossEntropy(output, y) : mseLoss(output, y)
      loss.backward()
      loss.item()
      optimizer.step(parameters)
    })
  }
}

/** curvenetStep on both workloads, js and wasm (one thread), as bench cases (work: samples per step) for
 *  scripts/bench-ab.mjs, which runs two checkouts' steps alternately in one process. prepare() starts the variant's
 *  runtime and builds the step. */
export function trainingStepCases(_backends: unknown, dtype: DType): BenchCase[] {
  return (Object.keys(workloads) as WorkloadName[]).flatMap((name) => (['js', 'wasm'] as const).map((variant): BenchCase => {
    const workload = workloads[name]
    let step: (index: number) => void = () => { throw new Error('trainingStepCases: run before prepare') }
    let index = 0
    return {
      family: 'training', name: `${workload.title} step`, dtype, variant, work: workload.batch, unit: 'G samples/s',
      prepare: async () => { await init({ backend: variant, threads: 1 }); step = curvenetStep(workload, dtype) },
      run: () => step(index++),
    }
  }))
}

const CHILD = 'CURVENET_TRAINING_CHILD'

/** In a child: measures the one (workload, variant) named by the environment. */
async function childRow(dtype: DType): Promise<TrainingRow> {
  const [workloadName, variant] = process.env[CHILD]!.split('|') as [WorkloadName, Variant]
  const workload = workloads[workloadName]
  if (variant.startsWith('pytorch')) {
    const { torch: _version, ...timing } = pytorchTrainingTiming(pythonWithTorch()!, workload, dtype, variant === 'pytorch 1 thread' ? 1 : cpus().length)
    return { workload: workloadName, variant, dtype, ...timing }
  }
  const timing = variant.startsWith('tfjs')
    ? await tfjsTrainingTiming(workload, variant === 'tfjs-cpu' ? 'cpu' : 'wasm')
    : await curvenetTiming(workload, variant, dtype)
  return { workload: workloadName, variant, dtype, ...timing, peakRssMiB: process.resourceUsage().maxRSS / 1024 }
}

/** One child process per (workload, variant); tfjs rows in the float32 process only. */
async function trainingRows(dtype: DType): Promise<TrainingRow[]> {
  if (process.env[CHILD]) return [await childRow(dtype)]
  const rows: TrainingRow[] = []
  const python = pythonWithTorch()
  if (!python) process.stderr.write('  training: PyTorch not measured (no python3 here imports torch; Debian: apt-get install python3-torch libopenblas0-pthread)\n')
  for (const workload of Object.keys(workloads) as WorkloadName[]) {
    for (const variant of variants) {
      if (variant.startsWith('tfjs') && dtype !== 'float32') continue
      if (variant.startsWith('pytorch') && !python) continue
      process.stderr.write(`  training ${workload} ${variant} ${dtype}…\n`)
      const output = execFileSync(process.execPath, [process.argv[1], 'measure', 'training', dtype], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, [CHILD]: `${workload}|${variant}` },
      })
      rows.push(...(JSON.parse(output) as TrainingRow[]))
    }
  }
  return rows
}

const workloadOrder = Object.keys(workloads) as WorkloadName[]

function trainingTable(rows: TrainingRow[]): string {
  const ordered = [...rows].sort((a, b) => workloadOrder.indexOf(a.workload) - workloadOrder.indexOf(b.workload) ||
    a.dtype.localeCompare(b.dtype) || variants.indexOf(a.variant) - variants.indexOf(b.variant))
  const lines = ['| workload | variant | dtype | samples/s | × tfjs-wasm | × PyTorch (1 thread) | CPU/wall | peak RSS |', '|---|---|---|---|---|---|---|---|']
  const thousands = (rate: number) => `${(rate / 1000).toFixed(rate >= 1e5 ? 0 : 1)}k`
  for (const row of ordered) {
    const peer = rows.find((other) => other.workload === row.workload && other.variant === 'tfjs-wasm')
    const ratio = peer && row !== peer ? `${(row.samplesPerSecond / peer.samplesPerSecond).toFixed(1)}×` : ''
    const torch = rows.find((other) => other.workload === row.workload && other.dtype === row.dtype && other.variant === 'pytorch 1 thread')
    const torchRatio = torch && row !== torch ? `${(row.samplesPerSecond / torch.samplesPerSecond).toFixed(2)}×` : ''
    // a spread of the seven rounds above 20% is shown as ± half of it
    const noisy = row.spread > 0.2 ? ` ±${(row.spread * 50).toFixed(0)}%` : ''
    lines.push(`| ${workloads[row.workload].title} | ${row.variant} | ${row.dtype} | ${thousands(row.samplesPerSecond)}${noisy} | ${ratio} | ${torchRatio} | ` +
      `${row.cpuPerWall.toFixed(2)} | ${row.peakRssMiB.toFixed(0)} MiB |`)
  }
  lines.push('', 'samples/s: wall clock, median of 7 rounds of ≥ 0.3 s after 0.5 s of warm-up (± half the rounds\' spread where it passed 20%). ' +
    'CPU/wall: the process\'s CPU time per wall-clock second (below 1: other processes took the core; above 1: helper threads such as a concurrent GC). ' +
    'Peak RSS: process.resourceUsage().maxRSS of a process that ran only that row (Node alone is ≈ 40 MiB).')
  if (!rows.some((row) => row.variant.startsWith('pytorch'))) lines.push('', 'PyTorch not measured in this run (no python3 with torch).')
  else lines.push('', `PyTorch (Debian's python3-torch with OpenBLAS): torch.nn.Linear layers, the same batches, Adam, loss read back; "all cores" is torch.set_num_threads(${cpus().length}).`)
  return lines.join('\n')
}

/** The family for bench/run.ts, registered as `training` (its children run `measure training <dtype>`). */
export const trainingFamily = {
  title: 'training: one step (forward + backward + Adam, loss read back), side by side with tfjs-layers 4.22 and PyTorch',
  measure: (dtype: DType): Promise<unknown[]> => trainingRows(dtype),
  table: (rows: unknown[]): string => trainingTable(rows as TrainingRow[]),
}
