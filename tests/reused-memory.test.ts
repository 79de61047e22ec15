// Memory a previous scope filled with NaN, reused: a new tensor still comes zeroed (the wasm backend zeroes with its
// module's memory.fill, as zeroGrad does), and the ops whose kernels write their outputs whole — the KAN layer, the
// activations, add, mul, div and neg — and are therefore given them unzeroed (allocate.ts's unzeroed) give the bits
// they give on fresh memory.
import { describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor, zeros } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { sequential } from '../src/nn/sequential'
import { kan } from '../src/nn/kan'
import { dense } from '../src/nn/dense'
import { act } from '../src/nn/activation-layer'
import { mseLoss } from '../src/ops/loss'
import { add, div, mul, neg } from '../src/ops/arithmetic'

/** Fills 8 MiB of scope tensors with NaN, then ends the scope: its arena's chunks go back for the next scopes. */
function poisonArenas(): void {
  scope(() => {
    for (let k = 0; k < 8; k++) zeros([1 << 17], { dtype: 'float64' }).data.fill(NaN)
  })
}

const bitsOf = (values: ArrayLike<number>) => Array.from(new Uint8Array(Float64Array.from(values).buffer))

describe.each(['js', 'wasm'] as const)('memory reused after NaN on %s', (backend) => {
  it('a scope tensor and a tensor outside any scope come zeroed where an earlier one held NaN', async () => {
    await init({ backend })
    poisonArenas()
    const inScope = scope(() => Array.from(zeros([1 << 17], { dtype: 'float64' }).data))
    expect(inScope.every((value) => Object.is(value, 0))).toBe(true)
    const dirty = zeros([4096], { dtype: 'float32' })
    dirty.data.fill(NaN)
    dirty.dispose()
    const fresh = zeros([4096], { dtype: 'float32' })
    expect(Array.from(fresh.data).every((value) => Object.is(value, 0))).toBe(true)
    fresh.dispose()
  })

  it('zeroGrad sets every number of a gradient to +0 and keeps its memory', async () => {
    await init({ backend })
    const w = tensor(Float64Array.from({ length: 300 }, (_, i) => i / 7 - 20), { shape: [300], requiresGrad: true })
    scope(() => mseLoss(w, zeros([300], { dtype: 'float64' })).backward())
    const gradient = w.grad!
    expect(Array.from(gradient.data).filter((value) => value !== 0).length).toBeGreaterThan(290)
    w.zeroGrad()
    expect(w.grad).toBe(gradient)
    expect(Array.from(gradient.data).every((value) => Object.is(value, 0))).toBe(true)
    w.dispose()
  })

  it.each([
    ['a KAN [3,8,2]', () => [kan(3, 8, { grid: 5 }), kan(8, 2, { grid: 5 })]],
    // activations and the elementwise ops (add, mul, div, neg) write unzeroed outputs too
    ['a dense 3→16 tanh→16 silu→2 through add, mul, div and neg', () => [dense(3, 16), act('tanh'), dense(16, 16), act('silu'), dense(16, 2)]],
  ] as const)('%s: forward and backward give the same bits, float32 and float64, on arenas a scope left full of NaN', async (_, layers) => {
    const step = (dtype: 'float32' | 'float64') => {
      const model = sequential([...layers()], { seed: 3, dtype })
      const x = tensor(Float64Array.from({ length: 600 * 3 }, (_, i) => ((i * 37) % 201) / 100 - 1), { shape: [600, 3], dtype })
      const y = tensor(Float64Array.from({ length: 600 * 2 }, (_, i) => ((i * 11) % 51) / 25 - 1), { shape: [600, 2], dtype })
      return scope(() => {
        const output = model.forward(x)
        const bent = div(neg(mul(output, output)), add(output, 3))
        mseLoss(bent, y).backward()
        return bitsOf([...bent.data, ...model.parameters.flatMap((p) => Array.from(p.grad!.data))])
      })
    }
    await init({ backend })
    for (const dtype of ['float32', 'float64'] as const) {
      const onFresh = step(dtype)
      poisonArenas()
      expect(step(dtype), dtype).toEqual(onFresh)
    }
  })
})
