// How a kernel wrapper spreads one call over threads: the output is cut into contiguous shares of whole granules (rows of
// a matmul, blocks of samples, chunks of elements) and each thread runs the same export on its share. A share never cuts
// a summed axis, so every element is computed by the same instructions in the same order whatever the thread count: the
// bits of one thread. Work below the threshold stays on the calling thread.
import type { WasmExports } from './exports.generated'
import { exportIndices, type ThreadPool } from './thread-pool'

/** Kernel arguments for the share [first, first + count) on a thread whose scratch block is at `scratch`. */
export type ShareArguments = (first: number, count: number, scratch: number) => number[]

export interface KernelThreads {
  /** Threads kernels may use, the calling thread included (1: the calling thread only). */
  readonly count: number
  /**
   * Runs `kernel(...share(first, count, scratch))` over [0, total): on the calling thread alone when `nanoseconds` (the
   * call's estimated single-thread time) is below the threshold, else in up to `count` shares of whole `granule`s.
   */
  split(kernel: (...args: never[]) => unknown, total: number, granule: number, nanoseconds: number, share: ShareArguments): void
  /** From now on, use `pool` threads 1 … scratches.length with runtime `id`'s instances (their matmul scratch blocks given). */
  use(pool: ThreadPool, id: number, matmulScratches: readonly number[]): void
  /** Back to the calling thread only. */
  stop(): void
  /** Calls that ran on more than one thread so far. */
  readonly threadedCalls: number
  /** Pool threads' shares the calling thread ran itself so far (the pool's count: shared by the runtimes of this realm). */
  readonly sharesTakenBack: number
}

/**
 * A share's least estimated work, in nanoseconds. Handing a share to a pool thread and collecting it costs about a µs while
 * that thread spins and tens of µs once it sleeps (`npm run bench threads` measures the crossover: a split pays from ~3 µs
 * of work on an awake thread), so a share must be worth well over that. Tests set it to 0 to split every call at its granules.
 */
export const shareThreshold = { nanoseconds: 40_000 }

export function kernelThreads(exports: WasmExports, callerScratch: number): KernelThreads {
  let pool: ThreadPool | undefined, id = 0, scratches: readonly number[] = []
  let indices: Map<unknown, number> | undefined
  let threadedCalls = 0
  const call = (kernel: (...args: never[]) => unknown, args: number[]) => (kernel as (...args: number[]) => unknown)(...args)
  return {
    get count() {
      return pool !== undefined && pool.alive ? scratches.length + 1 : 1
    },
    get threadedCalls() {
      return threadedCalls
    },
    get sharesTakenBack() {
      return pool?.sharesTakenBack ?? 0
    },
    split(kernel, total, granule, nanoseconds, share) {
      const worth = shareThreshold.nanoseconds === 0 ? Infinity : Math.floor(nanoseconds / shareThreshold.nanoseconds)
      const shares = Math.min(scratches.length + 1, Math.ceil(total / granule), worth)
      if (pool === undefined || shares <= 1 || !pool.alive) {
        call(kernel, share(0, total, callerScratch))
        return
      }
      const each = Math.ceil(Math.ceil(total / granule) / shares) * granule
      const calls: number[][] = []
      for (let first = 0, k = 0; first < total; first += each, k++) {
        calls.push(share(first, Math.min(each, total - first), k === 0 ? callerScratch : scratches[k - 1]))
      }
      threadedCalls++
      pool.run(id, kernel as (...args: number[]) => unknown, indices!.get(kernel)!, calls)
    },
    use(threadPool, runtimeId, matmulScratches) {
      indices ??= exportIndices(exports)
      pool = threadPool
      id = runtimeId
      scratches = matmulScratches
    },
    stop() {
      pool = undefined
      scratches = []
    },
  }
}
