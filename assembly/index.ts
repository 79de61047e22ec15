// The wasm module's exports: every kernel family, plus where JS may start allocating.
// Memory is imported from JS (stub runtime): nothing here allocates; all data arrives as byte offsets.
export * from './math'
export * from './matmul'
export * from './elementwise'
export * from './unary'
export * from './activations'
export * from './losses'
export * from './optim'
export * from './bezier'
// bspline.ts also exports its block helpers to bspline-evaluate.ts: only its kernels become module exports
export { bsplineBasisF32, bsplineBasisF64 } from './bspline'
export * from './bspline-evaluate'
export * from './kan'
export * from './kan-backward'

/** First byte after the static data (abort message strings); JS allocates from here up. */
export function heapBase(): usize {
  return __heap_base
}
export { threadScratchBytes, useThreadScratch } from './thread-scratch'

/** Zeroes bytes [at, at + bytes): how JS zeroes a fresh block or arena tensor. On a shared memory a typed array's fill()
 *  measured 5× slower than on an unshared one; memory.fill took about half its time there (the KAN step's profile). */
export function zeroBytes(at: usize, bytes: usize): void {
  memory.fill(at, 0, bytes)
}
