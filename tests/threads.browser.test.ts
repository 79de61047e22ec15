// A page that is not cross-origin isolated (the chromium project's) may not share memory with Workers: init() runs the
// kernels on one thread, even when more are asked, and says why in runtime.reason.
import { expect, it } from 'vitest'
import { init } from '../src/init'

it('runs one thread where the page is not cross-origin isolated, and the reason names the headers that allow more', async () => {
  expect(crossOriginIsolated).toBe(false)
  for (const options of [{}, { threads: 4 }]) {
    const runtime = await init({ ...options, quiet: true })
    expect(runtime.threads).toBe(1)
    expect(runtime.reason).toMatch(/the kernels run on one thread: this page is not cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp/)
  }
})
