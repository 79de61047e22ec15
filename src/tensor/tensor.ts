// The Tensor: a shape and a dtype over a Storage on its backend's memory, plus what autograd needs
// (requiresGrad, grad, and the node that made it). `data` is a live view, not a copy; toArray()
// copies out. Differentiable methods call the ops of src/ops through the context (see TensorMethods).
import type { DType, FloatArray } from '../backend/kernels'
import type { GradNode } from '../autograd/tape'
import type { TensorContext } from './context'
import type { Storage } from './storage'
import { formatShape, sizeOf, type Shape } from './shape'
import { formatTensor } from './format'

/**
 * The ops (src/ops) and autograd's backward behind the Tensor's methods of the same names. They
 * make Tensors, so importing them here would be an import cycle; init() hands this table to the
 * context instead (src/ops/tensor-methods.ts).
 */
export interface TensorMethods {
  reshape(tensor: Tensor, shape: number[]): Tensor
  transpose(tensor: Tensor): Tensor
  slice(tensor: Tensor, start: number, end?: number): Tensor
  rows(tensor: Tensor, indices: ArrayLike<number>): Tensor
  clone(tensor: Tensor): Tensor
  backward(root: Tensor, gradient?: Tensor): void
}

/** A number or arrays of them to any depth: what toArray() gives. */
export type NestedNumbers = number | NestedNumbers[]

export class Tensor {
  readonly shape: Shape
  readonly size: number
  requiresGrad = false
  grad: Tensor | null = null
  node: GradNode | undefined

  constructor(readonly context: TensorContext, readonly storage: Storage, shape: Shape) {
    this.shape = Object.freeze([...shape])
    this.size = sizeOf(shape)
  }

  get dtype(): DType {
    return this.storage.dtype
  }

  get rank(): number {
    return this.shape.length
  }

  /** A live typed-array view of the numbers (no copy); re-derived if the wasm memory grew. */
  get data(): FloatArray {
    return this.storage.data('data')
  }

  /** Whether a user made this tensor (no op recorded it). */
  get isLeaf(): boolean {
    return this.node === undefined
  }

  item(): number {
    const data = this.storage.data('item')
    if (this.size !== 1) throw new RangeError(`item: the tensor has shape ${formatShape(this.shape)} (${this.size} elements); item() needs exactly one`)
    return data[0]
  }

  /** The numbers as nested arrays (a copy), shaped like the tensor; a 0-d tensor gives a number. Say the shape's type
   *  when you know the rank — `t.toArray<number[][]>()` — and strict TypeScript needs no cast (the rank is not checked
   *  against it: types do not exist at run time). */
  toArray<T extends NestedNumbers = NestedNumbers>(): T {
    return this.nested() as T
  }

  private nested(): NestedNumbers {
    const data = this.storage.data('toArray')
    if (this.shape.length === 0) return data[0]
    const build = (depth: number, offset: number): NestedNumbers[] => {
      const length = this.shape[depth]
      if (depth === this.shape.length - 1) return Array.from(data.subarray(offset, offset + length))
      const stride = sizeOf(this.shape.slice(depth + 1))
      return Array.from({ length }, (_, i) => build(depth + 1, offset + i * stride))
    }
    return build(0, 0)
  }

  toString(): string {
    return formatTensor(this.storage.data('toString'), this.shape, this.dtype)
  }

  reshape(shape: number[]): Tensor { return this.context.methods.reshape(this, shape) }
  transpose(): Tensor { return this.context.methods.transpose(this) }
  slice(start: number, end?: number): Tensor { return this.context.methods.slice(this, start, end) }
  rows(indices: ArrayLike<number>): Tensor { return this.context.methods.rows(this, indices) }
  clone(): Tensor { return this.context.methods.clone(this) }

  /** The same numbers (shared storage) cut off from the tape: no node, no gradient. */
  detach(): Tensor {
    return new Tensor(this.context, this.storage, this.shape)
  }

  /** Fills `.grad` of every tensor this one depends on that requires a gradient. */
  backward(gradient?: Tensor): void {
    this.context.methods.backward(this, gradient)
  }

  /** Sets `.grad` to zeros in place (keeps its memory, unlike `grad = null`). */
  zeroGrad(): void {
    this.grad?.storage.zero('zeroGrad')
  }

  /** Frees the memory now (shared by this tensor's reshapes). Using it afterwards throws. */
  dispose(): void {
    this.context.memory.release(this.storage)
  }
}
