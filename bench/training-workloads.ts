// The two training workloads of the training bench, shared by curvenet and its peers: the layer
// sizes, the batch, and seeded synthetic data made the same way for every variant.
import { Generator } from '../src/tensor/random'

export type WorkloadName = 'mlp' | 'classifier'

export interface Workload {
  name: WorkloadName
  title: string
  /** [input, hidden…, output] */
  sizes: number[]
  hidden: 'tanh' | 'relu'
  loss: 'mse' | 'softmaxCrossEntropy'
  batch: number
}

export const workloads: Record<WorkloadName, Workload> = {
  mlp: { name: 'mlp', title: '(a) 2→64→64→1 tanh, MSE, batch 256', sizes: [2, 64, 64, 1], hidden: 'tanh', loss: 'mse', batch: 256 },
  classifier: { name: 'classifier', title: '(b) 784→128 relu→10 softmax cross-entropy, batch 64', sizes: [784, 128, 10], hidden: 'relu', loss: 'softmaxCrossEntropy', batch: 64 },
}

/** Batches a step cycles through, so that a step does not see the same rows every time. */
export const BATCHES = 8

export interface Batch {
  x: Float64Array
  /** mse: the targets [batch × 1]; cross-entropy: class labels [batch] */
  y: Float64Array
}

/**
 * Seeded data: inputs U[−1, 1] (U[0, 1] for the 784 "pixels"), regression targets sin(πx₀)·x₁, class
 * labels from a fixed random linear teacher (argmax of x·T), so the classes are learnable.
 */
export function syntheticBatches(workload: Workload, seed = 1): Batch[] {
  const generator = new Generator(seed)
  const inputs = workload.sizes[0], classes = workload.sizes[workload.sizes.length - 1]
  const teacher = Float64Array.from({ length: inputs * classes }, () => generator.uniform() - 0.5)
  return Array.from({ length: BATCHES }, () => {
    const x = Float64Array.from({ length: workload.batch * inputs }, () => (workload.loss === 'mse' ? 2 * generator.uniform() - 1 : generator.uniform()))
    const y = new Float64Array(workload.batch)
    for (let r = 0; r < workload.batch; r++) {
      const row = x.subarray(r * inputs, (r + 1) * inputs)
      if (workload.loss === 'mse') {
        // a smooth target; Math.sin is fine here: the data only has to be the same for every variant in one run
        y[r] = Math.sin(Math.PI * row[0]) * row[1]
      } else {
        let best = 0, bestScore = -Infinity
        for (let c = 0; c < classes; c++) {
          let score = 0
          for (let i = 0; i < inputs; i++) score += row[i] * teacher[i * classes + c]
          if (score > bestScore) { bestScore = score; best = c }
        }
        y[r] = best
      }
    }
    return { x, y }
  })
}

export interface Timing {
  samplesPerSecond: number
  /** the process's CPU time (user + system) over wall-clock time: ≈ 1 for one busy thread; below 1
   *  when other processes took the core (the machines are shared), above 1 when helper threads ran */
  cpuPerWall: number
  /** relative spread of the rounds: (max − min) / median, as a fraction */
  spread: number
}

/**
 * Samples per second of `step` (one training step on `batch` rows), wall-clock: warm up for ~0.5 s,
 * then seven rounds of ≥ 0.3 s each; the median round's rate, and the median round's CPU/wall.
 */
export async function timeSteps(step: (index: number) => void | Promise<void>, batch: number): Promise<Timing> {
  let index = 0
  const runFor = async (milliseconds: number) => {
    const start = performance.now(), startCpu = process.cpuUsage()
    let steps = 0, elapsed = 0
    do {
      const pending = step(index++)
      if (pending) await pending
      steps++
      elapsed = performance.now() - start
    } while (elapsed < milliseconds || steps < 3)
    const cpu = process.cpuUsage(startCpu)
    return { rate: (steps * batch) / (elapsed / 1000), cpuPerWall: (cpu.user + cpu.system) / 1000 / elapsed }
  }
  await runFor(500)
  const rounds: { rate: number; cpuPerWall: number }[] = []
  for (let round = 0; round < 7; round++) rounds.push(await runFor(300))
  rounds.sort((a, b) => a.rate - b.rate)
  const median = rounds[3]
  return { samplesPerSecond: median.rate, cpuPerWall: median.cpuPerWall, spread: (rounds[6].rate - rounds[0].rate) / median.rate }
}
