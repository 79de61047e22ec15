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
import { ReleasedTensorError, type Storage } from '../src/tensor/storage'
import { SpareArrays } from '../src/tensor/spare-arrays'
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

describe('tensor memory on js: an ended scope\'s arrays serve the next scope', () => {
  beforeAll(async () => { await init({ backend: 'js' }) })

  it('a tensor of the same dtype and length takes an ended scope\'s array, zeroed; other sizes and dtypes do not', () => {
    const used = scope(() => {
      const t = zeros([1000], { dtype: 'float64' })
      t.data.fill(NaN)
      return [t.data, zeros([1000], { dtype: 'float32' }).data]
    })
    scope(() => {
      const same = zeros([1000], { dtype: 'float64' })
      expect([used.includes(same.data), Array.from(same.data).every((value) => Object.is(value, 0))]).toEqual([true, true])
      expect(used.includes(zeros([1001], { dtype: 'float64' }).data)).toBe(false)
      expect(used.includes(zeros([1000], { dtype: 'float32' }).data)).toBe(true)
    })
  })

  it('a tensor a scope returns — to the heap or through a nested scope — keeps its numbers while later scopes reuse arrays', () => {
    const values = Array.from({ length: 500 }, (_, i) => i / 4)
    const direct = scope(() => mul(tensor(values, { dtype: 'float64' }), 2))
    const nested = scope(() => scope(() => add(tensor(values, { dtype: 'float64' }), 1)))
    for (let k = 0; k < 3; k++) scope(() => { for (let j = 0; j < 4; j++) zeros([500], { dtype: 'float64' }).data.fill(-7) })
    expect(direct.toArray()).toEqual(values.map((v) => v * 2))
    expect(nested.toArray()).toEqual(values.map((v) => v + 1))
  })
})

describe('SpareArrays (the js arena\'s reuse)', () => {
  const arena = {}
  const madeOf = (length: number, count: number) => Array.from({ length: count }, () => ({ storage: { region: arena } as Storage, array: new Float64Array(length) }))

  it('keeps at most as many bytes as the largest arena made, and never an array whose storage moved out', () => {
    const spare = new SpareArrays()
    const first = madeOf(100, 10), second = madeOf(101, 10)
    first[3].storage = { region: 'heap' } as Storage
    spare.keep(arena, first, 10 * 800)
    spare.keep(arena, second, 10 * 808)   // the limit becomes 8080 bytes; 9 arrays of 800 are kept: one more of 808 fits
    const taken = (length: number) => { const out = []; for (let k = 0; k < 20; k++) { const array = spare.take('float64', length); if (array) out.push(array) } return out }
    const hundred = taken(100), hundredOne = taken(101)
    expect([hundred.length, hundredOne.length]).toEqual([9, 1])
    expect(hundred.includes(first[3].array)).toBe(false)
    expect(spare.take('float32', 100)).toBeUndefined()
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
