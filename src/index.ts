// curvenet's public inventory: explicit named exports only, nothing runs at import time.
export { init, runtime, hasWasmSimd } from './init'
export type { InitOptions, Runtime } from './init'
export type { Backend, BackendName } from './backend/backend'
export type { WasmBackend } from './backend/wasm/index'
export { WasmAbortError } from './backend/wasm/instance'
export { activationNames, mathNames } from './backend/kernels'
export type { ActivationName, MathName, AdamOptions, SgdOptions, DType, FloatArray, Kernels } from './backend/kernels'
