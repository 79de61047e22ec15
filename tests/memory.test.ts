import { beforeAll, describe, expect, it } from 'vitest'
import { init, type Runtime } from '../src/init'
import { randn, tensor, zeros } from '../src/tensor/create'
import { keep, scope } from '../src/tensor/scope'
import { add, mul, sub } from '../src/ops/arithmetic'
import { matmul } from '../src/ops/matmul'
import { mean } from '../src/ops/reduce'
import { tanh } from '../src/ops/activation'
import { mseLoss } from '../src/ops/loss'
import { noGrad } from '../src/autograd/tape'
import { ReleasedTensorError } from '../src/tensor/storage'
import type { WasmBackend } from '../src/backend/wasm/index'
import type { Tensor } from '../src/tensor/tensor'

describe.each(['js', 'wasm'] as const)('tensor memory on %s', (backend) => {
  beforeAll(async () => { await init({ backend }) })

  it('releases what a scope made, keeps what it returns', () => {
    let inner: Tensor | undefined
    const result = scope(() => {
      inner = tensor([1, 2, 3])
      return mul(inner, 2)
    })
    expect(result.toArray()).toEqual([2, 4, 6])
    expect(() => inner!.data).toThrow(ReleasedTensorError)
    expect(() => inner!.toArray()).toThrow(/toArray: this tensor was released when the scope\(\) that made it ended\. Return it from the scope \(or call keep\(tensor\) inside it\)/)
  })

  it('keeps tensors returned in arrays and objects, and ones passed to keep()', () => {
    let kept: Tensor | undefined
    const { pair, named } = scope(() => {
      kept = keep(tensor([5]))
      return { pair: [tensor([1]), tensor([2])], named: { x: tensor([3]) } }
    })
    expect([pair[0].item(), pair[1].item(), named.x.item(), kept!.item()]).toEqual([1, 2, 3, 5])
  })

  it('hands a nested scope\'s result to the enclosing scope, which then releases it', () => {
    let fromInner: Tensor | undefined
    const outer = scope(() => {
      fromInner = scope(() => tensor([4, 5]))
      expect(fromInner.toArray()).toEqual([4, 5])
      return add(fromInner, 1)
    })
    expect(outer.toArray()).toEqual([5, 6])
    expect(() => fromInner!.item()).toThrow(/item: this tensor was released when the scope\(\) that made it ended/)
  })

  it('releases the scope even when fn throws, and refuses async functions', () => {
    let made: Tensor | undefined
    expect(() => scope(() => { made = tensor([1]); throw new Error('boom') })).toThrow('boom')
    expect(() => made!.data).toThrow(ReleasedTensorError)
    expect(() => scope(async () => tensor([1]))).toThrow(/scope: fn returned a Promise; a scope is synchronous/)
  })

  it('dispose() frees at once, for every reshape of the storage', () => {
    const t = tensor([[1, 2], [3, 4]])
    const view = t.reshape([4])
    t.dispose()
    expect(() => view.toArray()).toThrow(/toArray: this tensor was released by dispose\(\)/)
    expect(() => add(view, 1)).toThrow(/add: this tensor was released by dispose\(\)/)
  })

  it('keeps parameter gradients made inside a scope', () => {
    const w = tensor([[0.5, -1]], { dtype: 'float64', requiresGrad: true })
    scope(() => { mean(mul(w, w)).backward() })
    expect(w.grad!.toArray()).toEqual([[0.5, -1]])
  })
})

describe('tensor memory on wasm: growth and a long training loop', () => {
  let runtime: Runtime
  beforeAll(async () => { runtime = await init({ backend: 'wasm' }) })

  it('re-derives views after the memory grows', () => {
    const small = tensor([1, 2, 3])
    const memory = (runtime.backend as WasmBackend).memory
    const before = memory.buffer.byteLength
    const big = zeros([4 * 1024 * 1024])   // 16 MiB: forces a grow
    expect(memory.buffer.byteLength).toBeGreaterThan(before)
    expect(small.toArray()).toEqual([1, 2, 3])
    expect(add(small, 1).toArray()).toEqual([2, 3, 4])
    big.dispose()
  })

  it('does not grow the memory after step 2 over 10 000 training steps without dispose()', () => {
    const memory = (runtime.backend as WasmBackend).memory
    const x = randn([64, 2], { seed: 1 }), y = randn([64, 1], { seed: 2 })
    const params = [randn([2, 16], { seed: 3, std: 0.5 }), zeros([16]), randn([16, 1], { seed: 4, std: 0.5 }), zeros([1])]
    for (const p of params) p.requiresGrad = true
    const losses: number[] = []
    let sizeAfterStep2 = 0
    for (let step = 0; step < 10_000; step++) {
      scope(() => {
        const hidden = tanh(add(matmul(x, params[0]), params[1]))
        const loss = mseLoss(add(matmul(hidden, params[2]), params[3]), y)
        loss.backward()
        noGrad(() => { for (const p of params) { p.data.set(sub(p, mul(p.grad!, 0.05)).data); p.zeroGrad() } })
        if (step % 1000 === 0) losses.push(loss.item())
      })
      if (step === 1) sizeAfterStep2 = memory.buffer.byteLength
    }
    expect(memory.buffer.byteLength).toBe(sizeAfterStep2)
    expect(losses[losses.length - 1]).toBeLessThan(losses[0])   // it really trained
  })
})
