// Runs groups of benchmark cases side by side with tinybench and prints one table per family:
// the rate of each variant (GFLOP/s, G elements/s, …) and its ratio to the group's js variant.
import { Bench } from 'tinybench'

export interface BenchCase {
  family: string        // e.g. 'matmul'
  name: string          // e.g. 'A·B 256³'
  dtype: 'float32' | 'float64'
  variant: string       // 'js', 'wasm', or a peer such as 'tfjs-wasm'
  work: number          // units of work per call (FLOPs, elements, …)
  unit: string          // what `work` counts, as shown: 'GFLOP/s', 'G elem/s'
  prepare?: () => void | Promise<void>   // untimed, right before this case is measured
  run: () => void
}

export interface BenchRow extends Omit<BenchCase, 'run' | 'prepare'> {
  rate: number          // work per second, in the unit's scale (giga)
  ratioToJs: number | undefined
  ratioToPeer: number | undefined   // curvenet wasm against the peer named by `peer` in markdownTable
  rme: number           // relative margin of error of the mean latency, percent
}

const GIGA = 1e9

/** CURVENET_BENCH_TIME_SCALE (default 1) shortens or lengthens every tinybench time and warm-up: scripts/bench-compare.mjs
 *  uses it to fit many interleaved rounds into one sitting (fewer iterations per row, the same method). */
export const benchTimeScale = Number(process.env.CURVENET_BENCH_TIME_SCALE ?? 1)
export const scaledBench = (time: number, warmupTime: number, warmupIterations: number) =>
  ({ time: time * benchTimeScale, warmupTime: warmupTime * benchTimeScale, warmupIterations: Math.max(1, Math.round(warmupIterations * benchTimeScale)),
    // tinybench's floor of 64 runs a row, scaled too: a slow js row would otherwise take its 64 runs whatever the time
    iterations: Math.max(8, Math.round(64 * Math.min(1, benchTimeScale))) })

export async function measure(cases: BenchCase[], time = 400): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const benchCase of cases) {
    await benchCase.prepare?.()
    const bench = new Bench(scaledBench(time, 100, 5))
    bench.add(`${benchCase.family} ${benchCase.name} ${benchCase.dtype} ${benchCase.variant}`, benchCase.run)
    await bench.run()
    const result = bench.tasks[0].result
    if (result.state !== 'completed') throw new Error(`benchmark ${benchCase.name} ${benchCase.variant}: ${result.state}`)
    const seconds = result.latency.p50 / 1000
    const { run: _run, prepare: _prepare, ...described } = benchCase
    rows.push({ ...described, rate: benchCase.work / seconds / GIGA, ratioToJs: undefined, ratioToPeer: undefined, rme: result.latency.rme })
  }
  const sibling = (row: BenchRow, variant: string) =>
    rows.find((other) => other.family === row.family && other.name === row.name && other.dtype === row.dtype && other.variant === variant)
  for (const row of rows) {
    const js = sibling(row, 'js')
    if (js && row !== js) row.ratioToJs = row.rate / js.rate
    const peer = sibling(row, PEER)
    if (peer && row.variant === 'wasm') row.ratioToPeer = row.rate / peer.rate
  }
  const variantOrder = ['js', 'wasm']
  const rank = (variant: string) => (variantOrder.includes(variant) ? variantOrder.indexOf(variant) : variantOrder.length)
  const firstSeen = new Map<string, number>()
  rows.forEach((row, index) => { if (!firstSeen.has(row.name)) firstSeen.set(row.name, index) })
  return rows.sort((x, y) => (firstSeen.get(x.name)! - firstSeen.get(y.name)!) || x.dtype.localeCompare(y.dtype) ||
    rank(x.variant) - rank(y.variant) || x.variant.localeCompare(y.variant))
}

/** The peer whose rate curvenet's wasm rows are compared against, where the family has it. */
const PEER = 'tfjs-wasm'

export function markdownTable(rows: BenchRow[]): string {
  const withPeer = rows.some((row) => row.ratioToPeer !== undefined)
  const lines = withPeer
    ? ['| kernel | dtype | variant | rate | × js | × tfjs-wasm |', '|---|---|---|---|---|---|']
    : ['| kernel | dtype | variant | rate | × js |', '|---|---|---|---|---|']
  for (const row of rows) {
    const rate = `${row.rate >= 10 ? row.rate.toFixed(1) : row.rate.toPrecision(3)} ${row.unit}`
    const ratio = row.ratioToJs === undefined ? '' : `${row.ratioToJs.toFixed(1)}×`
    const peer = row.ratioToPeer === undefined ? '' : `${row.ratioToPeer.toFixed(1)}×`
    lines.push(`| ${row.family} ${row.name} | ${row.dtype} | ${row.variant} | ${rate} | ${ratio} |${withPeer ? ` ${peer} |` : ''}`)
  }
  return lines.join('\n')
}
