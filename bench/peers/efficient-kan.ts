// efficient-kan (PyTorch) as a side-by-side peer of the KAN bench: bench/peers/efficient_kan_step.py run in a Python
// process per measurement, on the same machine and in the same `npm run bench` as curvenet's rows. It needs python3 with
// torch (Debian: apt-get install python3-torch libopenblas0-pthread) and EFFICIENT_KAN_PATH pointing at a checkout of
// github.com/Blealtan/efficient-kan; without them the bench says why and shows no peer column.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { benchTimeScale } from '../harness'
import { pythonWithTorch } from './pytorch'

export interface EfficientKanCase { widths: number[]; grid: number; batch: number; dtype: 'float32' | 'float64'; threads: number }
export interface EfficientKanResult { secondsPerStep: number; torch: string; blas: string }

const script = join(process.cwd(), 'bench', 'peers', 'efficient_kan_step.py')
let python: string | undefined

/** Why the peer cannot run here, or undefined when it can. */
export function efficientKanMissing(): string | undefined {
  const path = process.env.EFFICIENT_KAN_PATH
  if (!path) return 'EFFICIENT_KAN_PATH is not set (a checkout of github.com/Blealtan/efficient-kan)'
  if (!existsSync(join(path, 'src', 'efficient_kan', 'kan.py'))) return `EFFICIENT_KAN_PATH=${path} holds no src/efficient_kan/kan.py`
  python = pythonWithTorch()
  if (!python) return 'no python3 here imports torch and numpy (Debian: apt-get install python3-torch libopenblas0-pthread; or set CURVENET_PYTHON)'
  return undefined
}

export function efficientKanStep(benchCase: EfficientKanCase): EfficientKanResult {
  if (!python) throw new Error('efficientKanStep: call efficientKanMissing() first')
  const output = execFileSync(python, [script, JSON.stringify({ ...benchCase, seconds: 0.6 * benchTimeScale })], {
    encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(benchCase.threads) }, stdio: ['ignore', 'pipe', 'inherit'],
  })
  return JSON.parse(output.trim().split('\n').at(-1)!) as EfficientKanResult
}
