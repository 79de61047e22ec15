// `node scripts/math-accuracy.mjs`: prints the README's accuracy table of curvenet's transcendentals —
// the largest error against mpmath's exact values (tests/fixtures/math-reference.json) per function,
// dtype and input range, measured on both backends (which must agree). Bundles tests/math-accuracy.ts
// with esbuild and runs it in this Node, like scripts/run-bench.mjs.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outfile = join(root, 'build', 'math-accuracy.mjs')
const entry = `
import { benchBackends } from './bench/backends'
import { measure, referenceCases } from './tests/math-accuracy'

const [js, wasm] = await benchBackends()
const lines = ['| function | dtype | inputs | points | max error (ulp) | max relative error |', '|---|---|---|---|---|---|']
for (const referenceCase of referenceCases) {
  const row = measure(js, referenceCase)
  const other = measure(wasm, referenceCase)
  if (other.maxUlps !== row.maxUlps || other.maxRelative !== row.maxRelative) {
    throw new Error(\`js and wasm differ on \${row.function} \${row.dtype} \${row.range}\`)
  }
  const relative = row.range.startsWith('subnormal') ? '(subnormal)' : row.maxRelative.toExponential(1)
  const range = row.range.replaceAll('|', '\\\\|')   // |x| inside a markdown cell
  lines.push(\`| \${row.function} | \${row.dtype} | \${range} | \${row.count} | \${row.maxUlps.toFixed(2)} | \${relative} |\`)
}
console.log(lines.join('\\n'))
`
await build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'math-accuracy-entry.ts' },
  bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning',
})
const result = spawnSync(process.execPath, [outfile], { stdio: 'inherit', cwd: root })
process.exit(result.status ?? 1)
