// `node scripts/bench-ab.mjs <before-root> <after-root> [--runs 5] [--slices 9] [--slice-ms 40] [--separate] [family …]`: the
// rows of two checkouts of curvenet (each built: `npm run build:wasm` in it), before and after side by side in
// one Node process per family and dtype, alternating in short slices row by row (slice s times before then after on odd
// s, the reverse on even s; a slice is the mean of as many runs as fit in --slice-ms). Each side's figure in a run is the
// median of its slices, and their ratio is the run's after/before; the table gives the median of --runs such ratios (fresh
// processes, alternating which side is loaded first) — a run's two sides shared one process — and each side's median.
// Why not only scripts/bench-compare.mjs (each side in its own process, minutes apart): on a shared VM whose speed drops
// by up to 40% for seconds at a time, a drop that lands on one side's process moves that side's median; here both sides
// of a row share every such drop within tens of milliseconds. Why several runs: V8 compiles a js kernel into one of two
// states that differ by up to 1.5× in speed (seen on both checkouts alike, about one process in three), fixed for the
// life of the process. Families whose rows one `…Cases(backends, dtype)` function makes: the kernel families, and the
// KAN and training steps (kan, training: a case's prepare() starts its side's runtime on its backend, one thread; a step
// takes up to ~100 ms in js, so give those --slice-ms 200). Only the js and wasm variants (peers are the same code on
// both sides). --separate: each run measures the two sides in two fresh processes back to back (same slices, the order
// alternating by run): a check on a one-process figure, since two copies of curvenet in one process share its garbage
// collector — at the price of the VM's slow spells landing on one side (9 runs of the js KAN step: 0.58–1.04 each).
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const caseMakers = { elementwise: 'elementwiseCases', math: 'mathCases', activations: 'activationCases', losses: 'lossCases',
  optim: 'optimCases', matmul: 'matmulCases', bezier: 'bezierCases', bspline: 'bsplineCases', path: 'pathCases',
  kan: 'kanStepCases', training: 'trainingStepCases' }
const fileOf = { activations: 'activations', losses: 'losses', elementwise: 'elementwise', math: 'math', optim: 'optim',
  matmul: 'matmul', bezier: 'bezier', bspline: 'bspline', path: 'path', kan: 'kan', training: 'training' }

function option(args, name, fallback, low, high) {
  const at = args.indexOf(name)
  const value = at >= 0 ? Number(args.splice(at, 2)[1]) : fallback
  if (!Number.isInteger(value) || value < low || value > high) throw new RangeError(`bench-ab: ${name} must be an integer in [${low}, ${high}], got ${value}`)
  return value
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The mean rate (work per ns = G per s) of as many runs as fit in `ms`, at least one. */
function slice(benchCase, ms) {
  const start = performance.now()
  let runs = 0
  const runLimit = 1e6
  while (runs < runLimit) {
    benchCase.run()
    runs++
    if (performance.now() - start >= ms) break
  }
  return (benchCase.work * runs) / ((performance.now() - start) * 1e6)
}

/** One side alone in this process (--separate): its rows measured as in child(), without the other side's slices. */
async function alone(directory, family, dtype, slices, sliceMs, side) {
  const module = await import(join(directory, `${side}.mjs`))
  const cases = (await module[caseMakers[family]](await module.benchBackends(), dtype))
    .filter((benchCase) => benchCase.dtype === dtype && (benchCase.variant === 'js' || benchCase.variant === 'wasm'))
  const results = []
  for (const benchCase of cases) {
    await benchCase.prepare?.()
    for (let warm = 0; warm < 3; warm++) slice(benchCase, Number(sliceMs))
    const rates = Array.from({ length: Number(slices) }, () => slice(benchCase, Number(sliceMs)))
    results.push({ name: benchCase.name, variant: benchCase.variant, [side]: median(rates) })
  }
  console.log(JSON.stringify(results))
}

async function child(directory, family, dtype, slices, sliceMs, firstSide) {
  const sides = {}
  for (const side of firstSide === 'after' ? ['after', 'before'] : ['before', 'after']) {
    const module = await import(join(directory, `${side}.mjs`))
    const backends = await module.benchBackends()
    const cases = (await module[caseMakers[family]](backends, dtype))
      .filter((benchCase) => benchCase.dtype === dtype && (benchCase.variant === 'js' || benchCase.variant === 'wasm'))
    sides[side] = new Map(cases.map((benchCase) => [`${benchCase.name} ${benchCase.variant}`, benchCase]))
  }
  const results = []
  for (const [key, before] of sides.before) {
    const after = sides.after.get(key)
    if (!after) continue
    await before.prepare?.()
    await after.prepare?.()
    for (let warm = 0; warm < 3; warm++) { slice(before, Number(sliceMs)); slice(after, Number(sliceMs)) }
    const rates = { before: [], after: [] }
    for (let s = 1; s <= Number(slices); s++) {
      const order = (s % 2 === 1) === (firstSide !== 'after') ? ['before', 'after'] : ['after', 'before']
      for (const side of order) rates[side].push(slice(side === 'before' ? before : after, Number(sliceMs)))
    }
    results.push({ name: before.name, variant: before.variant, before: median(rates.before), after: median(rates.after) })
  }
  console.log(JSON.stringify(results))
}

const args = process.argv.slice(2)
if (args[0] === '--child') {
  await child(...args.slice(1))
} else if (args[0] === '--alone') {
  await alone(...args.slice(1))
} else {
  const runs = option(args, '--runs', 5, 1, 51)
  const slices = option(args, '--slices', 9, 3, 101)
  const sliceMs = option(args, '--slice-ms', 40, 5, 1000)
  const separateAt = args.indexOf('--separate')
  const separate = separateAt >= 0
  if (separate) args.splice(separateAt, 1)
  const [beforeRoot, afterRoot, ...wanted] = args
  if (!beforeRoot || !afterRoot) throw new TypeError('usage: node scripts/bench-ab.mjs <before-root> <after-root> [--runs 5] [--slices 9] [--slice-ms 40] [--separate] [family …]')
  const unknown = wanted.filter((name) => !(name in caseMakers))
  if (unknown.length > 0) throw new Error(`bench-ab: ${unknown.join(', ')} is not a family bench-ab runs; known: ${Object.keys(caseMakers).join(', ')}`)
  const families = wanted.length > 0 ? wanted : Object.keys(caseMakers)
  // the bundles sit inside the after checkout, so that the packages they leave external (tinybench, the peers) resolve
  mkdirSync(join(resolve(afterRoot), 'build'), { recursive: true })
  const directory = mkdtempSync(join(resolve(afterRoot), 'build', 'bench-ab-'))
  for (const [side, root] of [['before', beforeRoot], ['after', afterRoot]]) {
    const entry = [`export { benchBackends } from '${resolve(root)}/bench/backends'`,
      ...families.map((name) => `export { ${caseMakers[name]} } from '${resolve(root)}/bench/${fileOf[name]}'`)].join('\n')
    writeFileSync(join(directory, `${side}-entry.ts`), entry)
    await build({ entryPoints: [join(directory, `${side}-entry.ts`)], bundle: true, platform: 'node', format: 'esm', target: 'node20',
      outfile: join(directory, `${side}.mjs`), external: ['tinybench', '@tensorflow/*', 'onnxruntime-node'], logLevel: 'warning',
      absWorkingDir: resolve(root), nodePaths: [join(resolve(root), 'node_modules')] })
  }
  const lines = [`bench-ab: ${runs} runs (fresh processes) per family and dtype; in each, ${slices} alternating slices of ~${sliceMs} ms per ` +
    'side and row, median per side; the table: each side\'s median over the runs, and the median of the runs\' after/before ratios',
    `(before = ${resolve(beforeRoot)}, after = ${resolve(afterRoot)})`, '',
    '| row | before | after | after / before | ratios of the runs |', '|---|---|---|---|---|']
  let rows = 0, below = 0
  for (const family of families) {
    for (const dtype of ['float32', 'float64']) {
      const figures = new Map()   // row name → { before: number[], after: number[] }
      for (let run = 1; run <= runs; run++) {
        process.stderr.write(`bench-ab: ${family} ${dtype}, run ${run}/${runs}\n`)
        const firstSide = run % 2 === 1 ? 'before' : 'after'
        const measure = (mode, side) => JSON.parse(execFileSync(process.execPath, [resolve(process.argv[1]), mode, directory, family, dtype,
          String(slices), String(sliceMs), side], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], cwd: resolve(afterRoot) }))
        const second = firstSide === 'before' ? 'after' : 'before'
        let results
        if (separate) {
          const first = measure('--alone', firstSide), other = measure('--alone', second)
          results = first.map((row, i) => ({ ...row, ...other[i] }))
        } else results = measure('--child', firstSide)
        for (const row of results) {
          const name = `${family} ${row.name} ${dtype} ${row.variant}`
          if (!figures.has(name)) figures.set(name, { before: [], after: [] })
          figures.get(name).before.push(row.before)
          figures.get(name).after.push(row.after)
        }
      }
      for (const [name, { before, after }] of figures) {
        const ratio = median(after.map((figure, i) => figure / before[i]))   // each run's ratio: both sides of one process
        rows++
        if (ratio < 0.95) below++
        const each = before.map((figure, i) => (after[i] / figure).toFixed(2)).join(' ')
        lines.push(`| ${name} | ${median(before).toPrecision(3)} | ${median(after).toPrecision(3)} | ${ratio.toFixed(3)}${ratio < 0.95 ? ' ✗' : ''} | ${each} |`)
      }
    }
  }
  lines.push('', `${rows} rows; ${below} below 0.95× before`)
  console.log(lines.join('\n'))
}
