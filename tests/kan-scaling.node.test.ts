// The KAN paper's table from trainKan's defaults, five fresh seeds, grids 5 → 10 → 20 (Node only: ~5 s a seed; Chromium
// runs seed 0 in kan-scaling.test.ts, and `npm run experiment:kan-scaling` the whole staircase to grid 100).
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { kanStaircase, pykanTestRmse } from '../scripts/experiment-kan-scaling/staircase'

describe('KAN scaling from trainKan defaults, seeds 0–4, grids 5 → 10 → 20', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it('at least 4 of 5 seeds reach test RMSE within 2× of pykan 0.0\'s printed figure at every grid', async () => {
    const within: number[] = []
    for (const seed of [0, 1, 2, 3, 4]) {
      const { stages } = await kanStaircase({ seed, grids: [5, 10, 20] })
      expect(stages.map((stage) => stage.grid)).toEqual([5, 10, 20])
      if (stages.every((stage) => stage.testRmse <= 2 * pykanTestRmse[stage.grid])) within.push(seed)
    }
    expect(within.length, `seeds within 2× at every grid: ${within.join(', ')}`).toBeGreaterThanOrEqual(4)
  }, 120_000)
})
