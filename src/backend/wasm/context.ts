// What every wasm kernel family's wrapper needs: the raw exports, a scratch block reserved when the
// backend is created (so no kernel call can grow memory and detach the caller's views), and byDtype.
import type { FloatArray } from '../kernels'
import type { WasmInstance } from './instance'
import type { KernelThreads } from './threads'

export interface WasmContext {
  readonly exports: WasmInstance['exports']
  /** Byte offset of the calling thread's scratch block for packing operands (16-byte aligned); pool threads have their own. */
  readonly scratch: number
  /** Spreads a call over the pool's threads by independent outputs (one thread without a pool). */
  readonly threads: KernelThreads
}

/** A kernel's float32 and float64 exports (one signature: a mismatch is a compile error) as one function
 *  that picks the export for the dtype of a given array. */
export function byDtype<Export>(float32: Export, float64: NoInfer<Export>): (array: FloatArray) => Export {
  return (array) => (array instanceof Float32Array ? float32 : float64)
}

/** Byte offset of element `index` of a typed array on the wasm memory: where a thread's share of it starts. */
export const elementAt = (array: ArrayBufferView & { BYTES_PER_ELEMENT: number }, index: number): number => array.byteOffset + index * array.BYTES_PER_ELEMENT

/** A typed array's byte offset, or 0 for an absent (null) one: 0 is never an array's offset (JS allocates above the static data). */
export const offsetOf = (array: ArrayBufferView | null): number => (array === null ? 0 : array.byteOffset)
