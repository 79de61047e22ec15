// `npm run demo`: the argument curvenet grew from, run and measured in under a minute.
//  1. stacked linear layers are one linear map ((BA)x = Cx): collapseLinear shows it numerically;
//  2. so a linear stack cannot learn XOR, and one nonlinearity can;
//  3. curves as activations: a KAN against an MLP on f(x, y) = exp(sin(πx) + y²), and the KAN's formula;
//  4. the kernels behind it: one matmul and one activation on both backends, same bits.
import { mkdirSync, writeFileSync } from 'node:fs'
import { init, tensor, randn, randu, matmul, tanh, scope, sequential, dense, act, adam, lbfgs, kan, trainKan, kanSVG, graphSVG, collapseLinear, autoSymbolic, formula } from '../dist/index.js'

const started = performance.now()
await init()

console.log('1. Stacked linear layers are one linear map')
const stack = sequential([dense(2, 16), dense(16, 16), dense(16, 16), dense(16, 1)], { seed: 7, dtype: 'float64' })
const single = collapseLinear(stack)
const probe = randn([1000, 2], { seed: 1, dtype: 'float64' })
// toArray() copies: a `.data` view would be emptied if the next call grew the wasm memory
const a = stack.predict(probe).toArray().flat(), b = single.predict(probe).toArray().flat()
let worst = 0
for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])))
console.log(`   4 dense layers (${stack.parameterCount} parameters) vs their collapseLinear (${single.parameterCount} parameters):`)
console.log(`   largest relative difference over 1000 inputs: ${worst.toExponential(2)}\n`)

console.log('2. So a linear stack cannot learn XOR; one nonlinearity can')
const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = tensor([[0], [1], [1], [0]])
const rows = []
for (const [name, layers] of [
  ['4 linear layers', () => [dense(2, 8), dense(8, 8), dense(8, 8), dense(8, 1)]],
  ['dense → tanh → dense', () => [dense(2, 8), act('tanh'), dense(8, 1)]],
  ['dense → relu → dense', () => [dense(2, 8), act('relu'), dense(8, 1)]],
]) {
  const model = sequential(layers(), { seed: 1 })
  const history = await model.fit(x, y, { loss: 'bceWithLogits', optimizer: adam({ lr: 0.05 }), epochs: 400, batchSize: 4 })
  const { accuracy } = model.evaluate(x, y, { loss: 'bceWithLogits', metrics: ['accuracy'], logits: true })
  const outputs = Array.from(model.predict(x).data, (logit) => (1 / (1 + Math.exp(-logit))).toFixed(2))
  rows.push({ model: name, 'final loss': history.epochs.at(-1).loss.toFixed(4), 'p(1) for 00 01 10 11': outputs.join(' '), accuracy: `${accuracy * 100}%` })
}
console.table(rows)

console.log('\n3. Curves as activations: a KAN against an MLP on f(x, y) = exp(sin(πx) + y²)')
await init()
const target = (points) => tensor(Array.from({ length: points.shape[0] }, (_, i) => {
  const [px, py] = [points.data[2 * i], points.data[2 * i + 1]]
  return [Math.exp(Math.sin(Math.PI * px) + py * py)]   // the target function (demo data, not a kernel)
}), { dtype: 'float64' })
const trainX = randu([1000, 2], { seed: 11, low: -1, high: 1, dtype: 'float64' }), trainY = target(trainX)
const testX = randu([1000, 2], { seed: 12, low: -1, high: 1, dtype: 'float64' }), testY = target(testX)
const contenders = []
{
  const startedKan = performance.now()
  const model = sequential([kan(2, 1), kan(1, 1)], { seed: 0, dtype: 'float64' })
  await trainKan(model, trainX, trainY, { grids: [5, 10, 20], steps: 30 })   // the KAN paper's recipe, shortened
  // what it learned, as pictures: the network (pykan's style) and one edge as a graph
  mkdirSync('demo-output', { recursive: true })
  writeFileSync('demo-output/kan-network.svg', kanSVG(model, trainX, { title: 'KAN [2, 1, 1] learned on exp(sin(πx) + y²)' }))
  writeFileSync('demo-output/kan-edge-x.svg', graphSVG(model.layers[0].edge(0, 0), { title: 'φ(x): the edge from x (≈ sin(πx))', xLabel: 'x', yLabel: 'φ' }))
  console.log('   pictures of the learned KAN: demo-output/kan-network.svg, demo-output/kan-edge-x.svg')
  contenders.push({ model: 'KAN [2,1,1], cubic, trainKan grids 5→10→20', parameters: model.parameterCount,
    seconds: ((performance.now() - startedKan) / 1000).toFixed(1), 'test RMSE': model.evaluate(testX, testY, { loss: 'mse', metrics: ['rmse'] }).rmse.toExponential(1) })
  // and what a KAN is for: every edge becomes a library function, their parameters train on, the formula comes out
  const startedFormula = performance.now()
  const choices = autoSymbolic(model, trainX)
  await trainKan(model, trainX, trainY, { grids: [20], steps: 30 })
  const written = formula(model)
  const test = testX.toArray(), truth = testY.toArray()
  const error = Math.max(...test.map((row, k) => Math.abs(written.evaluate(row)[0] - truth[k][0])))
  console.log(`   autoSymbolic chose ${choices.map((choice) => choice.name).join(', ')}; after retraining (${((performance.now() - startedFormula) / 1000).toFixed(1)} s):`)
  console.log(`   y = ${written.text}`)
  console.log(`   the formula's largest error on the 1000 test points: ${error.toExponential(1)}`)
  writeFileSync('demo-output/kan-symbolic.svg', kanSVG(model, trainX, { title: 'the same KAN, every edge symbolic' }))
}
{
  const startedMlp = performance.now()
  const model = sequential([dense(2, 32), act('tanh'), dense(32, 32), act('tanh'), dense(32, 1)], { seed: 0, dtype: 'float64' })
  await model.fit(trainX, trainY, { loss: 'mse', optimizer: lbfgs(), epochs: 90, verbose: 1 })   // progress on one line
  contenders.push({ model: 'MLP 2→32→32→1 tanh', parameters: model.parameterCount,
    seconds: ((performance.now() - startedMlp) / 1000).toFixed(1), 'test RMSE': model.evaluate(testX, testY, { loss: 'mse', metrics: ['rmse'] }).rmse.toExponential(1) })
}
console.log('   both full-batch L-BFGS (20 iterations per step), float64, 1000 training and 1000 test points')
console.table(contenders)

console.log('\n4. The kernels: one matmul and one activation on both backends (seeded inputs, one thread)')
function bestMilliseconds(fn, budgetMs = 250) {
  let best = Infinity
  const stopAt = performance.now() + budgetMs
  do {
    const start = performance.now()
    scope(fn)
    best = Math.min(best, performance.now() - start)
  } while (performance.now() < stopAt)
  return best
}
const sameBits = (p, q) => p.length === q.length && p.every((value, i) => Object.is(value, q[i]))
const size = 256, kernelRows = []
for (const dtype of ['float32', 'float64']) {
  const results = {}
  for (const backend of ['js', 'wasm']) {
    await init({ backend })
    const left = randn([size, size], { seed: 1, dtype }), right = randn([size, size], { seed: 2, dtype })
    const product = matmul(left, right)
    results[backend] = {
      values: [...product.data, ...tanh(product).data],
      matmulMs: bestMilliseconds(() => matmul(left, right)),
      tanhMs: bestMilliseconds(() => tanh(product)),
    }
  }
  kernelRows.push({
    dtype,
    'matmul 256³ js': `${(2 * size ** 3 / results.js.matmulMs / 1e6).toFixed(2)} GFLOP/s`,
    'matmul 256³ wasm': `${(2 * size ** 3 / results.wasm.matmulMs / 1e6).toFixed(1)} GFLOP/s`,
    'tanh 65 536 js': `${(size * size / results.js.tanhMs / 1e3).toFixed(0)} M/s`,
    'tanh 65 536 wasm': `${(size * size / results.wasm.tanhMs / 1e3).toFixed(0)} M/s`,
    'same bits': sameBits(results.js.values, results.wasm.values) ? 'yes' : 'NO',
  })
}
console.table(kernelRows)
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`)
