// curvenet's one seeded generator, for initialisation, shuffling and noise — never the engine's unseeded generator.
// Algorithm: xoshiro128** (Blackman & Vigna) on four 32-bit words, seeded by splitmix32 from a
// 32-bit seed. Uniform doubles take 53 bits from two outputs; normals use Box–Muller with
// curvenet's own log/sin/cos, so the same seed gives the same numbers in every engine.
import { logF64 } from '../math/logarithm'
import { cosF64, sinF64 } from '../math/trigonometric'

export class Generator {
  private s0: number
  private s1: number
  private s2: number
  private s3: number
  private spareNormal: number | undefined

  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
      throw new TypeError(`Generator: seed must be an integer, got ${typeof seed === 'number' ? seed : typeof seed}`)
    }
    let state = seed >>> 0
    const splitmix32 = () => {
      state = (state + 0x9e3779b9) | 0
      let z = state
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.s0 = splitmix32(); this.s1 = splitmix32(); this.s2 = splitmix32(); this.s3 = splitmix32()
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0
    const t = this.s1 << 9
    this.s2 ^= this.s0; this.s3 ^= this.s1; this.s1 ^= this.s2; this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotateLeft(this.s3, 11)
    return result
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5, low = this.nextUint32() >>> 6
    return (high * 67108864 + low) / 9007199254740992
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal
      this.spareNormal = undefined
      return spare
    }
    const u = 1 - this.uniform()            // (0, 1]: log stays finite
    const angle = 2 * Math.PI * this.uniform()
    const radius = Math.sqrt(-2 * logF64(u))
    this.spareNormal = radius * sinF64(angle)
    return radius * cosF64(angle)
  }

  /** An integer uniform in [0, n), unbiased (rejection sampling). */
  integer(n: number): number {
    const limit = 4294967296 - (4294967296 % n)
    let x: number
    do x = this.nextUint32(); while (x >= limit)
    return x % n
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(i + 1)
      const swap = items[i]; items[i] = items[j]; items[j] = swap
    }
    return items
  }
}

function rotateLeft(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits))
}
