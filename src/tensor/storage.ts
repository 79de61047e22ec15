// Where a tensor's numbers live. On a backend with a linear memory (wasm): a block addressed by
// byte offset, whose typed-array view is re-derived whenever the memory has grown (growth detaches
// old views). Otherwise (js): an ordinary typed array. Reshapes share one Storage.
import type { Backend } from '../backend/backend'
import type { DType, FloatArray } from '../backend/kernels'

export type ReleaseCause = 'disposed' | 'scope'

export class ReleasedTensorError extends Error {
  constructor(where: string, cause: ReleaseCause) {
    super(cause === 'disposed'
      ? `${where}: this tensor was released by dispose(); its memory is gone. Keep using a tensor only before disposing it, or clone() it first`
      : `${where}: this tensor was released when the scope() that made it ended. Return it from the scope (or call keep(tensor) inside it) to use it afterwards`)
    this.name = 'ReleasedTensorError'
  }
}

export class Storage {
  private view: FloatArray
  releasedBy: ReleaseCause | undefined
  /** Made outside any scope() by an op or a creator (not a parameter, not a scope's survivor): what the unscoped limit counts. */
  unscoped = false

  constructor(
    readonly backend: Backend,
    readonly dtype: DType,
    readonly length: number,
    /** The block's byte offset in a linear memory (unused without one). */
    public byteOffset: number,
    /** 'heap': freed by dispose() or when unreachable; otherwise the arena scope that owns it. */
    public region: 'heap' | object,
    view: FloatArray,
  ) {
    this.view = view
  }

  /** The current view of the numbers; throws once released. */
  data(where: string): FloatArray {
    if (this.releasedBy) throw new ReleasedTensorError(where, this.releasedBy)
    const linear = this.backend.linearMemory
    if (linear !== undefined && !this.backend.owns(this.view)) this.view = linear.view(this.dtype, this.byteOffset, this.length)
    return this.view
  }

  /** Sets every number to +0 (in a linear memory by its zero(): a typed array's fill is slow on a shared memory). */
  zero(where: string): void {
    const view = this.data(where)
    const linear = this.backend.linearMemory
    if (linear === undefined) view.fill(0)
    else linear.zero(this.byteOffset, view.byteLength)
  }

  /** Points this storage at a new block holding the same numbers (used when a scope hands a tensor out). */
  relocate(byteOffset: number, region: 'heap' | object, view: FloatArray): void {
    this.byteOffset = byteOffset
    this.region = region
    this.view = view
  }
}
