// A cross-origin isolated page (COOP + COEP, as the playground is served) for the page tests that need shared memory:
// esbuild bundles one program into it, a static server serves it, and Debian's Chromium opens it. The program writes
// its result as JSON into #result; openResult() returns it with the page errors seen on the way.
import { afterAll, beforeAll } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium, type Browser } from 'playwright'
// @ts-expect-error a plain .mjs helper without type declarations
import { serveStatic } from '../../scripts/playground/static-server.mjs'
import { findChromium } from '../../scripts/find-chromium.mjs'

/** Registers the page's set-up and tear-down in the calling test file; `program` is a path to a .ts entry. */
export function isolatedPage(program: string, title: string): { openResult(timeout: number): Promise<{ result: Record<string, unknown>; errors: string[] }> } {
  let folder = '', browser: Browser, server: { url: string; close(): Promise<void> }
  beforeAll(async () => {
    const executablePath = process.env.CURVENET_CHROMIUM || findChromium()?.path
    if (!executablePath) throw new Error('the page tests need Chromium (CHROMIUM_PATH or /usr/bin/chromium)')
    folder = mkdtempSync(join(tmpdir(), `curvenet-${title}-page-`))
    await build({ entryPoints: [program], bundle: true, format: 'esm', platform: 'browser', outfile: join(folder, 'main.js'), logLevel: 'silent' })
    writeFileSync(join(folder, 'index.html'), `<!doctype html><meta charset="utf-8"><title>${title}</title><pre id="result"></pre><script type="module" src="main.js"></script>`)
    server = (await serveStatic(folder)) as typeof server
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (folder) rmSync(folder, { recursive: true, force: true })
  })
  return {
    async openResult(timeout) {
      const tab = await browser.newPage()
      const errors: string[] = []
      tab.on('pageerror', (error) => errors.push(error.message))
      await tab.goto(server.url)
      await tab.waitForFunction(() => (document.getElementById('result')?.textContent ?? '') !== '', undefined, { timeout })
      const result = JSON.parse((await tab.locator('#result').textContent()) ?? '{}') as Record<string, unknown>
      await tab.close()
      return { result, errors }
    },
  }
}
