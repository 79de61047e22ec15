// `npm run torch-fixture`: writes tests/fixtures/torch/ (scripts/torch/fixture.ts, bundled with esbuild like the
// pictures), then runs scripts/check-torch.py on it with a Python that has torch — which writes each model's
// *.result.json and *.trained.safetensors. Rerun both after changing toPyTorchModule, toSafetensors or a layer's forward.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outfile = join(root, 'build', 'torch-fixture.mjs')
await build({ entryPoints: [join(root, 'scripts', 'torch', 'fixture.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' })
const made = spawnSync(process.execPath, [outfile], { stdio: 'inherit', cwd: root })
if (made.status !== 0) process.exit(made.status ?? 1)
const python = [process.env.CURVENET_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)
  .find((candidate) => spawnSync(candidate, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0)
if (!python) {
  console.error('torch-fixture: no python3 here imports torch and numpy (Debian: apt-get install python3-torch libopenblas0-pthread; or set CURVENET_PYTHON)')
  process.exit(1)
}
const checked = spawnSync(python, [join(root, 'scripts', 'check-torch.py'), join(root, 'tests', 'fixtures', 'torch')], { stdio: 'inherit', cwd: root })
process.exit(checked.status ?? 1)
