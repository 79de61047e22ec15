// Test helpers: seeded random data (tests only), copies into a backend's memory, byte comparison.
import type { Backend } from '../../src/backend/backend'
import type { DType, FloatArray } from '../../src/backend/kernels'

/** mulberry32: a tiny seeded generator, so every test input is reproducible. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** n values uniform in [low, high), rounded to the dtype. */
export function randomValues(seed: number, n: number, low = -1, high = 1): number[] {
  const next = randomSource(seed)
  return Array.from({ length: n }, () => low + (high - low) * next())
}

/** An array on the backend's memory holding `values` (rounded to dtype). */
export function onBackend(backend: Backend, dtype: DType, values: ArrayLike<number>): FloatArray {
  const array = backend.alloc(dtype, values.length)
  array.set(values)
  return array
}

/**
 * Whether two arrays hold the same bits, element by element — except that any NaN equals any NaN:
 * the contract promises a NaN where the other backend has one, not its sign or payload (IEEE 754
 * leaves those open, and V8 varies them between its JIT tiers). −0 and +0 differ.
 */
export function sameBits(a: FloatArray, b: FloatArray): boolean {
  if (a.constructor !== b.constructor || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false
  return true
}

/** The first index where two arrays' bits differ, with both values, for failure messages. */
export function firstDifference(a: FloatArray, b: FloatArray): string {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (!Object.is(a[i], b[i])) return `index ${i}: ${a[i]} vs ${b[i]}`
  }
  return a.length === b.length ? 'none' : `lengths ${a.length} vs ${b.length}`
}

export const dtypes: DType[] = ['float32', 'float64']
export const sizes = [1, 3, 4, 5, 17, 64, 257]
