// The surface heatmap as the browser itself decodes it (createImageBitmap, then the pixels read back from a canvas): the
// PNG that surfaceSVG writes is one a real decoder accepts, with the pixels tests/support/png.ts reads.
import { beforeAll, expect, it } from 'vitest'
import { init } from '../src/init'
import { sequential } from '../src/nn/sequential'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { surfaceSVG } from '../src/plot/surface'
import { decodePng, surfaceImageUrl } from './support/png'

beforeAll(async () => { await init({ backend: 'wasm' }) })

it.each([7, 50, 200])("Chromium's own PNG decoder reads a %i² surface with the same pixels as the test decoder", async (resolution) => {
  const model = sequential([dense(2, 8), act('tanh'), dense(8, 1)], { seed: 5 })
  const url = surfaceImageUrl(surfaceSVG(model, { output: 'logit', resolution }))!
  const expected = await decodePng(url)
  const bitmap = await createImageBitmap(await (await fetch(url)).blob())
  expect([bitmap.width, bitmap.height]).toEqual([resolution, resolution])
  const canvas = new OffscreenCanvas(resolution, resolution)
  const context = canvas.getContext('2d')!
  context.drawImage(bitmap, 0, 0)
  const rgba = context.getImageData(0, 0, resolution, resolution).data
  const rgb = new Uint8Array(3 * resolution * resolution)
  for (let k = 0; k < resolution * resolution; k++) rgb.set(rgba.subarray(4 * k, 4 * k + 3), 3 * k)
  expect(new Set(Array.from({ length: resolution * resolution }, (_, k) => rgba[4 * k + 3]))).toEqual(new Set([255]))
  expect(Array.from(rgb)).toEqual(Array.from(expected.rgb))
})
