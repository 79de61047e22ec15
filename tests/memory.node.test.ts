// Node only (it needs --expose-gc, set in vitest.config.ts): unreachable tensors give their wasm
// memory back through the FinalizationRegistry, a long scoped loop keeps the JS heap bounded, and a PyTorch-style loop
// without scope() is stopped with an error naming scope() long before the 4 GiB wall, its cleanup never stalling.
import { beforeAll, describe, expect, it } from 'vitest'
import { init, memory, type Runtime } from '../src/init'
import { randn, tensor, zeros } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { add, mul, sub } from '../src/ops/arithmetic'
import { matmul } from '../src/ops/matmul'
import { mseLoss } from '../src/ops/loss'
import { tanh } from '../src/ops/activation'
import { adam } from '../src/optim/optimizer'
import { noGrad } from '../src/autograd/tape'
import type { WasmBackend } from '../src/backend/wasm/index'

const collect = async () => {
  for (let i = 0; i < 3; i++) {
    (globalThis as { gc?: () => void }).gc!()
    await new Promise((resolve) => setTimeout(resolve, 10))   // finalizers run on a later task
  }
}

describe('memory reclamation (Node, wasm backend)', () => {
  let runtime: Runtime
  beforeAll(async () => { runtime = await init({ backend: 'wasm' }) })

  it('gives the memory of unreachable heap tensors back once the event loop turns', async () => {
    const allocator = (runtime.backend as WasmBackend).allocator
    await collect()
    const baseline = allocator.liveBytes
    const make = () => { for (let i = 0; i < 200; i++) add(tensor(new Float32Array(1000)), 1) }
    make()
    expect(allocator.liveBytes).toBeGreaterThan(baseline + 200 * 4000)
    await collect()
    expect(allocator.liveBytes).toBe(baseline)
  })

  it('keeps the JS heap bounded over 10 000 scoped training steps', async () => {
    const x = randn([32, 4], { seed: 1 }), y = zeros([32, 1])
    const w = randn([4, 1], { seed: 2 })
    w.requiresGrad = true
    const step = () => scope(() => {
      mseLoss(matmul(x, w), y).backward()
      noGrad(() => { w.data.set(sub(w, mul(w.grad!, 0.01)).data); w.zeroGrad() })
    })
    for (let i = 0; i < 1000; i++) step()
    await collect()
    const heapAfterWarmup = process.memoryUsage().heapUsed
    for (let i = 0; i < 10_000; i++) step()
    await collect()
    const growth = process.memoryUsage().heapUsed - heapAfterWarmup
    expect(growth).toBeLessThan(2 * 1024 * 1024)   // nothing per step survives: ~0, allow the engine's own noise
  })

  it('stops a training loop without scope() by step 10 000 with an error naming scope(), the step\'s update not applied; cleanup after it never stalls the event loop over 50 ms', async () => {
    await collect()
    const x = randn([64, 2], { seed: 1 }), y = randn([64, 1], { seed: 2 })
    const params = [randn([2, 16], { seed: 3, std: 0.5 }), zeros([16]), randn([16, 1], { seed: 4, std: 0.5 }), zeros([1])]
    for (const p of params) p.requiresGrad = true
    const optimizer = adam({ lr: 0.01 })
    const wasmBytes = () => memory().wasmBytes!
    let failure: unknown, failedAt = 0, bytesAt1000 = 0, before: Float32Array[] = []
    for (let step = 1; step <= 100_000; step++) {
      before = params.map((p) => Float32Array.from(p.data))
      try {
        for (const p of params) p.zeroGrad()
        const loss = mseLoss(add(matmul(tanh(add(matmul(x, params[0]), params[1])), params[2]), params[3]), y)
        loss.backward()
        optimizer.step(params)
      } catch (error) { failure = error; failedAt = step; break }
      if (step === 1000) bytesAt1000 = wasmBytes()
    }
    expect((failure as Error).message).toMatch(/tensors made outside any scope\(\) are still live .* wrap each training step in scope\(/)
    expect(failedAt).toBeGreaterThan(1000)
    expect(failedAt).toBeLessThanOrEqual(10_000)
    expect(wasmBytes() - bytesAt1000).toBeLessThan(512 * 2 ** 20)   // stopped long before the 4 GiB wall
    params.forEach((p, k) => expect(Array.from(p.data)).toEqual(Array.from(before[k])))
    expect(memory().unscopedTensors).toBeGreaterThan(90_000)

    // the ~100 000 tensors become unreachable: their finalizers free them in tasks. Time the longest gap between ticks of a
    // 1 ms timer while they run — from the end of each forced gc() (the collection itself is the engine's, and a natural
    // one is incremental), so what is measured is curvenet's cleanup: the finalizer callbacks and the allocator's frees
    let longest = 0, last = performance.now(), ticking = true
    const tick = () => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; if (ticking) setTimeout(tick, 1) }
    setTimeout(tick, 1)
    for (let round = 0; round < 10 && memory().unscopedTensors > 100; round++) {
      (globalThis as { gc?: () => void }).gc!()
      last = performance.now()
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    ticking = false
    expect(memory().unscopedTensors).toBeLessThan(100)
    expect(longest).toBeLessThan(50)
  })
})
