// Writes tests/fixtures/torch/: for each model, its JSON, toPyTorchModule's file, toSafetensors' weights and some inputs
// with curvenet's predictions; scripts/check-torch.py then runs them in PyTorch (see scripts/torch-fixture.mjs).
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { init } from '../../src/init'
import { sequential, type Sequential } from '../../src/nn/sequential'
import { dense } from '../../src/nn/dense'
import { act } from '../../src/nn/activation-layer'
import { sine } from '../../src/nn/sine'
import { bezierAct } from '../../src/nn/bezier-act'
import { kan } from '../../src/nn/kan'
import { adam } from '../../src/optim/optimizer'
import { tensor } from '../../src/tensor/create'
import { Generator } from '../../src/tensor/random'
import { toSafetensors } from '../../src/export/safetensors'
import { toPyTorchModule } from '../../src/export/pytorch'

const directory = process.argv[2] ?? 'tests/fixtures/torch'

function rows(seed: number, count: number, width: number, low: number, high: number): number[][] {
  const g = new Generator(seed)
  return Array.from({ length: count }, () => Array.from({ length: width }, () => low + (high - low) * g.uniform()))
}

async function write(name: string, model: Sequential, width: number, inputRange: [number, number], knotsOnData = false) {
  const train = rows(11, 64, width, -1, 1)
  const targets = train.map((row) => [row.reduce((sum, value, k) => sum + (k % 2 === 0 ? value * value : -value), 0)])
  if (knotsOnData) model.updateGrid(tensor(train, { dtype: model.dtype }))   // knots not uniform: the general span search
  await model.fit(train, targets, { loss: 'mse', optimizer: adam({ lr: 0.01 }), epochs: 5, batchSize: 16, shuffle: false })
  const x = rows(12, 40, width, ...inputRange)
  const predictions = model.predict(x) as number[][]
  writeFileSync(join(directory, `${name}.model.json`), JSON.stringify(model.toJSON()))
  writeFileSync(join(directory, `${name}.py`), toPyTorchModule(model))
  writeFileSync(join(directory, `${name}.safetensors`), toSafetensors(model))
  writeFileSync(join(directory, `${name}.data.json`), JSON.stringify({ dtype: model.dtype, x, predictions, train, targets }))
  console.log(`wrote ${name}`)
}

await init({ quiet: true })
mkdirSync(directory, { recursive: true })
const activations = ['tanh', 'gelu', 'softplus', 'silu', 'sigmoid', 'relu', 'cos', 'sin', 'identity'] as const
await write('mlp-float64', sequential([
  dense(3, 8), ...activations.flatMap((name) => [act(name), dense(8, 8)]), act('leakyRelu', { alpha: 0.2 }),
  sine(8, 6, { w0: 3 }), bezierAct(6, { degree: 4 }), dense(6, 1),
], { seed: 5, dtype: 'float64' }), 3, [-1.5, 1.5])
await write('kan-float64', sequential([kan(2, 3, { grid: 5 }), kan(3, 1, { grid: 4, base: 'identity' })], { seed: 6, dtype: 'float64' }), 2, [-1.6, 1.6], true)
await write('kan-float32', sequential([kan(2, 2, { grid: 6, order: 2 }), kan(2, 1, { base: 'none' })], { seed: 7, dtype: 'float32' }), 2, [-1.6, 1.6], true)
