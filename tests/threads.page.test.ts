// Threads in a cross-origin isolated Chromium page (COOP + COEP, as the playground is served): the same bits as one thread
// for every kernel (golden hash, every call split), for large calls above the threshold and for seeded fit() runs. The
// page's main thread may not block in Atomics.wait, so this is the spinning path. (The chromium project's pages are not
// isolated: tests/threads.browser.test.ts checks that they run one thread and say why.)
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium, type Browser } from 'playwright'
// @ts-expect-error a plain .mjs helper without type declarations
import { serveStatic } from '../scripts/playground/static-server.mjs'
import { findChromium } from '../scripts/find-chromium.mjs'
import { GOLDEN } from './support/golden'

let folder = '', browser: Browser, server: { url: string; close(): Promise<void> }

beforeAll(async () => {
  const executablePath = process.env.CURVENET_CHROMIUM || findChromium()?.path
  if (!executablePath) throw new Error('the page tests need Chromium (CHROMIUM_PATH or /usr/bin/chromium)')
  folder = mkdtempSync(join(tmpdir(), 'curvenet-threads-page-'))
  await build({ entryPoints: [join(import.meta.dirname, 'support', 'threads-page-program.ts')], bundle: true, format: 'esm', platform: 'browser', outfile: join(folder, 'main.js'), logLevel: 'silent' })
  writeFileSync(join(folder, 'index.html'), '<!doctype html><meta charset="utf-8"><title>threads</title><pre id="result"></pre><script type="module" src="main.js"></script>')
  server = (await serveStatic(folder)) as typeof server
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

it('gives the bits of one thread on 1, 2 and 4 threads in an isolated page: every kernel, large calls, seeded fit()', async () => {
  const tab = await browser.newPage()
  const errors: string[] = []
  tab.on('pageerror', (error) => errors.push(error.message))
  await tab.goto(server.url)
  await tab.waitForFunction(() => (document.getElementById('result')?.textContent ?? '') !== '', undefined, { timeout: 80_000 })
  const result = JSON.parse((await tab.locator('#result').textContent()) ?? '{}') as Record<string, unknown>
  await tab.close()
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
    expect(result[`large ${dtype} 4 threaded calls`]).toBe(10)
    expect(result[`fit ${dtype} 4`], `seeded fit ${dtype}`).toBe(result[`fit ${dtype} 1`])
  }
})
