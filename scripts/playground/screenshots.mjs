// npm run screenshots: builds the playground, opens it in headless Chromium and writes two PNGs to docs/ mid-training —
// two spirals learned by the KAN (its edges drawn as they change), and a curve drawn with the mouse fitted by a SIREN.
import { build } from 'vite'
import { chromium } from 'playwright'
import { serveStatic } from './static-server.mjs'
import { findChromium } from '../find-chromium.mjs'

const browserPath = findChromium()?.path
if (!browserPath) throw new Error('npm run screenshots needs Chromium (CHROMIUM_PATH or /usr/bin/chromium)')
await build({ configFile: 'playground/vite.config.ts', logLevel: 'warn' })
const server = await serveStatic(`${process.cwd()}/build/playground`)
const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox', '--disable-gpu'] })
const status = async (page) => JSON.parse(await page.getByTestId('status').textContent())

async function shoot(dataset, model, file, prepare, epochs) {
  const page = await browser.newPage({ viewport: { width: 1330, height: 960 } })
  await page.goto(server.url)
  await page.waitForFunction(() => document.querySelector('#surface svg') !== null)
  await page.getByTestId('dataset').selectOption(dataset)
  await page.getByTestId('model').selectOption(model)
  await page.waitForTimeout(300)
  await page.locator('#epochs').fill('5000')   // still training when the picture is taken
  await prepare?.(page)
  await page.getByTestId('train').click()
  for (let k = 0; k < 300 && (await status(page)).epoch < epochs; k++) await page.waitForTimeout(50)
  await page.waitForTimeout(200)   // a frame or two for the pictures of that epoch
  await page.screenshot({ path: file })
  if ((await status(page)).state === 'training') await page.getByTestId('stop').click()
  await page.close()
  console.log(`wrote ${file}`)
}

/** A wave drawn with the mouse across the picture's plot area. */
async function drawWave(page) {
  await page.waitForFunction(() => document.querySelector('#surface-caption')?.textContent?.includes('Draw a new curve') === true)
  const area = await page.locator('#surface-layer .plot-area').boundingBox()
  const at = (x, y) => [area.x + ((x + 1) / 2) * area.width, area.y + ((1.5 - y) / 3) * area.height]
  await page.mouse.move(...at(-0.95, -0.6))
  await page.mouse.down()
  for (let k = 0; k <= 60; k++) {
    const x = -0.95 + (1.9 * k) / 60
    // a hand-drawn shape: a bump, a dip and a step (plain arithmetic, no Math.sin: only the picture depends on it)
    const y = x < -0.3 ? -0.6 + 1.6 * (x + 0.95) * (1 - (x + 0.95) / 0.65) : x < 0.4 ? -0.2 - 0.8 * (x + 0.3) * (0.4 - x) * 4 : 0.7
    await page.mouse.move(...at(x, y))
  }
  await page.mouse.up()
}

await shoot('spirals', 'kan', 'docs/playground-spirals-kan.png', undefined, 60)
await shoot('curve', 'siren', 'docs/playground-curve-siren.png', drawWave, 150)
await browser.close()
await server.close()
