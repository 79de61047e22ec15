// memory(): live tensors and bytes, scoped and unscoped (tf.memory()'s counterpart), and the unscoped-tensor limit that
// stops a loop without scope() — the same counts and the same refusal on both backends.
import { describe, expect, it } from 'vitest'
import { init, memory, runtime } from '../src/init'
import { tensor, zeros } from '../src/tensor/create'
import { scope } from '../src/tensor/scope'
import { add } from '../src/ops/arithmetic'

describe.each(['js', 'wasm'] as const)('memory() on %s', (backend) => {
  it('counts tensors made outside a scope, in a scope, and survivors, with their bytes; dispose uncounts', async () => {
    await init({ backend })
    const start = memory()
    expect(start.backend).toBe(backend)
    expect(start.wasmBytes === undefined).toBe(backend === 'js')
    const a = zeros([10]), b = add(a, a)   // two made outside any scope: 2 × 40 bytes
    let inside = memory()
    expect(inside.unscopedTensors - start.unscopedTensors).toBe(2)
    expect(inside.bytes - start.bytes).toBe(80)
    const kept = scope(() => {
      add(a, a)
      const seen = memory()
      expect(seen.scopedTensors).toBe(1)
      return add(a, a)
    })
    inside = memory()
    expect(inside.scopedTensors).toBe(0)
    expect(inside.heapTensors - start.heapTensors).toBe(3)   // a, b and the survivor
    expect(inside.unscopedTensors - start.unscopedTensors).toBe(2)   // a survivor was returned, not left behind
    a.dispose(); b.dispose(); kept.dispose()
    const end = memory()
    expect([end.tensors, end.bytes, end.unscopedTensors]).toEqual([start.tensors, start.bytes, start.unscopedTensors])
  })

  it('withBlocks (a batched curve call\'s blocks) frees every block it took, also when a later block grew the wasm memory', async () => {
    await init({ backend, threads: 1 })   // one thread: an unshared memory, whose growth detaches the views made before it
    const { backend: used, tensors } = runtime()
    const before = memory()
    const grownFrom = used.linearMemory ? (used as { memory?: WebAssembly.Memory }).memory?.buffer.byteLength : undefined
    // 16 elements, then 40 MiB: the second allocation grows a fresh runtime's memory and detaches the first view
    const byteOffsets = tensors.memory.withBlocks('test', 'float64', [16, 5 << 20], (views) => {
      views[0].fill(1)
      expect(views[0][15]).toBe(1)   // the first view was re-derived after the growth: usable
      return views.map((view) => view.byteOffset)
    })
    if (used.linearMemory) {
      expect((used as { memory?: WebAssembly.Memory }).memory!.buffer.byteLength).toBeGreaterThan(grownFrom!)
      expect(byteOffsets.map((offset) => used.linearMemory!.blocks.isLive(offset))).toEqual([false, false])
    }
    const after = memory()
    expect([after.tensors, after.bytes]).toEqual([before.tensors, before.bytes])   // blocks are never counted as tensors
    expect(() => tensors.memory.withBlocks('BSpline.atMany', 'float64', [2 ** 30], () => 0)).toThrow(
      /^BSpline\.atMany: 1073741824 float64 elements need 8\.0 GiB; one tensor holds at most 4 GiB/)
  })

  it('refuses the tensor past unscopedTensorLimit with an error naming scope(), and takes it again after dispose', async () => {
    await init({ backend, unscopedTensorLimit: 10 })   // a fresh runtime: the count starts at 0
    const made = Array.from({ length: 10 }, () => tensor([1, 2]))
    expect(() => tensor([3])).toThrow(/^tensor: \d+ tensors made outside any scope\(\) are still live .*wrap each training step in scope\(\(\) => \{ … \}\) as fit\(\) does, or dispose\(\) what you do not keep \(init\(\{ unscopedTensorLimit \}\) sets the limit\)$/)
    expect(() => scope(() => add(tensor([3]), 1))).not.toThrow()   // inside a scope nothing is counted
    made[0].dispose()
    expect(() => tensor([3])).not.toThrow()
    await init({ backend })
  })

  it.each([0, 1.5, -3, NaN])('refuses unscopedTensorLimit %s', async (limit) => {
    await expect(init({ backend, unscopedTensorLimit: limit })).rejects.toThrow(`init: unscopedTensorLimit must be a positive integer, got ${limit}`)
  })
})
