// The KAN paper's scaling experiment from trainKan's defaults (scripts/experiment-kan-scaling/staircase.ts), seed 0, grids
// 5 → 10 → 20: KAN [2,1,1] on exp(sin(πx) + y²), float64. Five seeds: kan-scaling.node.test.ts; to grid 100: the experiment script.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { kanStaircase, pykanTestRmse } from '../scripts/experiment-kan-scaling/staircase'

describe('KAN scaling staircase, grids 5 → 10 → 20', () => {
  beforeAll(async () => { await init({ backend: 'wasm' }) })

  it('reaches test RMSE ≤ 5e-5 at grid 20, each grid within 2× of pykan 0.0\'s printed RMSE, falling about as G⁻⁴', async () => {
    const { stages } = await kanStaircase({ seed: 0, grids: [5, 10, 20] })
    expect(stages.map((stage) => stage.grid)).toEqual([5, 10, 20])
    for (const stage of stages) {
      expect(stage.testRmse, `grid ${stage.grid}`).toBeLessThanOrEqual(2 * pykanTestRmse[stage.grid])
      expect(stage.trainRmse, `grid ${stage.grid}`).toBeLessThanOrEqual(2 * pykanTestRmse[stage.grid])
    }
    expect(stages[2].testRmse).toBeLessThanOrEqual(5e-5)
    // each doubling of the grid divides the error by at least 2⁴/2 (cubic splines: G⁻⁴)
    expect(stages[1].testRmse).toBeLessThan(stages[0].testRmse / 8)
    expect(stages[2].testRmse).toBeLessThan(stages[1].testRmse / 8)
  })
})
