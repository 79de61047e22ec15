// fitInWorker's abort in a cross-origin isolated page (COOP + COEP, as the playground is served): the caller shares an
// abort flag that the worker reads after every batch, so training stops after the batch in which the abort arrives —
// with batches of ~35 ms, far longer than a message or an animation frame. (The chromium project's pages are not
// isolated; tests/worker-fit.browser.test.ts checks the message path there.)
import { expect, it } from 'vitest'
import { join } from 'node:path'
import { isolatedPage } from './support/isolated-page'

const page = isolatedPage(join(import.meta.dirname, 'support', 'abort-page-program.ts'), 'abort')

it('stops after the batch in which the abort arrives (before the next, when it arrives between two), with the weights fit() has after that batch, in an isolated page', async () => {
  const { result, errors } = await page.openResult(60_000)
  expect(errors).toEqual([])
  expect(result.error).toBeUndefined()
  expect(result).toMatchObject({ isolated: true, stopped: 'aborted', same: true })
  // onBatchEnd comes once per animation frame with the latest batch: when the caller aborted, the worker was in the next
  // batch (which is then the last: the flag is read after every batch; a batch lasts longer than a frame and a message
  // together, checked) or yielding to its event loop between the two (fit yields every 50 ms; the abort message then
  // stops it before the next batch) — never later. `same` above: the weights are fit()'s after `last`.
  expect(result.batchMs as number).toBeGreaterThan(20)
  expect([result.abortedAt as number, (result.abortedAt as number) + 1]).toContain(result.last)
})
