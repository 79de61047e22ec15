// js backend: arrays of ended scopes waiting for a tensor of their dtype and length (memory.ts says why).
import type { DType, FloatArray } from '../backend/kernels'
import type { Storage } from './storage'

/** An array an arena made, with the storage made on it. */
export interface MadeArray { storage: Storage; array: FloatArray }

/** At most as many bytes as the largest arena has made, so a repeated step keeps one step's arrays, not a growing pile. */
export class SpareArrays {
  private readonly byLength = { float32: new Map<number, FloatArray[]>(), float64: new Map<number, FloatArray[]>() }
  private bytes = 0
  private limit = 0

  take(dtype: DType, length: number): FloatArray | undefined {
    const array = this.byLength[dtype].get(length)?.pop()
    if (array) this.bytes -= array.byteLength
    return array
  }

  /** Keeps the arrays `arena` made (`bytes` in all) whose storage the arena released. A storage that moved out took a
   *  copy (memory.ts's moveOut); its first array is left to the garbage collector rather than reasoned about. */
  keep(arena: object, made: readonly MadeArray[], bytes: number): void {
    this.limit = Math.max(this.limit, bytes)
    for (const { storage, array } of made) {
      if (storage.region !== arena || this.bytes + array.byteLength > this.limit) continue
      const dtype = array instanceof Float32Array ? 'float32' : 'float64'
      const list = this.byLength[dtype].get(array.length)
      if (list) list.push(array)
      else this.byLength[dtype].set(array.length, [array])
      this.bytes += array.byteLength
    }
  }
}
