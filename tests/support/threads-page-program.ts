// The program of tests/threads.page.test.ts, bundled by esbuild into a page served cross-origin isolated (COOP + COEP):
// the page's main thread may not block, so it waits for the pool threads by spinning. It reports the default thread
// count, the golden hash of every kernel split at its smallest shares on 4 threads, of matrix products split at their
// smallest shares by rows and by columns on 1 and 4 threads, the hashes of large calls on 1, 2 and
// 4 threads, and of seeded fit() runs on 1 and 4 threads with every call split; and whether shares the page's thread took
// back from a sleeping pool thread gave the bytes of one thread (see takeBack).
import { init } from '../../src/index'
import { shareThreshold } from '../../src/backend/wasm/threads'
import type { WasmBackend } from '../../src/backend/wasm/index'
import { everyKernel, hashOutputs } from './golden'
import { largeCalls, seededFitHash, smallestShareProducts, takeBack } from './thread-cases'

async function main() {
  const natural = shareThreshold.nanoseconds
  const byDefault = await init({ quiet: true })
  const result: Record<string, unknown> = { isolated: crossOriginIsolated, defaultThreads: byDefault.threads, cores: navigator.hardwareConcurrency }
  for (const dtype of ['float32', 'float64'] as const) {
    shareThreshold.nanoseconds = 0
    const four = await init({ threads: 4 })
    result[`golden ${dtype}`] = hashOutputs(everyKernel(four.backend, dtype))
    result[`golden ${dtype} threaded calls`] = (four.backend as WasmBackend).threadedCalls
    for (const threads of [1, 4]) {
      const runtime = await init({ threads, initialMemoryPages: 256 })
      result[`products ${dtype} ${threads}`] = hashOutputs(smallestShareProducts(runtime, dtype))
    }
    shareThreshold.nanoseconds = natural
    for (const threads of [1, 2, 4]) {
      const runtime = await init({ threads, initialMemoryPages: 1024 })
      result[`large ${dtype} ${threads}`] = hashOutputs(largeCalls(runtime, dtype, 1))
      result[`large ${dtype} ${threads} threaded calls`] = (runtime.backend as WasmBackend).threadedCalls
    }
    shareThreshold.nanoseconds = 0
    for (const threads of [1, 4]) {
      await init({ threads })
      result[`fit ${dtype} ${threads}`] = await seededFitHash(dtype, 48)
    }
    shareThreshold.nanoseconds = natural
    result[`take back ${dtype}`] = await takeBack(dtype)
  }
  return result
}

main().then((result) => { document.getElementById('result')!.textContent = JSON.stringify(result) },
  (error: unknown) => { document.getElementById('result')!.textContent = JSON.stringify({ error: String((error as Error)?.stack ?? error) }) })
