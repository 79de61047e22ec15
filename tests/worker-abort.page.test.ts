// fitInWorker's abort in a cross-origin isolated page (COOP + COEP, as the playground is served): the caller shares an
// abort flag that the worker reads after every batch, so training stops after the batch in which the abort arrives —
// with batches of ~35 ms, far longer than a message or an animation frame. (The chromium project's pages are not
// isolated; tests/worker-fit.browser.test.ts checks the message path there.)
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium, type Browser } from 'playwright'
// @ts-expect-error a plain .mjs helper without type declarations
import { serveStatic } from '../scripts/playground/static-server.mjs'
import { findChromium } from '../scripts/find-chromium.mjs'

let folder = '', browser: Browser, server: { url: string; close(): Promise<void> }

beforeAll(async () => {
  const executablePath = process.env.CURVENET_CHROMIUM || findChromium()?.path
  if (!executablePath) throw new Error('the page tests need Chromium (CHROMIUM_PATH or /usr/bin/chromium)')
  folder = mkdtempSync(join(tmpdir(), 'curvenet-abort-page-'))
  await build({ entryPoints: [join(import.meta.dirname, 'support', 'abort-page-program.ts')], bundle: true, format: 'esm', platform: 'browser', outfile: join(folder, 'main.js'), logLevel: 'silent' })
  writeFileSync(join(folder, 'index.html'), '<!doctype html><meta charset="utf-8"><title>abort</title><pre id="result"></pre><script type="module" src="main.js"></script>')
  server = (await serveStatic(folder)) as typeof server
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

it('stops after the batch in which the abort arrives, with the weights fit() has after that batch, in an isolated page', async () => {
  const tab = await browser.newPage()
  const errors: string[] = []
  tab.on('pageerror', (error) => errors.push(error.message))
  await tab.goto(server.url)
  await tab.waitForFunction(() => (document.getElementById('result')?.textContent ?? '') !== '', undefined, { timeout: 60_000 })
  const result = JSON.parse((await tab.locator('#result').textContent()) ?? '{}') as Record<string, unknown>
  await tab.close()
  expect(errors).toEqual([])
  expect(result.error).toBeUndefined()
  expect(result).toMatchObject({ isolated: true, stopped: 'aborted', same: true })
  // onBatchEnd comes once per animation frame with the latest batch: the worker was in the next one when the caller
  // aborted, and that one is the last; a batch lasts longer than a frame and a message together (checked)
  expect(result.batchMs as number).toBeGreaterThan(20)
  expect(result.last).toBe((result.abortedAt as number) + 1)
})
