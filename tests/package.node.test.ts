// The packed tarball, installed into an empty folder, works through both `import` and `require`,
// fitInWorker included
// (Node only: it runs npm). `npm pack` runs `prepare`, so this also proves a from-source build.
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')

describe('npm package', () => {
  it('installs from `npm pack` and loads with import and require', () => {
    const folder = mkdtempSync(join(tmpdir(), 'curvenet-pack-'))
    try {
      const output = execFileSync('npm', ['pack', '--json', '--pack-destination', folder], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      const packed = JSON.parse(output.slice(output.lastIndexOf('\n[\n') + 1))   // `prepare` prints its build log first
      const files: string[] = packed[0].files.map((file: { path: string }) => file.path)
      expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'package.json', 'README.md']))
      expect(files.some((file) => file.startsWith('src/') || file.endsWith('.wasm'))).toBe(false)

      writeFileSync(join(folder, 'package.json'), '{ "name": "consumer", "private": true }')
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(folder, packed[0].filename)], { cwd: folder, stdio: 'ignore' })
      const script = `const ready = await curvenet.init(); const a = ready.alloc('float64', 3); a.set([1, 2, 3]);
        ready.kernels.mul(a, a, a, 3); console.log(ready.backend.name, Array.from(a).join(','))`
      // fitInWorker starts its worker from the string in the bundle: no file, no path to resolve
      const training = `const make = () => curvenet.sequential([curvenet.dense(2, 4), curvenet.act('tanh'), curvenet.dense(4, 1)], { seed: 3 })
        const x = curvenet.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = curvenet.tensor([[0], [1], [1], [0]])
        const here = make(), there = make(), options = { loss: 'mse', epochs: 5, batchSize: 2 }
        const expected = await here.fit(x, y, options), history = await curvenet.fitInWorker(there, x, y, options)
        const same = JSON.stringify(history) === JSON.stringify(expected) && JSON.stringify(there.toJSON()) === JSON.stringify(here.toJSON())
        console.log(same ? 'worker: same bits' : 'worker: different')`
      const esm = execFileSync(process.execPath, ['--input-type=module', '-e', `import * as curvenet from 'curvenet'; ${script}; ${training}`], { cwd: folder, encoding: 'utf8' })
      const cjs = execFileSync(process.execPath, ['-e', `const curvenet = require('curvenet'); (async () => { ${script}; ${training} })()`], { cwd: folder, encoding: 'utf8' })
      expect(esm.trim()).toBe('wasm 1,4,9\nworker: same bits')
      expect(cjs.trim()).toBe('wasm 1,4,9\nworker: same bits')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 180_000)
})
