// Reverse-mode autograd on a tape of GradNodes. Each differentiable op records its inputs and a
// backward function that maps the gradient of its output to gradients of its inputs (null where an
// input needs none). backward() visits nodes in reverse topological order found iteratively (no
// recursion, so deep graphs cannot overflow the stack).
import type { Tensor } from '../tensor/tensor'

export interface GradNode {
  readonly op: string
  readonly inputs: readonly Tensor[]
  readonly backward: (grad: Tensor) => (Tensor | null)[]
}

let gradEnabled = true

export function isGradEnabled(): boolean {
  return gradEnabled
}

/** Runs fn without recording: results have no node and need no gradient. */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled
  gradEnabled = false
  try {
    return fn()
  } finally {
    gradEnabled = previous
  }
}

/** Attaches a node to `output` when some input requires a gradient and recording is on. */
export function record(output: Tensor, op: string, inputs: Tensor[], backward: GradNode['backward']): Tensor {
  if (gradEnabled && inputs.some((input) => input.requiresGrad)) {
    output.requiresGrad = true
    output.node = { op, inputs, backward }
  }
  return output
}

/** Tensors reachable from root through nodes, each after all the tensors that consume it. */
export function reverseTopologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = []
  const visited = new Set<Tensor>()
  const stack: { tensor: Tensor; expanded: boolean }[] = [{ tensor: root, expanded: false }]
  while (stack.length > 0) {
    const top = stack.pop()!
    if (top.expanded) { order.push(top.tensor); continue }
    if (visited.has(top.tensor)) continue
    visited.add(top.tensor)
    stack.push({ tensor: top.tensor, expanded: true })
    for (const input of top.tensor.node?.inputs ?? []) if (input.requiresGrad && !visited.has(input)) stack.push({ tensor: input, expanded: false })
  }
  return order.reverse()
}
