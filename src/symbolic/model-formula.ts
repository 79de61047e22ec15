// formula(model): a model whose every KAN edge is symbolic written out as one formula per output — plain text, LaTeX, an
// evaluator, and for polynomial networks (x, x², x³, x⁴ and 0 edges only) the expanded polynomial (what sympy's expand
// gives pykan's symbolic_formula). Each node is a sum: a linear part in the inputs, terms c·f(argument) with an argument
// that is again such a sum, and a constant; an 'x' edge folds into the linear part and a '0' edge into the constant, so
// c·(a·h + b) + d never shows up unsimplified. The evaluator works from the full-precision coefficients with curvenet's
// own math: the formula's numbers, not the model's tensors, in float64 on every engine.
import { Kan } from '../nn/kan'
import { Sequential } from '../nn/sequential'
import type { SymbolicFunction } from './library'
import { checkOptions } from '../check/names'

interface Sum {
  constant: number
  /** input index → coefficient */
  linear: Map<number, number>
  terms: { coefficient: number; fn: SymbolicFunction; argument: Sum }[]
}

export interface ExpandedPolynomial {
  /** Monomials by total degree (highest first), then by the powers: coefficient · Π x_k^powers[k]. */
  terms: { coefficient: number; powers: number[] }[]
  text: string
}

export interface OutputFormula {
  text: string
  latex: string
  /** Set when every function in it is a polynomial (x, x^2, x^3, x^4, 0). */
  expanded: ExpandedPolynomial | null
}

export interface ModelFormula {
  /** The first output's formula, or every output's as `y1 = …` lines. */
  text: string
  latex: string
  outputs: OutputFormula[]
  /** The formula's value at one input row, for every output (float64, the full-precision coefficients). */
  evaluate(row: ArrayLike<number>): number[]
}

export interface ModelFormulaOptions {
  /** Significant digits of the printed numbers (default 4, 1 … 17; 17 prints the exact coefficients). */
  digits?: number
  /** Names of the inputs (default x1, x2, …; LaTeX x_{1}, …). */
  variables?: readonly string[]
}

const where = 'formula'
/** Expanding a deep polynomial network multiplies out fast: past this many monomials an output is left unexpanded. */
const MAX_MONOMIALS = 10_000
const powerOf: Record<string, number> = { 'x^2': 2, 'x^3': 3, 'x^4': 4 }

function sumOf(constant: number): Sum {
  return { constant, linear: new Map(), terms: [] }
}

function scaled(s: Sum, factor: number, shift: number): Sum {
  return {
    constant: s.constant * factor + shift,
    linear: new Map([...s.linear].map(([k, v]) => [k, v * factor])),
    terms: s.terms.map((term) => ({ ...term, coefficient: term.coefficient * factor })),
  }
}

function addInto(target: Sum, s: Sum): void {
  target.constant += s.constant
  for (const [k, v] of s.linear) target.linear.set(k, (target.linear.get(k) ?? 0) + v)
  target.terms.push(...s.terms)
}

/** c·f(a·h + b) + d applied to the node h. */
function applyEdge(h: Sum, fn: SymbolicFunction, [a, b, c, d]: readonly number[]): Sum {
  if (fn.name === '0') return sumOf(d)
  if (fn.name === 'x') return scaled(h, c * a, c * b + d)
  return { constant: d, linear: new Map(), terms: [{ coefficient: c, fn, argument: scaled(h, a, b) }] }
}

function evaluateSum(s: Sum, row: ArrayLike<number>): number {
  let value = s.constant
  for (const [k, v] of s.linear) value += v * row[k]
  for (const term of s.terms) value += term.coefficient * term.fn.evaluate(evaluateSum(term.argument, row))
  return value
}

const number = (value: number, digits: number) => String(Number(value.toPrecision(digits)))

/** "a + b - c": the parts with their signs, the first one's sign in front. */
function joinSigned(parts: { sign: 1 | -1; body: string }[]): string {
  if (parts.length === 0) return '0'
  return parts.map(({ sign, body }, k) => (k === 0 ? (sign < 0 ? `-${body}` : body) : `${sign < 0 ? ' - ' : ' + '}${body}`)).join('')
}

/** Numbers below this share of the largest in their sum print as 0: float64 rounding left over by training (a shift of
 *  6e-19 inside sin(3.142·x1 …)). The evaluator keeps them. */
const NOISE = 1e-12

const negligible = (value: number, largest: number) => Math.abs(value) < NOISE * largest

function write(s: Sum, names: readonly string[], digits: number, latex: boolean): string {
  const times = latex ? ' ' : '·'
  const parts: { sign: 1 | -1; body: string }[] = []
  const largest = Math.max(Math.abs(s.constant), ...[...s.linear.values()].map(Math.abs), ...s.terms.map((term) => Math.abs(term.coefficient)))
  const factor = (coefficient: number, body: string) => {
    const magnitude = number(Math.abs(coefficient), digits)
    if (magnitude === '0' || negligible(coefficient, largest)) return
    parts.push({ sign: coefficient < 0 ? -1 : 1, body: magnitude === '1' ? body : `${magnitude}${times}${body}` })
  }
  for (const [k, v] of [...s.linear].sort((p, q) => p[0] - q[0])) factor(v, names[k])
  for (const term of s.terms) {
    const inner = write(term.argument, names, digits, latex)
    factor(term.coefficient, latex ? term.fn.latex(`\\left(${inner}\\right)`) : term.fn.text(`(${inner})`))
  }
  const constant = number(Math.abs(s.constant), digits)
  if (constant !== '0' && !negligible(s.constant, largest)) parts.push({ sign: s.constant < 0 ? -1 : 1, body: constant })
  return joinSigned(parts)
}

type Polynomial = Map<string, number>   // powers joined by ',' → coefficient

function polynomialOf(s: Sum, inputs: number): Polynomial | null {
  const result: Polynomial = new Map()
  const add = (p: Polynomial, factor: number) => { for (const [key, v] of p) result.set(key, (result.get(key) ?? 0) + v * factor) }
  add(new Map([[new Array(inputs).fill(0).join(','), s.constant]]), 1)
  for (const [k, v] of s.linear) add(new Map([[Array.from({ length: inputs }, (_, j) => (j === k ? 1 : 0)).join(','), v]]), 1)
  for (const term of s.terms) {
    const power = powerOf[term.fn.name]
    const argument = power === undefined ? null : polynomialOf(term.argument, inputs)
    if (!argument) return null
    let raised: Polynomial = argument
    for (let k = 1; k < power; k++) {
      raised = multiply(raised, argument)
      if (raised.size > MAX_MONOMIALS) return null
    }
    add(raised, term.coefficient)
  }
  return result
}

function multiply(p: Polynomial, q: Polynomial): Polynomial {
  const product: Polynomial = new Map()
  for (const [pk, pv] of p) {
    const pp = pk.split(',').map(Number)
    for (const [qk, qv] of q) {
      const key = qk.split(',').map((e, j) => Number(e) + pp[j]).join(',')
      product.set(key, (product.get(key) ?? 0) + pv * qv)
    }
  }
  return product
}

function expanded(p: Polynomial, names: readonly string[], digits: number): ExpandedPolynomial {
  const terms = [...p].map(([key, coefficient]) => ({ coefficient, powers: key.split(',').map(Number) }))
    .sort((m, n) => {
      const degree = (t: { powers: number[] }) => t.powers.reduce((x, y) => x + y, 0)
      return degree(n) - degree(m) || n.powers.join(',').localeCompare(m.powers.join(','))
    })
  const parts: { sign: 1 | -1; body: string }[] = []
  const largest = Math.max(...terms.map((term) => Math.abs(term.coefficient)))
  for (const { coefficient, powers } of terms) {
    const magnitude = number(Math.abs(coefficient), digits)
    if (magnitude === '0' || negligible(coefficient, largest)) continue
    const monomial = powers.map((e, k) => (e === 0 ? '' : e === 1 ? names[k] : `${names[k]}^${e}`)).filter(Boolean).join('·')
    parts.push({ sign: coefficient < 0 ? -1 : 1, body: monomial === '' ? magnitude : magnitude === '1' ? monomial : `${magnitude}·${monomial}` })
  }
  return { terms, text: joinSigned(parts) }
}

export function formula(model: Sequential, options?: ModelFormulaOptions): ModelFormula {
  if (!(model instanceof Sequential)) throw new TypeError(`${where}: model must be a sequential([...]) model`)
  checkOptions(where, options, ['digits', 'variables'])
  const digits = options?.digits ?? 4
  if (typeof digits !== 'number' || !Number.isInteger(digits) || digits < 1 || digits > 17) throw new RangeError(`${where}: digits must be an integer in [1, 17], got ${String(digits)}`)
  const layers = model.layers.map((layer, l) => {
    if (!(layer instanceof Kan)) throw new TypeError(`${where}: works on models of kan layers only; layers[${l}] is ${JSON.stringify(layer.kind)}`)
    return layer
  })
  const inputs = layers[0].inputSize
  const variables = options?.variables ?? Array.from({ length: inputs }, (_, k) => `x${k + 1}`)
  if (!Array.isArray(variables) || variables.length !== inputs || !variables.every((v) => typeof v === 'string' && v !== '')) {
    throw new TypeError(`${where}: variables must be ${inputs} non-empty names, got ${JSON.stringify(variables)}`)
  }
  const latexNames = options?.variables ?? variables.map((_, k) => `x_{${k + 1}}`)
  let nodes: Sum[] = Array.from({ length: inputs }, (_, k) => ({ constant: 0, linear: new Map([[k, 1]]), terms: [] }))
  layers.forEach((layer, l) => {
    const parameters = layer.symbolicParameters?.data
    nodes = Array.from({ length: layer.outputSize }, (_, o) => {
      const node = sumOf(0)
      for (let i = 0; i < layer.inputSize; i++) {
        const edge = layer.symbolicEdge(o, i)
        if (!edge || !parameters) {
          throw new TypeError(`${where}: edge (${o}, ${i}) of layers[${l}] is still a spline; make every edge symbolic first (autoSymbolic(model, x), or fixSymbolic)`)
        }
        addInto(node, applyEdge(nodes[i], edge.fn, Array.from(parameters.subarray((o * layer.inputSize + i) * 4, (o * layer.inputSize + i + 1) * 4))))
      }
      return node
    })
  })
  const outputs = nodes.map((node) => {
    const polynomial = polynomialOf(node, inputs)
    return { text: write(node, variables, digits, false), latex: write(node, latexNames, digits, true), expanded: polynomial && expanded(polynomial, variables, digits) }
  })
  const joined = (key: 'text' | 'latex') => (outputs.length === 1 ? outputs[0][key] : outputs.map((output, k) => `y${k + 1} = ${output[key]}`).join('\n'))
  return {
    text: joined('text'),
    latex: joined('latex'),
    outputs,
    evaluate: (row) => {
      if (row === null || typeof row !== 'object' || row.length !== inputs) throw new TypeError(`${where}: evaluate takes one row of ${inputs} numbers`)
      return nodes.map((node) => evaluateSum(node, row))
    },
  }
}
