// The code a pool thread runs, as source text: it is handed to `new Worker` (a Blob URL in browsers, eval in Node), so it
// must not depend on the bundle around it — written as a string, no bundler rewrites it. Slot layout: see thread-pool.ts.
//
// A pool thread serves every runtime of its process: each one registers its module and shared memory (the thread
// instantiates it and points that instance's kernel scratch at a block of its own). Between messages the thread serves
// its slot in a loop: spin briefly, sleep in Atomics.wait on the request counter, claim the request (unless the caller,
// done with its own share, claimed it first and runs it itself), run the named export of the named instance with the
// arguments, record success or the error's text, publish the done counter. The caller counts the messages
// it posts in the slot; while that count is ahead of the messages received, the loop returns to the event loop, which
// delivers them; they are handled one at a time (registering awaits instantiation) and then the loop resumes.
export const poolThreadSource = `
'use strict'
const inNode = typeof self === 'undefined'
const port = inNode ? require('node:worker_threads').parentPort : self
const instances = new Map()
const queue = []
let words, args, message, names, seen = 0, received = 0, draining = false
function serve() {
  for (;;) {
    if (Atomics.load(words, 6) !== received) return
    if (Atomics.load(words, 0) === seen) {
      // spin for up to 2 ms (during training the next share comes sooner), then sleep: waking a sleeping thread costs
      // tens of µs, more than many shares take
      const idle = performance.now()
      for (let spin = 1; Atomics.load(words, 0) === seen && Atomics.load(words, 6) === received; spin++) {
        if ((spin & 1023) === 0 && performance.now() - idle > 2) { Atomics.wait(words, 0, seen, 50); break }
      }
      continue
    }
    seen = Atomics.load(words, 0)
    // the claim counter moves from the previous request to this one once, by this thread or by the caller
    if (Atomics.compareExchange(words, 8, (seen - 1) | 0, seen) !== ((seen - 1) | 0)) continue
    try {
      const instance = instances.get(words[7])
      if (instance === undefined) throw new Error('no instance ' + words[7] + ' is registered on this thread')
      const call = []
      for (let k = 0; k < words[4]; k++) call.push(args[k])
      instance[names[words[3]]](...call)
      words[2] = 0
    } catch (error) {
      const text = String(error).slice(0, 256)
      for (let k = 0; k < text.length; k++) message[k] = text.charCodeAt(k)
      words[5] = text.length
      words[2] = 1
    }
    Atomics.store(words, 1, seen)
    Atomics.notify(words, 1)
  }
}
async function handle(data) {
  if (data.start) {
    words = new Int32Array(data.control, data.slot, 16)
    args = new Float64Array(data.control, data.slot + 64, 24)
    message = new Uint16Array(data.control, data.slot + 256, 256)
    names = data.names
  } else if (data.register !== undefined) {
    try {
      const memory = data.memory
      const abort = (text, file, line, column) => { throw new Error('wasm abort at ' + line + ':' + column) }
      const exports = (await WebAssembly.instantiate(data.module, { env: { memory, abort } })).exports
      exports.useThreadScratch(data.scratch)
      instances.set(data.register, exports)
      port.postMessage({ registered: data.register })
    } catch (error) {
      port.postMessage({ registered: data.register, failed: String(error) })
    }
  } else if (data.unregister !== undefined) {
    instances.delete(data.unregister)
  }
}
async function receive(data) {
  queue.push(data)
  if (draining) return
  draining = true
  while (queue.length > 0) {
    const next = queue.shift()
    if (!next.start) received++
    await handle(next)
  }
  draining = false
  serve()
}
if (inNode) port.on('message', receive)
else self.onmessage = (event) => receive(event.data)
`
