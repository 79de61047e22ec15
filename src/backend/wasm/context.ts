// What every wasm kernel family's wrapper needs: the raw exports and a scratch block reserved when
// the backend is created (so no kernel call can grow memory and detach the caller's views).
import type { WasmInstance } from './instance'

export interface WasmContext {
  readonly exports: WasmInstance['exports']
  /** Byte offset of the scratch block reserved for packing operands (16-byte aligned). */
  readonly scratch: number
}
