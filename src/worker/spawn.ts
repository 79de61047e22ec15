// Starts a curvenet worker with no bundler setting and no file to serve: the worker's code is a
// string in this bundle (scripts/build-worker.mjs writes it), run from a Blob URL in browsers and
// with `eval: true` by Node's worker_threads. Why not `new URL('./worker.js', import.meta.url)`:
// Vite and webpack 5 understand that pattern but esbuild and plain CommonJS do not, and a bundler
// that misses it leaves a URL to a file that was never copied; the string works everywhere the
// library itself loads. The cost: a page whose Content-Security-Policy forbids blob: workers
// (worker-src) cannot use fitInWorker. The string leaves out the wasm bytes: the caller sends its
// compiled module instead.
import { workerSource } from './embedded-worker.generated'
import type { FromWorker, ToWorker } from './protocol'

export interface WorkerHandle {
  post(message: ToWorker, transfer?: Transferable[]): void
  /** Replaces the listeners: each message, or an Error when the worker dies (an uncaught error or an exit). */
  listen(onMessage: (message: FromWorker) => void, onFailure: (error: Error) => void): void
  /** Node: whether the worker keeps the process alive (yes while it trains, no while it waits idle). */
  keepAlive(yes: boolean): void
  readonly dead: boolean
  terminate(): void
}

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string'
let browserScriptUrl: string | undefined

function startBrowserWorker(): WorkerHandle {
  // one Blob URL per page, kept: revoking it while a Worker may still be fetching it would break that Worker
  browserScriptUrl ??= URL.createObjectURL(new Blob([`${workerSource}\ncurvenetWorker.serveBrowser(self)\n`], { type: 'text/javascript' }))
  const worker = new Worker(browserScriptUrl, { name: 'curvenet fitInWorker' })
  let dead = false
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    listen(onMessage, onFailure) {
      worker.onmessage = (event) => onMessage(event.data as FromWorker)
      worker.onerror = (event) => { event.preventDefault(); dead = true; onFailure(new Error(`fitInWorker: the worker failed: ${event.message}`)) }
      worker.onmessageerror = () => onFailure(new Error('fitInWorker: a message from the worker could not be deserialised'))
    },
    keepAlive: () => {},
    get dead() { return dead },
    terminate: () => { dead = true; worker.terminate() },
  }
}

async function startNodeWorker(): Promise<WorkerHandle> {
  // a computed specifier, so browser bundlers do not try to resolve a Node built-in
  const workerThreads = 'node:worker_threads'
  const { Worker } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ workerThreads)) as typeof import('node:worker_threads')
  // import(), not require: an eval worker runs as an ES module when the process was started with --input-type=module;
  // parentPort queues the start message until serveNode listens
  const start = `import('node:worker_threads').then(({ parentPort }) => curvenetWorker.serveNode(parentPort))`
  const worker = new Worker(`${workerSource}\n${start}\n`, { eval: true, name: 'curvenet fitInWorker' })
  let dead = false, terminated = false
  worker.on('exit', () => { dead = true })
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer as ArrayBuffer[]),
    listen(onMessage, onFailure) {
      worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit')
      worker.on('message', (message: FromWorker) => onMessage(message))
      worker.on('error', (error) => onFailure(new Error(`fitInWorker: the worker failed: ${error.message}`, { cause: error })))
      worker.on('exit', (code) => { dead = true; if (!terminated) onFailure(new Error(`fitInWorker: the worker exited (code ${code}) before it finished`)) })
    },
    keepAlive: (yes) => { if (yes) worker.ref(); else worker.unref() },
    get dead() { return dead },
    terminate: () => { terminated = true; dead = true; void worker.terminate() },
  }
}

/** Idle workers kept for the next fitInWorker: starting one costs a thread, parsing the worker
 *  string and a cold JIT (≈ 30–100 ms, more on a loaded machine), which a two-second training would
 *  feel as ~5% fewer samples/s. Four covers the concurrent trainings a page usually runs; each idle
 *  worker keeps its heap (a few MB) until the page or process ends. Keyed by setup module. */
const MAX_IDLE_WORKERS = 4
const idleWorkers: { handle: WorkerHandle; setup: string | undefined }[] = []

/** An idle worker that ran the same setup module (or none, as asked), or a new one: a worker's
 *  registrations stay, so a training never meets names another training's setup registered. */
export async function acquireWorker(setup: string | undefined): Promise<WorkerHandle> {
  for (let i = idleWorkers.length - 1; i >= 0; i--) {
    const idle = idleWorkers[i]
    if (idle.setup !== setup) continue
    idleWorkers.splice(i, 1)
    if (idle.handle.dead) continue
    idle.handle.keepAlive(true)
    return idle.handle
  }
  return startWorker()
}

/** Back to the idle pool after a training that ended with a message (not a worker failure). */
export function releaseWorker(handle: WorkerHandle, setup: string | undefined): void {
  if (handle.dead) return
  if (idleWorkers.length >= MAX_IDLE_WORKERS) idleWorkers.shift()!.handle.terminate()   // the longest idle goes
  handle.listen(() => {}, () => {})
  handle.keepAlive(false)
  idleWorkers.push({ handle, setup })
}

/** A new worker running curvenet's worker entry; a Web Worker where the engine has one, else worker_threads. */
async function startWorker(): Promise<WorkerHandle> {
  if (typeof Worker === 'function' && typeof Blob === 'function') return startBrowserWorker()
  if (isNode) return startNodeWorker()
  throw new Error('fitInWorker: this engine has neither Web Workers nor Node worker_threads')
}
