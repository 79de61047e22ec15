// suggestSymbolic with its defaults (the whole library, pykan's 101-point grid, 3 refinements) recovers every library
// function from its samples as the top candidate (Node only: ~2 s a function; Chromium runs a reduced library).
import { describe, expect, it } from 'vitest'
import { suggestSymbolic } from '../src/symbolic/suggest'
import { symbolicLibrary } from '../src/symbolic/library'
import { cases, xs } from './support/symbolic-cases'

describe('suggestSymbolic over the whole library', () => {
  it.each(cases)('recovers %s with R² > 1 − 1e-8, no candidate scoring higher, its fit rebuilding the samples', (name, a, b, c, d) => {
    const f = symbolicLibrary.find((entry) => entry.name === name)!
    const ys = xs.map((x) => c * f.evaluate(a * x + b) + d)
    const candidates = suggestSymbolic({ x: xs, y: ys }, { top: 17 })
    const mine = candidates.find((candidate) => candidate.name === name)!
    expect(mine.r2).toBeGreaterThan(1 - 1e-8)
    expect(candidates[0].r2 - mine.r2, candidates.slice(0, 3).map((k) => `${k.name} ${k.r2}`).join(', ')).toBeLessThan(1e-12)
    const scale = Math.max(...ys.map(Math.abs))
    xs.forEach((x, k) => expect(Math.abs(mine.c * f.evaluate(mine.a * x + mine.b) + mine.d - ys[k])).toBeLessThan(1e-3 * scale))
  }, 30_000)
})
