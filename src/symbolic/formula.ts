// A fitted candidate c·f(a·x + b) + d written out: plain text and LaTeX, numbers to `digits` significant digits, signs
// folded in (x − 0.5, not x + -0.5), factors of 1 and terms of 0 left out.
import { symbolicLibrary } from './library'
import type { SymbolicCandidate } from './suggest'

export interface FormulaOptions {
  /** The input's name (default 'x'). */
  variable?: string
  /** Significant digits (default 4, 1 … 17). */
  digits?: number
}

function number(value: number, digits: number): string {
  return String(Number(value.toPrecision(digits)))
}

/** a·x + b, or what is left of it once the 1s and 0s go. */
function affine(a: number, b: number, variable: string, digits: number, times: string): string {
  const scale = number(a, digits)
  const head = scale === '1' ? variable : scale === '-1' ? `-${variable}` : `${scale}${times}${variable}`
  const shift = number(b, digits)
  return shift === '0' ? head : `${head} ${shift.startsWith('-') ? '-' : '+'} ${shift.replace(/^-/, '')}`
}

export function formulaOf(candidate: SymbolicCandidate, options: FormulaOptions = {}): { text: string; latex: string } {
  const variable = options.variable ?? 'x', digits = options.digits ?? 4
  if (typeof variable !== 'string' || variable === '') throw new TypeError(`formulaOf: variable must be a non-empty string, got ${JSON.stringify(variable)}`)
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) throw new RangeError(`formulaOf: digits must be an integer in [1, 17], got ${String(digits)}`)
  const f = symbolicLibrary.find((entry) => entry.name === candidate?.name)
  if (!f) throw new TypeError(`formulaOf: unknown function ${JSON.stringify(candidate?.name)}`)
  const write = (latex: boolean) => {
    const times = latex ? ' \\cdot ' : '·'
    const inner = affine(candidate.a, candidate.b, variable, digits, latex ? ' ' : '·')
    const applied = f.name === '0' ? '' : latex ? f.latex(f.name === 'x' ? inner : `\\left(${inner}\\right)`) : f.text(f.name === 'x' ? inner : `(${inner})`)
    const scale = number(candidate.c, digits), shift = number(candidate.d, digits)
    const term = applied === '' || scale === '0' ? '' : scale === '1' ? applied : scale === '-1' ? `-${applied}` : `${scale}${times}${applied}`
    if (term === '') return shift
    return shift === '0' ? term : `${term} ${shift.startsWith('-') ? '-' : '+'} ${shift.replace(/^-/, '')}`
  }
  return { text: write(false), latex: write(true) }
}
