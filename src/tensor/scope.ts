// scope(fn): run one step with arena memory; keep(t): let one tensor outlive the scope it was made in.
import { Tensor } from './tensor'
import { currentContext } from './context'
import type { Storage } from './storage'

/**
 * Runs fn; every tensor made inside is released when it returns, except the tensors in its result
 * (a tensor, or arrays and plain objects holding tensors), which move to the enclosing scope or to
 * the heap. Gradients of tensors made outside (parameters) are kept too. Synchronous only.
 */
export function scope<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new TypeError(`scope: fn must be a function, got ${typeof fn}`)
  return currentContext('scope').memory.scope(fn, survivingStorages)
}

/** Inside a scope: moves the tensor out of the scope's arena now, so it survives the scope. */
export function keep<T extends Tensor>(tensor: T): T {
  if (!(tensor instanceof Tensor)) throw new TypeError(`keep: expected a Tensor, got ${typeof tensor}`)
  tensor.context.memory.moveOut(tensor.storage)
  return tensor
}

function survivingStorages(result: unknown): Storage[] {
  const found: Storage[] = []
  const seen = new Set<unknown>()
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return
    seen.add(value)
    if (value instanceof Tensor) {
      found.push(value.storage)
      if (value.grad) found.push(value.grad.storage)
    } else if (Array.isArray(value)) value.forEach(visit)
    else if (Object.getPrototypeOf(value) === Object.prototype) Object.values(value).forEach(visit)
  }
  visit(result)
  return found
}
