// `npm run bench [family …]`: bundles bench/run.ts (which imports src/ directly) with esbuild and
// runs it in this Node, so the numbers are of exactly the code in the tree.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outfile = join(root, 'build', 'bench.mjs')
await build({
  entryPoints: [join(root, 'bench', 'run.ts')], bundle: true, platform: 'node', format: 'esm',
  target: 'node20', outfile, external: ['tinybench', '@tensorflow/*'], logLevel: 'warning',
})
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root })
process.exit(result.status ?? 1)
