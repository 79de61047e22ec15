// PyTorch as a side-by-side peer of the training bench: bench/peers/pytorch_training_step.py runs the same workload on the
// same seeded batches (written to a temporary JSON file) at a given thread count, in its own Python process. Needs a
// python3 with torch (Debian: apt-get install python3-torch libopenblas0-pthread); without one the rows are left out and
// the bench says why.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DType } from '../../src/backend/kernels'
import { syntheticBatches, type Timing, type Workload } from '../training-workloads'

const script = join(process.cwd(), 'bench', 'peers', 'pytorch_training_step.py')

/** The first Python that has torch and numpy — CURVENET_PYTHON, the one on PATH, then Debian's (a pyenv shim on PATH
 *  may hide Debian's python3-torch) — or undefined. */
export function pythonWithTorch(): string | undefined {
  const candidates = [process.env.CURVENET_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c))
  return candidates.find((candidate) => {
    try {
      execFileSync(candidate, ['-c', 'import torch, numpy'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })
}

export function pytorchTrainingTiming(python: string, workload: Workload, dtype: DType, threads: number): Timing & { peakRssMiB: number; torch: string } {
  const folder = mkdtempSync(join(tmpdir(), 'curvenet-torch-'))
  try {
    const file = join(folder, 'batches.json')
    const batches = syntheticBatches(workload).map(({ x, y }) => ({ x: Array.from(x), y: Array.from(y) }))
    writeFileSync(file, JSON.stringify({ ...workload, dtype, threads, batches }))
    // More than one thread: OpenMP's idle workers sleep instead of spinning. With the default (active) policy they held the
    // cores OpenBLAS's own threads needed: the classifier's step at batch 256 ran at 65–74k samples/s on 2 threads against
    // 141–171k passive and 139–179k on one (2026-12-05, this 2-core machine), which made PyTorch's 2-thread figure unfair.
    const env = { ...process.env, OMP_NUM_THREADS: String(threads), ...(threads > 1 ? { OMP_WAIT_POLICY: 'PASSIVE' } : {}) }
    const output = execFileSync(python, [script, file], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] })
    return JSON.parse(output.trim().split('\n').at(-1)!)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
