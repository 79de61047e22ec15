// `npm run bench [family …]`: every kernel family × {js, wasm} × {f32, f64}, side by side in one run.
import { cpus } from 'node:os'
import { benchBackends } from './backends'
import { markdownTable, measure, type BenchCase } from './harness'
import type { Backend } from '../src/backend/backend'
import { elementwiseCases } from './elementwise'
import { autogradRows, autogradTable } from './autograd'

const families: Record<string, (backends: Backend[]) => BenchCase[] | Promise<BenchCase[]>> = {
  elementwise: elementwiseCases,
}

const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !(name in families) && name !== 'autograd')
if (unknown.length > 0) throw new Error(`bench: unknown family ${unknown.join(', ')}; known: ${[...Object.keys(families), 'autograd'].join(', ')}`)

const backends = await benchBackends()
console.log(`curvenet bench — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one thread`)
for (const [family, makeCases] of Object.entries(families)) {
  if (wanted.length > 0 && !wanted.includes(family)) continue
  const rows = await measure(await makeCases(backends))
  console.log(`\n### ${family}\n${markdownTable(rows)}`)
}

if (wanted.length === 0 || wanted.includes('autograd')) {
  console.log(`\n### autograd: 2→64→64→1 tanh MLP, batch 256, forward + backward through tensor ops\n${autogradTable(await autogradRows())}`)
}
