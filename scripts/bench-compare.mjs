// `node scripts/bench-compare.mjs <before-root> <after-root> [--rounds 5] [--time-scale 1] [family …]`: the same bench rows
// from two checkouts of curvenet (each already built: `npm run build:wasm` in it), measured interleaved —
// round r runs every family and dtype before-then-after on odd rounds and after-then-before on even ones,
// each in a fresh Node process — then the median rate of each row on each side and their ratio. For a
// refactor that must hold every figure ("each ≥ 0.95× before"); rows below that are marked.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { resolve, join } from 'node:path'

const args = process.argv.slice(2)
const roundsAt = args.indexOf('--rounds')
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 5
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new RangeError(`bench-compare: --rounds must be an integer in [1, 50], got ${rounds}`)
const scaleAt = args.indexOf('--time-scale')
const timeScale = scaleAt >= 0 ? Number(args.splice(scaleAt, 2)[1]) : 1
if (!(timeScale > 0 && timeScale <= 10)) throw new RangeError(`bench-compare: --time-scale must be in (0, 10], got ${timeScale}`)
const [beforeRoot, afterRoot, ...wantedFamilies] = args
if (!beforeRoot || !afterRoot) throw new TypeError('usage: node scripts/bench-compare.mjs <before-root> <after-root> [--rounds 5] [--time-scale 1] [family …]')

async function bundle(root) {
  const outfile = join(resolve(root), 'build', 'bench-compare.mjs')
  await build({
    entryPoints: [join(resolve(root), 'bench', 'run.ts')], bundle: true, platform: 'node', format: 'esm',
    target: 'node20', outfile, external: ['tinybench', '@tensorflow/*', 'onnxruntime-node'], logLevel: 'warning',
  })
  return { root: resolve(root), run: (...command) => execFileSync(process.execPath, [outfile, ...command],
    { cwd: resolve(root), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20,
      env: { ...process.env, CURVENET_BENCH_TIME_SCALE: String(timeScale) } }) }
}

const sides = { before: await bundle(beforeRoot), after: await bundle(afterRoot) }
const listed = (side) => new Set(side.run('list').trim().split('\n'))
const common = [...listed(sides.before)].filter((name) => listed(sides.after).has(name))
const families = wantedFamilies.length > 0 ? wantedFamilies : common
const missing = families.filter((name) => !common.includes(name))
if (missing.length > 0) throw new Error(`bench-compare: family ${missing.join(', ')} is not in both checkouts; common: ${common.join(', ')}`)

// A row is named by its string fields (case, dtype, variant, …) and its grid; its figure is its rate. Notes are not
// names: a KAN row says why its peer was not measured in `peerMissing`, which one checkout may lack.
const figureOf = (row) => row.rate ?? row.samplesPerSecond
const notNames = new Set(['family', 'unit', 'peerMissing'])
const keyOf = (family, row) => [family, ...Object.entries(row)
  .filter(([name, value]) => (typeof value === 'string' && !notNames.has(name)) || name === 'grid')
  .map(([, value]) => value)].join(' ')

const samples = new Map()   // key → { before: number[], after: number[] }
for (let round = 1; round <= rounds; round++) {
  for (const family of families) {
    for (const dtype of ['float32', 'float64']) {
      const order = round % 2 === 1 ? ['before', 'after'] : ['after', 'before']
      for (const sideName of order) {
        process.stderr.write(`round ${round}/${rounds}: ${family} ${dtype} ${sideName}\n`)
        for (const row of JSON.parse(sides[sideName].run('measure', family, dtype))) {
          const key = keyOf(family, row)
          if (!samples.has(key)) samples.set(key, { before: [], after: [] })
          samples.get(key)[sideName].push(figureOf(row))
        }
      }
    }
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const lines = [`bench-compare: ${rounds} interleaved rounds at tinybench time × ${timeScale}, median figure per row (before = ${sides.before.root}, after = ${sides.after.root})`,
  '', '| row | before | after | after / before |', '|---|---|---|---|']
let below = 0
for (const [key, { before, after }] of samples) {
  if (before.length === 0 || after.length === 0) { lines.push(`| ${key} | ${before.length ? median(before).toPrecision(3) : '—'} | ${after.length ? median(after).toPrecision(3) : '—'} | only one side |`); continue }
  const ratio = median(after) / median(before)
  if (ratio < 0.95) below++
  lines.push(`| ${key} | ${median(before).toPrecision(3)} | ${median(after).toPrecision(3)} | ${ratio.toFixed(3)}${ratio < 0.95 ? ' ✗' : ''} |`)
}
lines.push('', `${samples.size} rows; ${below} below 0.95× before`)
console.log(lines.join('\n'))
