// The process's pool of threads (browser Workers or Node worker_threads) that run kernel shares for every wasm runtime on
// shared memory. A request travels through a SharedArrayBuffer of slots, not messages: each pool thread owns a slot (request
// and done counters, status, the export's index, the runtime's instance id, its arguments as float64, an error's text) and
// sleeps in Atomics.wait on its request counter; the calling thread writes the slots, runs its own share, then runs itself
// every share that no pool thread has claimed yet (a claim counter decides who runs a share: whoever moves it first) and
// waits for the done counters of the rest — so a pool thread that is asleep, or has no core because the machine is busy,
// costs a call at most that share's time on the calling thread, not the wait until the thread is scheduled. Kernels are
// synchronous, so the caller blocks: Atomics.wait where the engine allows it (Node, Workers), a spin on a browser page's
// main thread (which may not wait). The thread's code: pool-thread-source.ts.
import { wasmExportNames, type WasmExports } from './exports.generated'
import { poolThreadSource } from './pool-thread-source'

// slot layout: 16 int32 words, then the arguments as float64 from byte 64, then an error message as UTF-16 from byte 256
const REQUEST = 0, DONE = 1, STATUS = 2, EXPORT = 3, ARGUMENT_COUNT = 4, MESSAGE_LENGTH = 5, POSTED = 6, INSTANCE = 7, CLAIM = 8
const WORDS = 16, ARGUMENTS_AT = 4 * WORDS, MAX_ARGUMENTS = 24, MESSAGE_AT = ARGUMENTS_AT + 8 * MAX_ARGUMENTS, MAX_MESSAGE = 256
/** Bytes per slot: a multiple of 128, so two threads' counters never share a cache line. */
const SLOT_BYTES = 768
/** How long the caller waits for one share before it gives up on the pool (a share is at most seconds of work). */
const SHARE_TIMEOUT_MS = 120_000
/** Pool threads at most (the calling thread makes one more). */
export const MAX_POOL_THREADS = 15

/** A Worker or a worker_thread (whose ref/unref say whether it keeps Node's event loop alive). */
interface PoolWorker { postMessage(message: unknown): void; terminate(): unknown; ref?(): void; unref?(): void }
interface Slot { words: Int32Array; args: Float64Array; message: Uint16Array; sequence: number }

let mayWait: boolean | undefined

/** Whether this thread may block in Atomics.wait (not a browser page's main thread); found on first use, not at import. */
function callerMayWait(): boolean {
  if (mayWait === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0)
      mayWait = true
    } catch {
      mayWait = false
    }
  }
  return mayWait
}

class ThreadPool {
  private readonly control = new SharedArrayBuffer(SLOT_BYTES * MAX_POOL_THREADS)
  private readonly workers: PoolWorker[] = []
  private readonly slots: Slot[] = []
  private readonly replies = new Map<number, { resolve(): void; reject(error: Error): void; waiting: number }>()
  private broken: string | undefined
  private takenBack = 0

  /** Shares the calling thread ran itself because their pool thread had not claimed them when its own share was done. */
  get sharesTakenBack(): number {
    return this.takenBack
  }

  /** False once the pool is shut down (a thread failed to start or to finish a share): kernels then stay on the caller. */
  get alive(): boolean {
    return this.broken === undefined
  }

  /** Starts pool threads until there are `count`. */
  async grow(count: number): Promise<void> {
    if (this.broken !== undefined) throw new Error(`threads: the pool is shut down (${this.broken})`)
    while (this.workers.length < Math.min(count, MAX_POOL_THREADS)) {
      const k = this.workers.length
      const slot = k * SLOT_BYTES
      const worker = await spawn(poolThreadSource, (data) => this.onReply(data),
        (why) => this.terminate(`pool thread ${k + 1} failed: ${why}`))
      this.workers.push(worker)
      this.slots.push({
        words: new Int32Array(this.control, slot, WORDS), args: new Float64Array(this.control, slot + ARGUMENTS_AT, MAX_ARGUMENTS),
        message: new Uint16Array(this.control, slot + MESSAGE_AT, MAX_MESSAGE), sequence: 0,
      })
      worker.postMessage({ start: true, control: this.control, slot, names: wasmExportNames })
    }
  }

  /** Instantiates `module` on `memory` in pool threads 1 … scratches.length, thread k's kernel scratch at scratches[k − 1]. */
  register(id: number, module: WebAssembly.Module, memory: WebAssembly.Memory, scratches: readonly number[]): Promise<void> {
    // an idle worker_thread is unref'd; while its answer is awaited it must keep Node's event loop alive
    const busy = this.workers.slice(0, scratches.length)
    for (const worker of busy) worker.ref?.()
    return new Promise<void>((resolve, reject) => {
      this.replies.set(id, { resolve, reject, waiting: scratches.length })
      scratches.forEach((scratch, k) => this.send(k, { register: id, module, memory, scratch }))
    }).finally(() => { for (const worker of busy) worker.unref?.() })
  }

  /** Drops a runtime's instances from the pool threads (its memory is then free to be collected). */
  unregister(id: number, threads: number): void {
    for (let k = 0; k < Math.min(threads, this.workers.length); k++) this.send(k, { unregister: id })
  }

  /**
   * Runs `shares[0]` on the calling thread (`kernel` itself) and `shares[k]` on pool thread k − 1 (the same export of
   * runtime `id`'s instance there) — or on the calling thread, if that thread has not claimed it by the time the calling
   * thread's own share is done — and returns when all are done. A share that throws makes this throw. Which thread runs a
   * share changes no bit: the same export with the same arguments on the same memory (a matmul share names its scratch).
   */
  run(id: number, kernel: (...args: number[]) => unknown, index: number, shares: readonly number[][]): void {
    if (this.broken !== undefined) throw new Error(`threads: the pool is shut down (${this.broken})`)
    for (let k = 1; k < shares.length; k++) {
      const slot = this.slots[k - 1], share = shares[k]
      for (let a = 0; a < share.length; a++) slot.args[a] = share[a]
      slot.words[EXPORT] = index
      slot.words[INSTANCE] = id
      slot.words[ARGUMENT_COUNT] = share.length
      slot.sequence = (slot.sequence + 1) | 0
      Atomics.store(slot.words, REQUEST, slot.sequence)
      Atomics.notify(slot.words, REQUEST)
    }
    let failure: unknown
    // a pool thread's share fails with the same message wherever it ran: `threads: pool thread k's share failed: …`
    const shareFailed = (k: number, text: string) => new Error(`threads: pool thread ${k}'s share failed: ${text}`)
    try {
      kernel(...shares[0])
    } catch (error) {
      failure = error
    }
    const poolClaimed: boolean[] = []
    for (let k = 1; k < shares.length; k++) {
      const slot = this.slots[k - 1], previous = (slot.sequence - 1) | 0
      poolClaimed[k] = Atomics.compareExchange(slot.words, CLAIM, previous, slot.sequence) !== previous
      if (poolClaimed[k]) continue
      this.takenBack++
      try {
        kernel(...shares[k])
      } catch (error) {
        failure ??= shareFailed(k, String(error).slice(0, MAX_MESSAGE))
      }
    }
    for (let k = 1; k < shares.length; k++) {
      if (!poolClaimed[k]) continue
      const slot = this.slots[k - 1]
      this.awaitDone(slot, k)
      if (slot.words[STATUS] !== 0 && failure === undefined) {
        failure = shareFailed(k, String.fromCharCode(...slot.message.subarray(0, slot.words[MESSAGE_LENGTH])))
      }
    }
    if (failure !== undefined) throw failure
  }

  /** Stops every pool thread; later runs throw. */
  terminate(why: string): void {
    if (this.broken !== undefined) return
    this.broken = why
    for (const worker of this.workers) void worker.terminate()
    for (const reply of this.replies.values()) reply.reject(new Error(`threads: the pool is shut down (${why})`))
    this.replies.clear()
  }

  /** Posts a message to pool thread k and counts it in the slot, so that the thread leaves its serving loop to receive it. */
  private send(k: number, message: unknown): void {
    this.workers[k].postMessage(message)
    Atomics.add(this.slots[k].words, POSTED, 1)
    Atomics.notify(this.slots[k].words, REQUEST)
  }

  private onReply(data: { registered?: number; failed?: string }): void {
    const reply = data.registered === undefined ? undefined : this.replies.get(data.registered)
    if (reply === undefined) return
    if (data.failed !== undefined) {
      this.replies.delete(data.registered!)
      reply.reject(new Error(`threads: a pool thread could not instantiate the wasm module: ${data.failed}`))
    } else if (--reply.waiting === 0) {
      this.replies.delete(data.registered!)
      reply.resolve()
    }
  }

  /** Spins for the first millisecond (a share usually ends within it, and waking costs tens of µs), then sleeps where allowed. */
  private awaitDone(slot: Slot, k: number): void {
    const start = performance.now(), deadline = start + SHARE_TIMEOUT_MS
    let sleep = false
    for (let spin = 1; Atomics.load(slot.words, DONE) !== slot.sequence; spin++) {
      if (sleep) Atomics.wait(slot.words, DONE, Atomics.load(slot.words, DONE), 50)
      if (!sleep && (spin & 1023) !== 0) continue
      const now = performance.now()
      sleep = now - start > 1 && callerMayWait()
      if (now > deadline) {
        this.terminate(`pool thread ${k} did not finish a share within ${SHARE_TIMEOUT_MS / 1000} s`)
        throw new Error(`threads: ${this.broken}; the pool is shut down and kernels run on the calling thread from now on`)
      }
    }
  }
}

let pool: ThreadPool | undefined

/** The process's pool with at least `count` threads, started on first use. */
export async function threadPool(count: number): Promise<ThreadPool> {
  pool ??= new ThreadPool()
  await pool.grow(count)
  return pool
}

export type { ThreadPool }

/** The export index of each of a module's export functions, by identity: what a pool thread is told to run. */
export function exportIndices(exports: WasmExports): Map<unknown, number> {
  return new Map(wasmExportNames.map((name, index) => [exports[name], index]))
}

let sourceUrl: string | undefined

/** A Worker running `source`: worker_threads in Node (unref'd: an idle pool never keeps the process alive), else a Blob URL. */
async function spawn(source: string, onMessage: (data: never) => void, onError: (why: string) => void): Promise<PoolWorker> {
  if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') {
    sourceUrl ??= URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
    const worker = new Worker(sourceUrl)
    worker.onmessage = (event) => onMessage(event.data as never)
    worker.onerror = (event) => onError(event.message || 'the Worker could not start (a Content-Security-Policy may forbid blob: workers)')
    return worker
  }
  const specifier = 'node:worker_threads'   // computed, so browser bundlers do not try to resolve it
  const { Worker: NodeWorker } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as typeof import('node:worker_threads')
  const worker = new NodeWorker(source, { eval: true })
  worker.on('message', (data) => onMessage(data as never))
  worker.on('error', (error) => onError(String(error)))
  worker.unref()
  return worker
}
