// A backend = one implementation of the kernels plus the memory its arrays must live in.
// js: arrays are ordinary typed arrays. wasm: arrays must be views onto its WebAssembly.Memory,
// obtained from alloc() (or view()), because kernels receive only their byte offsets.
import type { DType, FloatArray, Kernels } from './kernels'

export type BackendName = 'js' | 'wasm'

export interface Backend {
  readonly name: BackendName
  /** The trusting kernels; validated ones come from checkedKernels(backend). */
  readonly kernels: Kernels
  /** A zeroed array of `length` elements that this backend's kernels can read and write. */
  alloc(dtype: DType, length: number): FloatArray
  allocInt32(length: number): Int32Array
  /** Returns an array from alloc() to the backend. The array must not be used afterwards. */
  free(array: FloatArray | Int32Array): void
  /** Whether kernels of this backend can address the array. */
  owns(array: ArrayBufferView): boolean
  /**
   * Present when the arrays are views onto one linear memory addressed by byte offset (wasm): the
   * tensor layer then carves its scope arenas out of blocks and frees heap tensors itself. Absent
   * when the garbage collector owns the arrays (js).
   */
  readonly linearMemory?: LinearMemory
  /** Present when the kernels are a compiled WebAssembly module: the one a Worker should instantiate to run the same code. */
  readonly wasmModule?: WebAssembly.Module
}

/** A growable linear memory: its blocks, and views onto them. A view made before the memory grew is detached (owns() says false). */
export interface LinearMemory {
  readonly blocks: BlockAllocator
  /** A view of `length` elements at `byteOffset`: how a view detached by growth is re-derived. */
  view(dtype: DType, byteOffset: number, length: number): FloatArray
  /** Zeroes `bytes` bytes from `byteOffset` (faster than a view's fill(0) on a shared memory). */
  zero(byteOffset: number, bytes: number): void
}

export interface BlockAllocator {
  /** Byte offset of a fresh zeroed 16-byte aligned block of at least `bytes` bytes; it may grow the memory. */
  allocate(bytes: number): number
  release(byteOffset: number): void
  isLive(byteOffset: number): boolean
}

export function bytesPerElement(dtype: DType): number {
  return dtype === 'float32' ? 4 : 8
}

export function dtypeOf(array: FloatArray): DType {
  return array instanceof Float32Array ? 'float32' : 'float64'
}
