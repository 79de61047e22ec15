// `npm run demo`: the same matmul and activation on the js backend (the specification) and the
// wasm SIMD backend, with their timings and a check that both gave the same bits.
import { init } from '../dist/index.js'

const js = await init({ backend: 'js' })
const wasm = await init()
console.log(`curvenet demo — wasm backend: ${wasm.reason}\n`)

function fill(runtime, dtype, length, salt) {
  const array = runtime.alloc(dtype, length)
  for (let i = 0; i < length; i++) array[i] = Math.sin(i * 0.37 + salt)   // demo data only, not a kernel
  return array
}

function bestTime(fn, minimumMs = 300) {
  let best = Infinity
  const stopAt = performance.now() + minimumMs
  do {
    const start = performance.now()
    fn()
    best = Math.min(best, performance.now() - start)
  } while (performance.now() < stopAt)
  return best
}

function sameBits(x, y) {
  const a = new Uint8Array(x.buffer, x.byteOffset, x.byteLength)
  const b = new Uint8Array(y.buffer, y.byteOffset, y.byteLength)
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

const rows = []
for (const dtype of ['float32', 'float64']) {
  const [m, k, n] = [256, 256, 256]
  const outputs = {}
  const times = {}
  for (const [name, runtime] of [['js', js], ['wasm', wasm]]) {
    const a = fill(runtime, dtype, m * k, 1)
    const b = fill(runtime, dtype, k * n, 2)
    const product = runtime.alloc(dtype, m * n)
    const activated = runtime.alloc(dtype, m * n)
    times[name] = {
      matmul: bestTime(() => runtime.kernels.matmul(product, a, b, m, k, n)),
      tanh: bestTime(() => runtime.kernels.activationForward('tanh', activated, product, m * n, 0)),
    }
    outputs[name] = { product, activated }
  }
  const flops = 2 * m * n * k
  rows.push({
    dtype,
    'matmul 256³ js': `${(flops / times.js.matmul / 1e6).toFixed(2)} GFLOP/s`,
    'matmul 256³ wasm': `${(flops / times.wasm.matmul / 1e6).toFixed(1)} GFLOP/s`,
    'tanh 65k js': `${(m * n / times.js.tanh / 1e6).toFixed(3)} G/s`,
    'tanh 65k wasm': `${(m * n / times.wasm.tanh / 1e6).toFixed(2)} G/s`,
    'same bits': sameBits(outputs.js.product, outputs.wasm.product) && sameBits(outputs.js.activated, outputs.wasm.activated) ? 'yes' : 'NO',
  })
}
console.table(rows)
