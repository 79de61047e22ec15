// Drives the built playground (build/playground/) in headless Chromium from Node: builds it once with Vite, serves it,
// opens pages with a PerformanceObserver for main-thread long tasks installed before the page's own code runs.
import { build } from 'vite'
import { chromium, type Browser, type Page } from 'playwright'
// @ts-expect-error a plain .mjs helper without type declarations
import { serveStatic } from '../../scripts/playground/static-server.mjs'
import { findChromium } from '../../scripts/find-chromium.mjs'

export interface Status { epoch: number; loss: number | null; accuracy?: number | null; rmse?: number | null; samplesPerSecond: number; state: 'idle' | 'training' | 'stopped' | 'done' }
export interface LongTask { startTime: number; duration: number }

export async function buildPlayground(): Promise<void> {
  await build({ configFile: 'playground/vite.config.ts', logLevel: 'warn' })
}

export async function startPlayground(): Promise<{ browser: Browser; url: string; close(): Promise<void> }> {
  const executablePath = process.env.CURVENET_CHROMIUM || findChromium()?.path
  if (!executablePath) throw new Error('the page tests need Chromium (CHROMIUM_PATH or /usr/bin/chromium); scripts/test.mjs runs them only when it finds one')
  await buildPlayground()
  const server = (await serveStatic(`${process.cwd()}/build/playground`)) as { url: string; close(): Promise<void> }
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
  return { browser, url: server.url, close: async () => { await browser.close(); await server.close() } }
}

/** A fresh page on the playground, idle and drawn, recording long tasks in window.longTasks. */
export async function openPlayground(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript(() => {
    const tasks: { startTime: number; duration: number }[] = []
    Object.assign(window, { longTasks: tasks })
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push({ startTime: entry.startTime, duration: entry.duration }) })
      .observe({ type: 'longtask', buffered: true })
  })
  await page.goto(url)
  await page.waitForFunction(() => document.querySelector('#surface svg') !== null)
  if (errors.length > 0) throw new Error(`the playground threw while loading: ${errors.join('; ')}`)
  return page
}

export async function status(page: Page): Promise<Status> {
  return JSON.parse((await page.getByTestId('status').textContent()) ?? '{}') as Status
}

/** Presses train; returns the page clock (performance.now()) at the press. */
export async function pressTrain(page: Page): Promise<number> {
  const pressedAt = await page.evaluate(() => performance.now())
  await page.getByTestId('train').click()
  return pressedAt
}

/** Polls the status until `reached` holds or training ends; the page clock when it held (undefined if it never did). */
export async function waitFor(page: Page, reached: (status: Status) => boolean, timeoutMs: number): Promise<{ at: number | undefined; status: Status }> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const current = await status(page)
    if (reached(current)) return { at: await page.evaluate(() => performance.now()), status: current }
    if ((current.state === 'done' || current.state === 'stopped') || Date.now() > deadline) return { at: undefined, status: current }
    await page.waitForTimeout(100)
  }
}

export async function longTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate(() => (window as unknown as { longTasks: { startTime: number; duration: number }[] }).longTasks)
}

/** Waits until the page is idle, stopped or done. */
export async function waitUntilNotTraining(page: Page, timeoutMs: number): Promise<Status> {
  const { status: last } = await waitFor(page, (s) => s.state !== 'training', timeoutMs)
  return last
}
