// The program of tests/worker-abort.page.test.ts, bundled by esbuild into a page served cross-origin isolated: fitInWorker
// on slow batches, aborted from onBatchEnd once batch 3 or later has been seen; the page reports the batch it aborted at,
// the last batch trained, whether the weights equal fit()'s on the page stopped after that batch, and a batch's time.
import { fitInWorker, init } from '../../src/index'
import { slowBatchCase, weightsOf } from './worker-fit-cases'

async function main() {
  await init({ backend: 'wasm', quiet: true })
  const there = slowBatchCase.make('float32')
  const controller = new AbortController()
  let abortedAt = 0, last = 0
  const history = await fitInWorker(there.model, there.x, there.y, {
    ...there.options, signal: controller.signal,
    onBatchEnd: ({ batch }) => { last = batch; if (batch >= 3 && !controller.signal.aborted) { abortedAt = batch; controller.abort() } },
  })
  const here = slowBatchCase.make('float32')
  const stop = new AbortController()
  const started = performance.now()
  await here.model.fit(here.x, here.y, { ...here.options, signal: stop.signal, onBatchEnd: ({ batch }) => { if (batch === last) stop.abort() } })
  const batchMs = (performance.now() - started) / last
  const a = weightsOf(there.model), b = weightsOf(here.model)
  const same = a.length === b.length && a.every((value, i) => Object.is(value, b[i]))
  return { isolated: crossOriginIsolated, stopped: history.stopped, abortedAt, last, same, batchMs }
}

main().then((result) => { document.getElementById('result')!.textContent = JSON.stringify(result) },
  (error: unknown) => { document.getElementById('result')!.textContent = JSON.stringify({ error: String((error as Error)?.stack ?? error) }) })
