// The functions a learned curve is compared with (pykan's SYMBOLIC_LIB, the common part): each a float64 evaluator built
// from curvenet's own math (src/math) or IEEE-exact operations, and its text and LaTeX forms. Outside a function's domain
// (log of a negative, 1/0, √ of a negative, arcsin beyond ±1) the evaluator gives NaN, and a fit whose samples leave the
// domain is not a candidate: a formula must hold at every sample (pykan clamps and fits through the singularity instead).
import { expF64, tanhF64 } from '../math/exponential'
import { logF64 } from '../math/logarithm'
import { cosF64, sinF64 } from '../math/trigonometric'
import { asinF64, atanF64 } from '../math/inverse-trigonometric'
import { didYouMean } from '../check/names'

export interface SymbolicFunction {
  readonly name: string
  evaluate(u: number): number
  /** f′(u), from the same math (NaN where f is NaN): what a symbolic KAN edge's backward uses. */
  derivative(u: number): number
  /** pykan's complexity score of the function (x 1, x² 2, …, 0 0): autoSymbolic weighs it against R². */
  readonly complexity: number
  /** The function applied to an argument written `u` (already parenthesised where needed). */
  text(u: string): string
  latex(u: string): string
}

type Scalar = (u: number) => number
const fn = (name: string, complexity: number, evaluate: Scalar, derivative: Scalar, text: (u: string) => string, latex: (u: string) => string): SymbolicFunction =>
  ({ name, complexity, evaluate, derivative, text, latex })

const inverse: Scalar = (u) => (u === 0 ? NaN : 1 / u)
const root: Scalar = (u) => (u < 0 ? NaN : Math.sqrt(u))   // √ is correctly rounded by IEEE 754: the same everywhere
const secantSquared: Scalar = (u) => { const c = cosF64(u); return 1 / (c * c) }
const gaussian: Scalar = (u) => expF64(-(u * u))

// complexities as pykan's SYMBOLIC_LIB gives them
export const symbolicLibrary: readonly SymbolicFunction[] = [
  fn('x', 1, (u) => u, () => 1, (u) => u, (u) => u),
  fn('x^2', 2, (u) => u * u, (u) => 2 * u, (u) => `${u}^2`, (u) => `${u}^{2}`),
  fn('x^3', 3, (u) => u * u * u, (u) => 3 * (u * u), (u) => `${u}^3`, (u) => `${u}^{3}`),
  fn('x^4', 3, (u) => (u * u) * (u * u), (u) => 4 * (u * u * u), (u) => `${u}^4`, (u) => `${u}^{4}`),
  fn('1/x', 2, inverse, (u) => (u === 0 ? NaN : -1 / (u * u)), (u) => `1/${u}`, (u) => `\\frac{1}{${u}}`),
  fn('sqrt', 2, root, (u) => (u <= 0 ? NaN : 0.5 / Math.sqrt(u)), (u) => `sqrt${u}`, (u) => `\\sqrt{${u}}`),
  fn('exp', 2, expF64, expF64, (u) => `exp${u}`, (u) => `e^{${u}}`),
  fn('log', 2, (u) => (u <= 0 ? NaN : logF64(u)), inverse, (u) => `log${u}`, (u) => `\\log{${u}}`),
  fn('sin', 2, sinF64, cosF64, (u) => `sin${u}`, (u) => `\\sin{${u}}`),
  fn('tan', 3, (u) => sinF64(u) / cosF64(u), secantSquared, (u) => `tan${u}`, (u) => `\\tan{${u}}`),
  fn('tanh', 3, tanhF64, (u) => { const t = tanhF64(u); return 1 - t * t }, (u) => `tanh${u}`, (u) => `\\tanh{${u}}`),
  fn('abs', 3, Math.abs, (u) => (u > 0 ? 1 : u < 0 ? -1 : 0), (u) => `abs${u}`, (u) => `\\left|${u}\\right|`),
  fn('sgn', 3, (u) => (u > 0 ? 1 : u < 0 ? -1 : 0), () => 0, (u) => `sgn${u}`, (u) => `\\operatorname{sgn}{${u}}`),
  fn('arctan', 4, atanF64, (u) => 1 / (1 + u * u), (u) => `arctan${u}`, (u) => `\\arctan{${u}}`),
  fn('arcsin', 4, asinF64, (u) => (u <= -1 || u >= 1 ? NaN : 1 / Math.sqrt(1 - u * u)), (u) => `arcsin${u}`, (u) => `\\arcsin{${u}}`),
  fn('gaussian', 3, gaussian, (u) => -2 * u * gaussian(u), (u) => `exp(-${u}^2)`, (u) => `e^{-${u}^{2}}`),
  fn('0', 0, () => 0, () => 0, () => '0', () => '0'),
]

export const symbolicNames: readonly string[] = symbolicLibrary.map((f) => f.name)

/** The library function of that name (an array search: own names only, never the prototype's), or a TypeError naming the
 *  known ones. */
export function symbolicFunction(where: string, name: unknown): SymbolicFunction {
  const found = symbolicLibrary.find((f) => f.name === name)
  if (!found) throw new TypeError(`${where}: unknown function ${JSON.stringify(name)};${didYouMean(String(name), symbolicNames)} known: ${symbolicNames.join(', ')}`)
  return found
}
