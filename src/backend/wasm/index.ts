// The wasm backend: AssemblyScript SIMD kernels over a JS-owned WebAssembly.Memory. Each family's
// wrapper turns typed-array views into byte offsets; the arrays must live on this memory.
import type { Backend, LinearMemory } from '../backend'
import { bytesPerElement } from '../backend'
import type { DType, FloatArray } from '../kernels'
import { WasmAllocator } from './allocator'
import { checkSize } from '../validate-checks'
import type { WasmContext } from './context'
import type { WasmInstance } from './instance'
import { mathKernels } from './math'
import { matmulKernels } from './matmul'
import { elementwiseKernels } from './elementwise'
import { unaryKernels } from './unary'
import { activationKernels } from './activations'
import { lossKernels } from './losses'
import { optimKernels } from './optim'
import { bezierKernels } from './bezier'
import { bsplineKernels } from './bspline'
import { kanKernels } from './kan'

export interface WasmBackend extends Backend {
  readonly name: 'wasm'
  readonly memory: WebAssembly.Memory
  readonly allocator: WasmAllocator
  readonly linearMemory: LinearMemory
  /** A view of `length` elements at `byteOffset` of this memory (e.g. to re-derive one after a grow). */
  view(dtype: DType, byteOffset: number, length: number): FloatArray
}

export function createWasmBackend(instance: WasmInstance): WasmBackend {
  const { memory, exports, module } = instance
  const allocator = new WasmAllocator(memory, exports.heapBase())
  const context: WasmContext = { exports, scratch: allocator.allocate(exports.matmulScratchBytes()) }

  const view = (dtype: DType, byteOffset: number, length: number): FloatArray => {
    if (dtype !== 'float32' && dtype !== 'float64') throw new TypeError(`view: dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`)
    const size = bytesPerElement(dtype)
    checkSize('view', 'byteOffset', byteOffset)
    checkSize('view', 'length', length)
    if (byteOffset % size !== 0) throw new RangeError(`view: byteOffset must be a multiple of ${size} for ${dtype}, got ${byteOffset}`)
    if (byteOffset + length * size > memory.buffer.byteLength) {
      throw new RangeError(`view: bytes ${byteOffset}..${byteOffset + length * size} lie beyond the wasm memory (${memory.buffer.byteLength} bytes)`)
    }
    return dtype === 'float32' ? new Float32Array(memory.buffer, byteOffset, length) : new Float64Array(memory.buffer, byteOffset, length)
  }

  return {
    name: 'wasm',
    memory,
    allocator,
    kernels: {
      ...mathKernels(context), ...matmulKernels(context), ...elementwiseKernels(context), ...unaryKernels(context),
      ...activationKernels(context), ...lossKernels(context), ...optimKernels(context), ...bezierKernels(context), ...bsplineKernels(context), ...kanKernels(context),
    },
    view,
    alloc: (dtype: DType, length: number) => {
      const byteOffset = allocator.allocate(length * bytesPerElement(dtype))
      return view(dtype, byteOffset, length)
    },
    allocInt32: (length: number) => new Int32Array(memory.buffer, allocator.allocate(length * 4), length),
    free: (array: FloatArray | Int32Array) => allocator.release(array.byteOffset),
    owns: (array: ArrayBufferView) => array.buffer === memory.buffer,
    linearMemory: { blocks: allocator, view },
    wasmModule: module,
  }
}
