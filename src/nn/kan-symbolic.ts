// A KAN layer's symbolic edges as JSON and in messages: config.symbolic is a list of { output, input, function }, each
// edge in range and at most once, each function from the symbolic library (the layer's setSymbolic does the rest).
import type { SymbolicEdge } from '../ops/kan-symbolic'
import { symbolicFunction } from '../symbolic/library'
import { checkEdgeIndex } from './kan-edge'
import type { Kan } from './kan'

/** "symbolic edges (0, 1) sin, (0, 2) x^2": for messages. */
export function symbolicEdgesNamed(layer: Kan): string {
  return `symbolic edges ${layer.symbolic.map(({ output, input, fn }) => `(${output}, ${input}) ${fn.name}`).join(', ')}`
}

/** config.symbolic: a list of { output, input, function }, each edge in range and at most once. */
export function readSymbolicConfig(layer: Kan, value: unknown): SymbolicEdge[] {
  const where = 'fromJSON: kan config.symbolic'
  if (!Array.isArray(value) || value.length === 0 || value.length > layer.outputSize * layer.inputSize) {
    throw new TypeError(`${where} must be a list of 1 to ${layer.outputSize * layer.inputSize} edges { output, input, function }, got ${Array.isArray(value) ? `${value.length} entries` : typeof value}`)
  }
  const seen = new Set<number>()
  return value.map((entry, k) => {
    const { output, input, function: name } = (entry ?? {}) as Record<string, unknown>
    checkEdgeIndex(`${where}[${k}]`, 'output', output, layer.outputSize)
    checkEdgeIndex(`${where}[${k}]`, 'input', input, layer.inputSize)
    const key = (output as number) * layer.inputSize + (input as number)
    if (seen.has(key)) throw new TypeError(`${where}[${k}]: edge (${output}, ${input}) is listed twice`)
    seen.add(key)
    return { output: output as number, input: input as number, fn: symbolicFunction(`${where}[${k}]`, name) }
  }).sort((p, q) => p.output - q.output || p.input - q.input)
}

