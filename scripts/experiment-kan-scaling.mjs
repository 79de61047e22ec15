// `npm run experiment:kan-scaling [-- --seeds 0,1,2,3,4 --backend wasm --svg docs/kan-scaling.svg]`: bundles
// scripts/experiment-kan-scaling/main.ts (which imports src/ directly) with esbuild and runs it in this Node.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outfile = join(root, 'build', 'experiment-kan-scaling.mjs')
await build({
  entryPoints: [join(root, 'scripts', 'experiment-kan-scaling', 'main.ts')], bundle: true, platform: 'node', format: 'esm',
  target: 'node20', outfile, logLevel: 'warning',
})
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root })
process.exit(result.status ?? 1)
