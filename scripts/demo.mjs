// `npm run demo`: the same matmul and activation on the js backend (the specification) and the
// wasm SIMD backend, through tensors: their speed side by side, and a check that both gave the same bits.
import { init, randn, matmul, tanh, scope } from '../dist/index.js'

function bestMilliseconds(fn, budgetMs = 300) {
  let best = Infinity
  const stopAt = performance.now() + budgetMs
  do {
    const start = performance.now()
    scope(fn)   // each run's result is released when the scope ends
    best = Math.min(best, performance.now() - start)
  } while (performance.now() < stopAt)
  return best
}

function sameBits(x, y) {
  const a = new Uint8Array(x.buffer, x.byteOffset, x.byteLength)
  const b = new Uint8Array(y.buffer, y.byteOffset, y.byteLength)
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

const size = 256
const rows = []
for (const dtype of ['float32', 'float64']) {
  const results = {}
  for (const backend of ['js', 'wasm']) {
    const runtime = await init({ backend })
    const a = randn([size, size], { seed: 1, dtype }), b = randn([size, size], { seed: 2, dtype })
    const product = matmul(a, b)
    results[backend] = {
      product: product.data.slice(),
      activated: tanh(product).data.slice(),
      matmulMs: bestMilliseconds(() => matmul(a, b)),
      tanhMs: bestMilliseconds(() => tanh(product)),
      reason: runtime.reason,
    }
  }
  const flops = 2 * size ** 3, elements = size * size
  rows.push({
    dtype,
    'matmul 256³ js': `${(flops / results.js.matmulMs / 1e6).toFixed(2)} GFLOP/s`,
    'matmul 256³ wasm': `${(flops / results.wasm.matmulMs / 1e6).toFixed(1)} GFLOP/s`,
    'tanh 65 536 js': `${(elements / results.js.tanhMs / 1e3).toFixed(0)} M/s`,
    'tanh 65 536 wasm': `${(elements / results.wasm.tanhMs / 1e3).toFixed(0)} M/s`,
    'same bits': sameBits(results.js.product, results.wasm.product) && sameBits(results.js.activated, results.wasm.activated) ? 'yes' : 'NO',
  })
}
console.log('curvenet demo — one matmul and one activation on both backends (seeded inputs, one thread)\n')
console.table(rows)
