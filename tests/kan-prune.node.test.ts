// Sparsity training and pruning find the structure of exp(sin(πx) + y²): a KAN [2,5,1] trained by trainKan with
// lambda 1e-3 for 100 steps on grid 5, then pruned at pykan's threshold, is [2,1,1] — for each of seeds 0–4 (Node only).
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { sequential } from '../src/nn/sequential'
import { kan, type Kan } from '../src/nn/kan'
import { trainKan, rmse } from '../src/nn/kan-train'
import { prune } from '../src/nn/kan-prune'
import { scalingData } from '../scripts/experiment-kan-scaling/staircase'

describe('sparsity + prune', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it('turns a [2,5,1] trained on exp(sin(πx) + y²) into [2,1,1] in at least 4 of 5 seeds, and the pruned model retrains to RMSE < 1e-3', async () => {
    const shapes: string[] = []
    for (const seed of [0, 1, 2, 3, 4]) {
      const { x, y } = scalingData(1000 + seed, 1000)
      const model = sequential([kan(2, 5), kan(5, 1)], { seed, dtype: 'float64' })
      await trainKan(model, x, y, { grids: [5], steps: 100, lambda: 1e-3 })
      const pruned = prune(model, x)
      shapes.push(`[${(pruned.layers as Kan[]).map((layer) => layer.inputSize).join(',')},1]`)
      if (seed === 0) {
        await trainKan(pruned, x, y, { grids: [5, 10], steps: 30, gridUpdateUntil: 0 })
        expect(rmse(pruned, x, y)).toBeLessThan(1e-3)
      }
    }
    expect(shapes.filter((shape) => shape === '[2,1,1]').length, shapes.join(' ')).toBeGreaterThanOrEqual(4)
  }, 180_000)
})
