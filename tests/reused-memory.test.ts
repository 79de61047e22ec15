// Memory a previous scope filled with NaN, reused: a new tensor still comes zeroed (the wasm backend zeroes with its
// module's memory.fill, as zeroGrad does), and the KAN forward, whose outputs and basis caches are not zeroed before its kernel writes them
// (allocate.ts's unzeroed), gives the bits it gives on fresh memory.
import { describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { tensor, zeros } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { sequential } from '../src/nn/sequential'
import { kan } from '../src/nn/kan'
import { mseLoss } from '../src/ops/loss'

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

  it.each(['float32', 'float64'] as const)('a KAN [3,8,2] forward and backward (%s) give the same bits on arenas a scope left full of NaN', async (dtype) => {
    const step = () => {
      const model = sequential([kan(3, 8, { grid: 5 }), kan(8, 2, { grid: 5 })], { seed: 3, dtype })
      const x = tensor(Float64Array.from({ length: 600 * 3 }, (_, i) => ((i * 37) % 201) / 100 - 1), { shape: [600, 3], dtype })
      const y = tensor(Float64Array.from({ length: 600 * 2 }, (_, i) => ((i * 11) % 51) / 25 - 1), { shape: [600, 2], dtype })
      return scope(() => {
        const output = model.forward(x)
        mseLoss(output, y).backward()
        return bitsOf([...output.data, ...model.parameters.flatMap((p) => Array.from(p.grad!.data))])
      })
    }
    await init({ backend })
    const onFresh = step()
    poisonArenas()
    expect(step()).toEqual(onFresh)
  })
})
