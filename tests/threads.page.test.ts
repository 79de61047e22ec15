// Threads in a cross-origin isolated Chromium page (COOP + COEP, as the playground is served): the same bits as one thread
// for every kernel (golden hash, every call split), for matrix products split by rows and by columns, for large calls above the threshold and for seeded fit() runs,
// and for shares the page's thread took back from a sleeping pool thread. The
// page's main thread may not block in Atomics.wait, so this is the spinning path. (The chromium project's pages are not
// isolated: tests/threads.browser.test.ts checks that they run one thread and say why.)
import { expect, it } from 'vitest'
import { join } from 'node:path'
import { isolatedPage } from './support/isolated-page'
import { GOLDEN } from './support/golden'

const page = isolatedPage(join(import.meta.dirname, 'support', 'threads-page-program.ts'), 'threads')

it('gives the bits of one thread on 1, 2 and 4 threads in an isolated page: every kernel, large calls, seeded fit(), shares taken back by the page', async () => {
  const { result, errors } = await page.openResult(80_000)
  expect(errors).toEqual([])
  expect(result.error).toBeUndefined()
  expect(result.isolated).toBe(true)
  expect(result.defaultThreads).toBe(Math.min(result.cores as number, 8))
  for (const dtype of ['float32', 'float64'] as const) {
    expect(result[`golden ${dtype}`], `golden ${dtype}`).toBe(GOLDEN[dtype])
    expect(result[`golden ${dtype} threaded calls`] as number).toBeGreaterThan(40)
    expect(result[`large ${dtype} 2`], `large calls ${dtype}, 2 threads`).toBe(result[`large ${dtype} 1`])
    expect(result[`large ${dtype} 4`], `large calls ${dtype}, 4 threads`).toBe(result[`large ${dtype} 1`])
    expect(result[`large ${dtype} 1 threaded calls`]).toBe(0)
    expect(result[`products ${dtype} 4`], `products split by rows and by columns ${dtype}, 4 threads`).toBe(result[`products ${dtype} 1`])
    expect(result[`large ${dtype} 4 threaded calls`]).toBe(13)
    expect(result[`fit ${dtype} 4`], `seeded fit ${dtype}`).toBe(result[`fit ${dtype} 1`])
    const takenBack = result[`take back ${dtype}`] as { taken: number; same: boolean }
    expect(takenBack.taken, `shares the page's thread took back, ${dtype}`).toBeGreaterThan(0)
    expect(takenBack.same, `taken-back shares give the bytes of one thread, ${dtype}`).toBe(true)
  }
})
