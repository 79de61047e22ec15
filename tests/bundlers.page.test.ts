// The packed tarball in a web page: a consumer project installs curvenet from `npm pack` and bundles one page that trains
// XOR with fitInWorker (in a Worker) and with fit() (on the page), with Vite, esbuild and webpack 5, each with no
// configuration beyond its entry and output; headless Chromium opens each bundle. Each page must load the wasm backend,
// train in the Worker to the bits fit() gets on the page, and lower the loss. (Page project: needs Chromium and npm.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build as viteBuild } from 'vite'
import { build as esbuild } from 'esbuild'
import webpack from 'webpack'
import { chromium, type Browser } from 'playwright'
// @ts-expect-error a plain .mjs helper without type declarations
import { serveStatic } from '../scripts/playground/static-server.mjs'
import { findChromium } from '../scripts/find-chromium.mjs'

const root = join(import.meta.dirname, '..')

/** The page's program: what a user writes, importing the package by name. */
const program = `import { init, sequential, dense, act, tensor, fitInWorker } from 'curvenet'

async function main() {
  const runtime = await init()
  const make = () => sequential([dense(2, 8), act('tanh'), dense(8, 1)], { seed: 3 })
  const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = tensor([[0], [1], [1], [0]])
  const options = { loss: 'mse', epochs: 40, batchSize: 2 }
  const here = make(), there = make()
  const expected = await here.fit(x, y, options)
  const history = await fitInWorker(there, x, y, options)
  const same = JSON.stringify(history) === JSON.stringify(expected) && JSON.stringify(there.toJSON()) === JSON.stringify(here.toJSON())
  return { backend: runtime.backend.name, same, first: history.epochs[0].loss, last: history.epochs[history.epochs.length - 1].loss }
}

main().then((result) => { document.getElementById('result').textContent = JSON.stringify(result) },
  (error) => { document.getElementById('result').textContent = JSON.stringify({ error: String((error && error.stack) || error) }) })
`
const page = (script: string) => `<!doctype html><meta charset="utf-8"><title>curvenet in a bundle</title><pre id="result"></pre><script type="module" src="${script}"></script>`

let folder = '', browser: Browser

describe('the packed tarball bundled into a page that trains with fitInWorker', () => {
  beforeAll(async () => {
    const executablePath = process.env.CURVENET_CHROMIUM || findChromium()?.path
    if (!executablePath) throw new Error('the page tests need Chromium (CHROMIUM_PATH or /usr/bin/chromium)')
    folder = mkdtempSync(join(tmpdir(), 'curvenet-bundlers-'))
    const output = execFileSync('npm', ['pack', '--json', '--pack-destination', folder], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const packed = JSON.parse(output.slice(output.lastIndexOf('\n[\n') + 1))   // `prepare` prints its build log first
    writeFileSync(join(folder, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }')
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(folder, packed[0].filename)], { cwd: folder, stdio: 'ignore' })
    writeFileSync(join(folder, 'main.js'), program)
    writeFileSync(join(folder, 'index.html'), page('/main.js'))
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    if (folder) rmSync(folder, { recursive: true, force: true })
  })

  /** Opens the bundle in `directory` and waits for the program's result. */
  async function run(directory: string): Promise<Record<string, unknown>> {
    const server = (await serveStatic(directory)) as { url: string; close(): Promise<void> }
    const tab = await browser.newPage()
    const errors: string[] = []
    tab.on('pageerror', (error) => errors.push(error.message))
    try {
      await tab.goto(server.url)
      await tab.waitForFunction(() => (document.getElementById('result')?.textContent ?? '') !== '', undefined, { timeout: 60_000 })
      expect(errors).toEqual([])
      return JSON.parse((await tab.locator('#result').textContent()) ?? '{}') as Record<string, unknown>
    } finally {
      await tab.close()
      await server.close()
    }
  }

  const expectTrained = (result: Record<string, unknown>) => {
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ backend: 'wasm', same: true })
    expect(result.last as number).toBeLessThan(result.first as number)
  }

  it('Vite: builds with no config file, loads wasm, trains in a Worker to the page\'s bits', async () => {
    const out = join(folder, 'out-vite')
    await viteBuild({ root: folder, configFile: false, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } })
    expectTrained(await run(out))
  }, 120_000)

  it('Vite, your own module Worker: a worker file with top-level await init() trains once vite.config says worker.format \'es\'', async () => {
    const app = join(folder, 'own-worker')
    mkdirSync(app, { recursive: true })
    writeFileSync(join(app, 'worker.js'), `import { init, sequential, dense, act, tensor } from 'curvenet'
const runtime = await init()
const model = sequential([dense(2, 8), act('tanh'), dense(8, 1)], { seed: 3 })
const history = await model.fit(tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), tensor([[0], [1], [1], [0]]), { loss: 'mse', epochs: 40, batchSize: 2 })
postMessage({ backend: runtime.backend.name, same: true, first: history.epochs[0].loss, last: history.epochs[history.epochs.length - 1].loss })
`)
    writeFileSync(join(app, 'main.js'), `const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
const show = (value) => { document.getElementById('result').textContent = JSON.stringify(value) }
worker.onmessage = (event) => show(event.data)
worker.onerror = (event) => show({ error: event.message || 'worker failed' })
`)
    writeFileSync(join(app, 'index.html'), page('/main.js'))
    const out = join(folder, 'out-vite-worker')
    await viteBuild({ root: app, configFile: false, logLevel: 'warn', worker: { format: 'es' }, build: { outDir: out, emptyOutDir: true } })
    expectTrained(await run(out))
  }, 120_000)

  it('esbuild: one bundle, loads wasm, trains in a Worker to the page\'s bits', async () => {
    const out = join(folder, 'out-esbuild')
    mkdirSync(out, { recursive: true })
    const result = await esbuild({ entryPoints: [join(folder, 'main.js')], bundle: true, format: 'esm', platform: 'browser', outfile: join(out, 'main.js'), absWorkingDir: folder, logLevel: 'silent' })
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    writeFileSync(join(out, 'index.html'), page('main.js'))
    expectTrained(await run(out))
  }, 120_000)

  it('webpack 5: bundles without errors or warnings about curvenet, loads wasm, trains in a Worker to the page\'s bits', async () => {
    const out = join(folder, 'out-webpack')
    const stats = await new Promise<webpack.Stats>((resolve, reject) => {
      webpack({ mode: 'production', context: folder, entry: './main.js', output: { path: out, filename: 'main.js' } }, (error, result) => (error || !result ? reject(error) : resolve(result)))
    })
    const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true })
    expect(errors).toEqual([])
    // webpack's only complaint may be its size hint (a bundle over 244 KiB), not anything about how curvenet loads
    expect((warnings ?? []).filter((warning) => !/exceed(s)? the recommended size limit|performance/i.test(warning.message)).map((warning) => warning.message)).toEqual([])
    writeFileSync(join(out, 'index.html'), page('main.js'))
    expectTrained(await run(out))
  }, 120_000)
})
