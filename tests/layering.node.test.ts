// No import cycles in src/ (value imports; type-only imports vanish when compiled, as dpdm's
// `transform` sees): the same check as `npx dpdm --no-warning --no-tree -T --exit-code circular:1
// src/index.ts`. A planted cycle shows that the check finds one, and that a type-only cycle is not one.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCircular, parseDependencyTree } from 'dpdm'

const root = fileURLToPath(new URL('..', import.meta.url))

async function cyclesFrom(entry: string, context: string): Promise<{ files: string[]; cycles: string[][] }> {
  const tree = await parseDependencyTree(entry, { cwd: context, context, transform: true, tsconfig: join(root, 'tsconfig.json') })
  return { files: Object.keys(tree), cycles: parseCircular(tree) }
}

describe('layering', () => {
  it('src/index.ts reaches every layer of src/ through imports without a cycle', async () => {
    const { files, cycles } = await cyclesFrom('src/index.ts', root)
    expect(files).toEqual(expect.arrayContaining(['src/tensor/tensor.ts', 'src/autograd/backward.ts', 'src/ops/structure.ts', 'src/nn/sequential.ts', 'src/nn/serialize.ts']))
    expect(cycles.map((cycle) => cycle.join(' → '))).toEqual([])
  })

  it('finds a planted value-import cycle and ignores a type-only one', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'curvenet-layering-'))
    try {
      writeFileSync(join(directory, 'entry.ts'), "import { a } from './a'\nimport { typed } from './typed'\nexport const entry = [a, typed]\n")
      writeFileSync(join(directory, 'a.ts'), "import { b } from './b'\nexport const a = () => b\n")
      writeFileSync(join(directory, 'b.ts'), "import { a } from './a'\nexport const b = () => a\n")
      writeFileSync(join(directory, 'typed.ts'), "import type { Other } from './other'\nexport const typed: Other | undefined = undefined\n")
      writeFileSync(join(directory, 'other.ts'), "import { typed } from './typed'\nexport type Other = typeof typed\n")
      const { cycles } = await cyclesFrom('entry.ts', directory)
      expect(cycles).toEqual([['a.ts', 'b.ts']])
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})
