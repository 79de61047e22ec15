// One golden hash over the bytes every kernel produces from fixed inputs, in both dtypes: js and
// wasm must both give it, in Node and in Chromium alike (and in a Worker: worker.browser.test.ts).
// A change of any kernel's numerics changes the hash: update GOLDEN only for an intended change,
// and say so in the commit.
import { describe, expect, it } from 'vitest'
import { backends } from './support/backends'
import { everyKernel, GOLDEN, hashOutputs, kernelsCalled } from './support/golden'

describe('determinism: one golden hash for every kernel', () => {
  it.each(['float32', 'float64'] as const)('%s: js and wasm, in this environment, give the golden bytes', (dtype) => {
    const hashes = backends.map((backend) => hashOutputs(everyKernel(backend, dtype)))
    expect(hashes[0], 'js and wasm differ').toBe(hashes[1])
    expect(hashes[0]).toBe(GOLDEN[dtype])
  })

  it.each(['float32', 'float64'] as const)('%s: the program calls every kernel of the backends', (dtype) => {
    for (const backend of backends) expect(kernelsCalled(backend, dtype), backend.name).toEqual(Object.keys(backend.kernels).sort())
  })
})
