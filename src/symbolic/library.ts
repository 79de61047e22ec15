// The functions a learned curve is compared with (pykan's SYMBOLIC_LIB, the common part): each a float64 evaluator built
// from curvenet's own math (src/math) or IEEE-exact operations, and its text and LaTeX forms. Outside a function's domain
// (log of a negative, 1/0, √ of a negative, arcsin beyond ±1) the evaluator gives NaN, and a fit whose samples leave the
// domain is not a candidate: a formula must hold at every sample (pykan clamps and fits through the singularity instead).
import { expF64, tanhF64 } from '../math/exponential'
import { logF64 } from '../math/logarithm'
import { cosF64, sinF64 } from '../math/trigonometric'
import { asinF64, atanF64 } from '../math/inverse-trigonometric'

export interface SymbolicFunction {
  readonly name: string
  evaluate(u: number): number
  /** The function applied to an argument written `u` (already parenthesised where needed). */
  text(u: string): string
  latex(u: string): string
}

const fn = (name: string, evaluate: (u: number) => number, text: (u: string) => string, latex: (u: string) => string): SymbolicFunction =>
  ({ name, evaluate, text, latex })

export const symbolicLibrary: readonly SymbolicFunction[] = [
  fn('x', (u) => u, (u) => u, (u) => u),
  fn('x^2', (u) => u * u, (u) => `${u}^2`, (u) => `${u}^{2}`),
  fn('x^3', (u) => u * u * u, (u) => `${u}^3`, (u) => `${u}^{3}`),
  fn('x^4', (u) => (u * u) * (u * u), (u) => `${u}^4`, (u) => `${u}^{4}`),
  fn('1/x', (u) => (u === 0 ? NaN : 1 / u), (u) => `1/${u}`, (u) => `\\frac{1}{${u}}`),
  fn('sqrt', (u) => (u < 0 ? NaN : Math.sqrt(u)), (u) => `sqrt${u}`, (u) => `\\sqrt{${u}}`),
  fn('exp', expF64, (u) => `exp${u}`, (u) => `e^{${u}}`),
  fn('log', (u) => (u <= 0 ? NaN : logF64(u)), (u) => `log${u}`, (u) => `\\log{${u}}`),
  fn('sin', sinF64, (u) => `sin${u}`, (u) => `\\sin{${u}}`),
  fn('tan', (u) => sinF64(u) / cosF64(u), (u) => `tan${u}`, (u) => `\\tan{${u}}`),
  fn('tanh', tanhF64, (u) => `tanh${u}`, (u) => `\\tanh{${u}}`),
  fn('abs', Math.abs, (u) => `abs${u}`, (u) => `\\left|${u}\\right|`),
  fn('sgn', (u) => (u > 0 ? 1 : u < 0 ? -1 : 0), (u) => `sgn${u}`, (u) => `\\operatorname{sgn}{${u}}`),
  fn('arctan', atanF64, (u) => `arctan${u}`, (u) => `\\arctan{${u}}`),
  fn('arcsin', asinF64, (u) => `arcsin${u}`, (u) => `\\arcsin{${u}}`),
  fn('gaussian', (u) => expF64(-(u * u)), (u) => `exp(-${u}^2)`, (u) => `e^{-${u}^{2}}`),
  fn('0', () => 0, () => '0', () => '0'),
]

export const symbolicNames: readonly string[] = symbolicLibrary.map((f) => f.name)
