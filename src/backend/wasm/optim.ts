// PLACEHOLDER until the optim family lands
import type { WasmContext } from './context'
export function optimKernels(_context: WasmContext): any { return {} }
