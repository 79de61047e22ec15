// The playground page in headless Chromium, built and served as a static site, with its default settings and seed 1:
// XOR and two spirals learned within 20 s of pressing train with no main-thread long task over 50 ms after the first
// 500 ms; stop within a moment; the exported JSON predicts the page's bits in Node; js and wasm train the same loss
// history bit for bit; a drawn stroke becomes the curve dataset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright'
import { init } from '../src/init'
import { modelFromJSON } from '../src/nn/sequential'
import { tensor } from '../src/tensor/create'
import { makeDataset } from '../playground/datasets'
import { buildModel, defaultSettings, lossFor, metricFor, optimizerFor } from '../playground/models'
import type { ModelJson } from '../src/nn/serialize'
import { longTasks, openPlayground, pressTrain, startPlayground, status, waitFor, waitUntilNotTraining } from './support/playground-page'

let browser: Browser, url: string, close: () => Promise<void>
beforeAll(async () => { ({ browser, url, close } = await startPlayground()) })
afterAll(async () => { await close?.() })

async function choose(page: Page, dataset: string, model: string): Promise<void> {
  await page.getByTestId('dataset').selectOption(dataset)
  await page.getByTestId('model').selectOption(model)
  await waitFor(page, (s) => s.state === 'idle' && s.epoch === 0, 5000)
}

describe('the playground learns, and its main thread stays responsive', () => {
  it('sees a long task when the main thread is busy for 100 ms (the observer the next tests rely on works)', async () => {
    const page = await openPlayground(browser, url)
    const before = await page.evaluate(() => performance.now())
    // a task of the page's own (a timer), as the page's drawing is; CDP's evaluate itself is not observed as one
    await page.evaluate(() => new Promise<void>((done) => setTimeout(() => { const end = performance.now() + 100; while (performance.now() < end); done() }, 0)))
    await page.waitForTimeout(100)
    expect((await longTasks(page)).filter((task) => task.startTime >= before && task.duration >= 100)).toHaveLength(1)
    await page.close()
  })

  it.each([
    { label: 'XOR', dataset: 'xor', model: 'mlp', target: 1 },
    { label: 'two spirals', dataset: 'spirals', model: 'mlp', target: 0.95 },
    { label: 'two spirals', dataset: 'spirals', model: 'kan', target: 0.95 },
  ] as const)('$label with the $model model reaches accuracy ≥ $target within 20 s, with no long task over 50 ms from 500 ms after train', async ({ dataset, model, target }) => {
    const page = await openPlayground(browser, url)
    await choose(page, dataset, model)
    const pressedAt = await pressTrain(page)
    const { at, status: last } = await waitFor(page, (s) => (s.accuracy ?? 0) >= target, 20_000)
    expect(at, `accuracy stayed at ${last.accuracy} (epoch ${last.epoch}, state ${last.state})`).toBeDefined()
    expect(at! - pressedAt).toBeLessThan(20_000)
    const late = (await longTasks(page)).filter((task) => task.startTime >= pressedAt + 500 && task.startTime <= at! && task.duration > 50)
    expect(late, JSON.stringify(late)).toEqual([])
    await page.getByTestId('stop').click()
    await page.close()
  })
})

describe('the playground', () => {
  let page: Page
  beforeAll(async () => { page = await openPlayground(browser, url) })
  afterAll(async () => { await page.close() })

  it('reports status as JSON with epoch, loss, accuracy, samplesPerSecond and state, at least once a second while training', async () => {
    await choose(page, 'spirals', 'mlp')
    await page.locator('#epochs').fill('100000')
    await pressTrain(page)
    const seen: number[] = []
    for (let k = 0; k < 4; k++) { await page.waitForTimeout(1000); seen.push((await status(page)).epoch) }
    const current = await status(page)
    expect(Object.keys(current).sort()).toEqual(['accuracy', 'epoch', 'loss', 'samplesPerSecond', 'state'])
    expect(current.state).toBe('training')
    expect(current.samplesPerSecond).toBeGreaterThan(0)
    seen.slice(1).forEach((epoch, k) => expect(epoch).toBeGreaterThan(seen[k]))
  })

  it('is served cross-origin isolated, so its worker trainings stop within one batch (tests/worker-abort.page.test.ts)', async () => {
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true)
  })

  it('stops when asked: the state turns stopped within a second and the epochs stop counting', async () => {
    expect((await status(page)).state).toBe('training')
    const clickedAt = Date.now()
    await page.getByTestId('stop').click()
    const stopped = await waitUntilNotTraining(page, 5000)
    expect(stopped.state).toBe('stopped')
    expect(Date.now() - clickedAt).toBeLessThan(1000)
    const history = await page.evaluate(() => (window as unknown as { playground: { history(): unknown[] } }).playground.history().length)
    await page.waitForTimeout(500)
    expect(await page.evaluate(() => (window as unknown as { playground: { history(): unknown[] } }).playground.history().length)).toBe(history)
    expect((await status(page)).epoch).toBe(stopped.epoch)
  })

  it('exports JSON that, loaded with fromJSON in Node, predicts the bits the page predicts', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()])
    const json = JSON.parse(await readFile((await download.path())!, 'utf8')) as ModelJson
    const rows = Array.from({ length: 64 }, (_, k) => [((k % 8) - 3.5) / 4, (Math.floor(k / 8) - 3.5) / 4])
    const inPage = await page.evaluate((r) => (window as unknown as { playground: { predict(rows: number[][]): number[][] } }).playground.predict(r), rows)
    for (const backend of ['wasm', 'js'] as const) {
      await init({ backend, quiet: true })
      const inNode = modelFromJSON(json).predict(rows)
      expect(inNode.flat()).toHaveLength(64)
      expect(new Uint8Array(Float64Array.from(inNode.flat()).buffer)).toEqual(new Uint8Array(Float64Array.from(inPage.flat()).buffer))
    }
  })

  it('imports a model JSON through the import control', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()])
    const before = await page.evaluate(() => (window as unknown as { playground: { predict(rows: number[][]): number[][] } }).playground.predict([[0.3, -0.2]]))
    await page.getByTestId('reset').click()
    await waitFor(page, (s) => s.epoch === 0, 5000)
    const afterReset = await page.evaluate(() => (window as unknown as { playground: { predict(rows: number[][]): number[][] } }).playground.predict([[0.3, -0.2]]))
    expect(afterReset).not.toEqual(before)
    await page.getByTestId('import').setInputFiles((await download.path())!)
    await page.waitForFunction(() => document.querySelector('#message')?.textContent?.startsWith('imported') === true)
    expect(await page.evaluate(() => (window as unknown as { playground: { predict(rows: number[][]): number[][] } }).playground.predict([[0.3, -0.2]]))).toEqual(before)
  })

  it('trains the same loss history, bit for bit, on the js and the wasm backend', async () => {
    const histories: string[] = []
    for (const backend of ['js', 'wasm']) {
      await page.getByTestId('backend').selectOption(backend)
      await choose(page, 'circle', 'kan')
      await page.locator('#epochs').fill('12')
      await pressTrain(page)
      expect((await waitUntilNotTraining(page, 30_000)).state).toBe('done')
      // JSON keeps every double exactly (shortest round-trip form)
      histories.push(JSON.stringify(await page.evaluate(() => (window as unknown as { playground: { history(): unknown[] } }).playground.history())))
    }
    expect(JSON.parse(histories[0])).toHaveLength(12)
    expect(histories[1]).toBe(histories[0])
  })

  it('trains on with the same Adam when train is pressed again: the weights of fit() twice with one optimizer, in Node', async () => {
    await choose(page, 'xor', 'mlp')
    await page.locator('#epochs').fill('3')
    for (let press = 0; press < 2; press++) {
      await pressTrain(page)
      expect((await waitUntilNotTraining(page, 30_000)).state).toBe('done')
    }
    const json = await page.evaluate(() => (window as unknown as { playground: { modelJSON(): ModelJson } }).playground.modelJSON())
    await init({ backend: 'wasm', quiet: true })
    const dataset = makeDataset('xor', 1, undefined), settings = { ...defaultSettings.mlp, epochs: 3 }
    const rows = dataset.targets.length
    const x = tensor(Float32Array.from(dataset.inputs), { shape: [rows, dataset.inputSize], dtype: 'float32' })
    const y = tensor(Float32Array.from(dataset.targets), { shape: [rows, 1], dtype: 'float32' })
    const weights = async (optimizers: ReturnType<typeof optimizerFor>[]) => {
      const model = buildModel('mlp', settings, dataset, 1)
      for (const optimizer of optimizers) {
        await model.fit(x, y, { loss: lossFor(dataset), optimizer, epochs: 3, batchSize: settings.batchSize, validationSplit: 0.2, metrics: [metricFor(dataset)], logits: true })
      }
      return new Uint8Array(Float64Array.from(model.parameters.flatMap((p) => Array.from(p.data))).buffer)
    }
    const inPage = new Uint8Array(Float64Array.from(modelFromJSON(json).parameters.flatMap((p) => Array.from(p.data))).buffer)
    const one = optimizerFor(settings)
    expect(inPage).toEqual(await weights([one, one]))
    // and the state matters: a new Adam for the second press would have given other weights
    expect(inPage).not.toEqual(await weights([optimizerFor(settings), optimizerFor(settings)]))
  })

  it('turns a stroke drawn on the picture into the curve dataset', async () => {
    await choose(page, 'curve', 'siren')
    await page.waitForFunction(() => document.querySelector('#surface-caption')?.textContent?.includes('Draw a new curve') === true)
    // the picture is redrawn (its element replaced) after the caption changes and while the model is rebuilt, so a
    // locator's waitFor and boundingBox can see two different elements (boundingBox was null in CI): read the plot area's
    // rectangle in one step inside the page, waiting until one is laid out
    const area = await (await page.waitForFunction(() => {
      const box = document.querySelector('#surface-layer .plot-area')?.getBoundingClientRect()
      return box !== undefined && box.width > 0 && box.height > 0 && { x: box.left, y: box.top, width: box.width, height: box.height }
    })).jsonValue() as { x: number; y: number; width: number; height: number }
    // a straight stroke from (−0.8, 0.5) to (0.8, 0.5): the picture's y range is [−1.5, 1.5]
    const y = area.y + area.height * (1.5 - 0.5) / 3
    await page.mouse.move(area.x + area.width * 0.1, y)
    await page.mouse.down()
    for (let k = 1; k <= 20; k++) await page.mouse.move(area.x + area.width * (0.1 + 0.04 * k), y)
    await page.mouse.up()
    const data = await page.evaluate(() => (window as unknown as { playground: { dataset(): { inputs: number[]; targets: number[] } } }).playground.dataset())
    expect(Math.min(...data.inputs)).toBeCloseTo(-0.8, 1)
    expect(Math.max(...data.inputs)).toBeCloseTo(0.8, 1)
    for (const target of data.targets) expect(Math.abs(target - 0.5)).toBeLessThan(0.02)
  })
})
