// Node only (it needs --expose-gc, set in vitest.config.ts): unreachable tensors give their wasm
// memory back through the FinalizationRegistry, and a long scoped loop keeps the JS heap bounded.
import { beforeAll, describe, expect, it } from 'vitest'
import { init, type Runtime } from '../src/init'
import { randn, tensor, zeros } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { add, mul, sub } from '../src/ops/arithmetic'
import { matmul } from '../src/ops/matmul'
import { mseLoss } from '../src/ops/loss'
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
})
