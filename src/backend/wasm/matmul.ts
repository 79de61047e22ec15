// PLACEHOLDER until the matmul family lands
import type { WasmContext } from './context'
export function matmulKernels(_context: WasmContext): any { return {} }
