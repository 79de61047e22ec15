// The PyTorch hand-off, checked from fixtures so CI needs no Python (`npm run torch-fixture` regenerates them with
// scripts/check-torch.py): each model's generated module is what toPyTorchModule writes today; PyTorch's outputs with the
// exported weights matched predict() when the fixture was made; and the weights PyTorch then trained (5 Adam steps),
// loaded back with fromSafetensors, make curvenet predict what PyTorch predicted with them — the module and curvenet
// compute the same function, in float64 to 1e-12 and float32 to 1e-6 of the largest output.
import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { init } from '../src/init'
import { modelFromJSON } from '../src/nn/sequential'
import { toPyTorchModule } from '../src/export/pytorch'
import { fromSafetensors } from '../src/export/safetensors'
import { sequential } from '../src/nn/sequential'
import { kan, type Kan } from '../src/nn/kan'
import { customLayer } from '../src/nn/layer'

const directory = join(import.meta.dirname, 'fixtures', 'torch')
const read = (file: string) => readFileSync(join(directory, file))
const names = ['mlp-float64', 'kan-float64', 'kan-float32']

describe('toPyTorchModule and the round trip through PyTorch', () => {
  beforeAll(async () => { await init() })

  it.each(names)('%s: the module file is today\'s, PyTorch matched predict(), and PyTorch-trained weights predict PyTorch\'s outputs here', (name) => {
    const model = modelFromJSON(read(`${name}.model.json`).toString())
    expect(toPyTorchModule(model)).toBe(read(`${name}.py`).toString())
    const data = JSON.parse(read(`${name}.data.json`).toString())
    const result = JSON.parse(read(`${name}.result.json`).toString())
    const tolerance = model.dtype === 'float64' ? 1e-12 : 1e-6
    expect(model.predict(data.x as number[][])).toEqual(data.predictions)   // the fixture's inputs and outputs are this model's, bit for bit
    expect(result.maxRelativeDifference).toBeLessThanOrEqual(tolerance)
    fromSafetensors(new Uint8Array(read(`${name}.trained.safetensors`)), model)
    const after = model.predict(data.x as number[][]).flat(), theirs = (result.trainedPredictions as number[][]).flat()
    const scale = Math.max(...theirs.map(Math.abs))
    expect(after.some((value, k) => value !== data.predictions.flat()[k])).toBe(true)   // the training moved the weights
    after.forEach((value, k) => expect(Math.abs(value - theirs[k]), `output ${k}`).toBeLessThanOrEqual(tolerance * scale))
  })

  it('refuses symbolic KAN edges, layers it has no module for, and a className that is not a Python identifier', () => {
    const model = sequential([kan(2, 1)], { seed: 0, dtype: 'float64' })
    expect(() => toPyTorchModule(model, { className: 'my model' })).toThrow(/className must be a Python identifier, got "my model"/)
    ;(model.layers[0] as Kan).setSymbolic(0, 1, 'sin', [1, 0, 1, 0])
    expect(() => toPyTorchModule(model)).toThrow(/toPyTorchModule: layers\[0\] \(kan\) has symbolic edges \(0, 1\) sin/)
    const custom = sequential([customLayer({ kind: 'mine', forward: (x) => x })], { seed: 0 })
    expect(() => toPyTorchModule(custom)).toThrow(/toPyTorchModule: layers\[0\] is of kind "mine", which has no PyTorch module/)
  })
})
