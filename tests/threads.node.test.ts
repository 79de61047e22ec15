// Threads give the bits of one thread: every kernel (the golden program, each call split at its smallest shares), large calls
// split at the natural threshold, and seeded fit() runs, on 1, 2 and 4 threads, and shares the caller took back from a
// sleeping pool thread; a pool thread's failure reaches the caller; small calls stay on the calling thread; an idle pool
// never keeps Node alive.
import { afterEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { init, type Runtime } from '../src/init'
import { shareThreshold } from '../src/backend/wasm/threads'
import type { WasmBackend } from '../src/backend/wasm/index'
import { everyKernel, GOLDEN, hashOutputs } from './support/golden'
import { largeCalls, seededFitHash, smallestShareProducts, takeBack } from './support/thread-cases'

const naturalThreshold = shareThreshold.nanoseconds
afterEach(() => { shareThreshold.nanoseconds = naturalThreshold })

const wasmOf = (runtime: Runtime) => runtime.backend as WasmBackend
const dtypes = ['float32', 'float64'] as const

describe('threads: every count gives the bits of one thread', () => {
  it.each(dtypes)('%s: every kernel of the golden program, split at its smallest shares on 2 and 4 threads, gives the golden bytes', async (dtype) => {
    shareThreshold.nanoseconds = 0
    for (const threads of [2, 4]) {
      const runtime = await init({ threads })
      expect(runtime.threads).toBe(threads)
      const before = wasmOf(runtime).threadedCalls
      expect(hashOutputs(everyKernel(runtime.backend, dtype))).toBe(GOLDEN[dtype])
      expect(wasmOf(runtime).threadedCalls - before, 'calls that ran on more than one thread').toBeGreaterThan(40)
    }
  })

  it.each(dtypes)('%s: large calls of every threaded family above the natural threshold give the same bytes on 1, 2 and 4 threads', async (dtype) => {
    const hashes: string[] = []
    for (const threads of [1, 2, 4]) {
      // room for every array from the start: a grown unshared memory would detach the views made before
      const runtime = await init({ threads, initialMemoryPages: 2048 })
      const before = wasmOf(runtime).threadedCalls
      hashes.push(hashOutputs(largeCalls(runtime, dtype, 1)))
      expect(wasmOf(runtime).threadedCalls - before, `threaded calls on ${threads} threads`).toBe(threads === 1 ? 0 : 13)
    }
    expect(hashes[1]).toBe(hashes[0])
    expect(hashes[2]).toBe(hashes[0])
  })

  it.each(dtypes)('%s: matrix products split at their smallest shares by rows or by columns, ending in one row or one column, give the bytes of one thread', async (dtype) => {
    const hashes: string[] = []
    for (const threads of [1, 2, 4]) {
      shareThreshold.nanoseconds = 0
      const runtime = await init({ threads, initialMemoryPages: 256 })   // no growth: it would detach the earlier outputs
      const before = wasmOf(runtime).threadedCalls
      hashes.push(hashOutputs(smallestShareProducts(runtime, dtype)))
      // each of the 18 products has at least two granules on the side it is shared by
      expect(wasmOf(runtime).threadedCalls - before, `threaded calls on ${threads} threads`).toBe(threads === 1 ? 0 : 18)
    }
    expect(hashes[1]).toBe(hashes[0])
    expect(hashes[2]).toBe(hashes[0])
  })

  it('a call below the threshold stays on the calling thread', async () => {
    const runtime = await init({ threads: 2 })
    const k = runtime.backend.kernels, x = runtime.alloc('float32', 4096), out = runtime.alloc('float32', 4096)
    const before = wasmOf(runtime).threadedCalls
    k.add(out, x, x, 4096)
    k.matmul(out, x, x, 8, 8, 8)
    expect(wasmOf(runtime).threadedCalls).toBe(before)
  })

  it('a float32 product of the 2→64→64→1 MLP (256×64·64×64, ~45 µs) stays on the calling thread; the 784→128 one at batch 64 is split', async () => {
    // measured (src/backend/wasm/matmul.ts): splitting the MLP's products made its step on 2 threads 0.78–0.85× of one thread
    const runtime = await init({ threads: 2 })
    const k = runtime.backend.kernels, calls = () => wasmOf(runtime).threadedCalls
    const a = runtime.alloc('float32', 64 * 784), b = runtime.alloc('float32', 784 * 128), out = runtime.alloc('float32', 256 * 128)
    const before = calls()
    k.matmul(out, a, b, 256, 64, 64)
    k.matmulTransposeA(out, a, b, 64, 256, 64)
    k.matmulTransposeB(out, a, b, 256, 64, 64)
    expect(calls()).toBe(before)
    k.matmul(out, a, b, 64, 784, 128)
    expect(calls()).toBe(before + 1)
  })

  it.each(dtypes)('%s: seeded fit() — dense with Adam, KAN with L-BFGS — gives the same History and weights on 1, 2 and 4 threads, every call split', async (dtype) => {
    shareThreshold.nanoseconds = 0
    const bits: string[] = []
    for (const threads of [1, 2, 4]) {
      const runtime = await init({ threads })
      expect(runtime.threads).toBe(threads)
      bits.push(await seededFitHash(dtype, 80))
    }
    expect(bits[1]).toBe(bits[0])
    expect(bits[2]).toBe(bits[0])
  })
})

describe('threads: failures, options and shutdown', () => {
  it("a pool thread's share that fails makes the call throw on the caller, naming the thread, and the pool keeps working", async () => {
    const runtime = await init({ threads: 2 })
    const backend = wasmOf(runtime), k = backend.kernels
    const n = 1 << 20, x = runtime.alloc('float32', n)
    // out's first half (the calling thread's share) ends exactly at the end of memory; the pool thread's half lies beyond it
    const end = backend.memory.buffer.byteLength
    const out = new Float32Array(backend.memory.buffer, end - (n / 2) * 4, n / 2)
    expect(() => k.add(out, x, x, n)).toThrow(/threads: pool thread 1's share failed: RuntimeError: memory access out of bounds/)
    const y = runtime.alloc('float32', n)
    x.fill(1.5)
    k.add(y, x, x, n)
    expect(y.every((value) => value === 3)).toBe(true)
  })

  it.each(dtypes)("%s: a share its pool thread has not claimed when the caller's own is done is run by the caller, with the bytes of one thread", async (dtype) => {
    const { taken, same } = await takeBack(dtype)
    expect(taken, 'shares the calling thread took back').toBeGreaterThan(0)
    expect(same, 'every call gave the bytes of one thread').toBe(true)
  })

  it.each([0, -1, 1.5, 17, Number.NaN, '2'])('init({ threads: %s }) is a RangeError naming threads', async (threads) => {
    await expect(init({ threads: threads as number })).rejects.toThrow(/^init: threads must be an integer from 1 to 16, got /)
  })

  it('the js backend and stopThreads() run on one thread', async () => {
    expect((await init({ backend: 'js', threads: 4 })).threads).toBe(1)
    const runtime = await init({ threads: 2 })
    runtime.stopThreads()
    expect(runtime.threads).toBe(1)
    const x = runtime.alloc('float32', 1 << 20)
    const before = wasmOf(runtime).threadedCalls
    runtime.backend.kernels.activationForward('tanh', x, x, 1 << 20, 0)
    expect(wasmOf(runtime).threadedCalls).toBe(before)
  })

  it('a Node process that used a pool of 4 threads and never stopped it exits by itself', { timeout: 60_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'curvenet-threads-'))
    const entry = join(directory, 'program.ts'), bundle = join(directory, 'program.mjs')
    writeFileSync(entry, `import { init } from ${JSON.stringify(join(process.cwd(), 'src', 'index.ts'))}
const runtime = await init({ threads: 4 })
const x = runtime.alloc('float32', 1 << 20)
runtime.backend.kernels.activationForward('tanh', x, x, 1 << 20, 0)
console.log('threads', runtime.threads, 'threaded calls', runtime.backend.threadedCalls)
`)
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' })
    const output = execFileSync(process.execPath, [bundle], { encoding: 'utf8', timeout: 30_000 })
    expect(output.trim()).toBe('threads 4 threaded calls 1')
  })
})
