// stepDecay: initial · factor^⌊(step − 1)/every⌋ computed by binary powering — exact where the powers are, bounded work at
// any step or `every`.
import { describe, expect, it } from 'vitest'
import { stepDecay } from '../src/optim/schedule'

describe('stepDecay', () => {
  it('drops by factor every `every` steps, starting at initial', () => {
    const schedule = stepDecay({ initial: 0.8, factor: 0.5, every: 3 })
    expect([1, 2, 3, 4, 6, 7, 10].map((step) => schedule(step))).toEqual([0.8, 0.8, 0.8, 0.4, 0.4, 0.2, 0.1])
  })

  it('equals the product of `drops` factors where every product is exact (powers of two), up to 1000 drops', () => {
    const schedule = stepDecay({ initial: 1, factor: 0.5, every: 1 })
    for (const drops of [0, 1, 2, 3, 5, 8, 13, 100, 511, 1000]) {
      let product = 1
      for (let k = 0; k < drops; k++) product *= 0.5
      expect(schedule(drops + 1), `${drops} drops`).toBe(product)
    }
  })

  it('answers at once for a tiny `every` or a late step: 0 below factor 1, Infinity above, initial at 1', () => {
    expect(stepDecay({ initial: 0.1, factor: 0.9, every: 1e-300 })(1e9)).toBe(0)
    expect(stepDecay({ initial: 0.1, factor: 1.1, every: 1e-300 })(1e9)).toBe(Infinity)
    expect(stepDecay({ initial: 0.1, factor: 1, every: 1e-300 })(1e9)).toBe(0.1)
    expect(stepDecay({ initial: 0.1, factor: 0.9, every: 1 })(2 ** 52)).toBe(0)
  })

  it.each([
    [{ initial: 0, factor: 0.5, every: 1 }, /stepDecay: initial must be a positive finite number, got 0/],
    [{ initial: 1, factor: NaN, every: 1 }, /stepDecay: factor must be a positive finite number, got NaN/],
    [{ initial: 1, factor: 0.5, every: -2 }, /stepDecay: every must be a positive finite number, got -2/],
  ])('refuses %o', (options, message) => {
    expect(() => stepDecay(options)).toThrow(message)
  })
})
