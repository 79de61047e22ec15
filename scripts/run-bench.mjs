// `npm run bench [family …]`: bundles bench/run.ts (which imports src/ directly) with esbuild, then
// measures each family in float32 and in float64, each in a fresh Node process, and prints the tables.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundle = join(root, 'build', 'bench.mjs')
await build({
  entryPoints: [join(root, 'bench', 'run.ts')], bundle: true, platform: 'node', format: 'esm',
  target: 'node20', outfile: bundle, external: ['tinybench', '@tensorflow/*', 'onnxruntime-node'], logLevel: 'warning',
})
const run = (...args) => execFileSync(process.execPath, [bundle, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })

const known = run('list').trim().split('\n')
const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !known.includes(name))
if (unknown.length > 0) {
  console.error(`bench: unknown family ${unknown.join(', ')}; known: ${known.join(', ')}`)
  process.exit(1)
}
const rowsByFamily = {}
for (const family of wanted.length > 0 ? wanted : known) {
  rowsByFamily[family] = []
  for (const dtype of ['float32', 'float64']) {
    process.stderr.write(`measuring ${family} ${dtype}…\n`)
    rowsByFamily[family].push(...JSON.parse(run('measure', family, dtype)))
  }
}
const rowsFile = join(root, 'build', 'bench-rows.json')
writeFileSync(rowsFile, JSON.stringify(rowsByFamily))
process.stdout.write(run('table', rowsFile))
