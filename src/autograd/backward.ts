// backward(): seeds d(root)/d(root), walks the tape in reverse topological order and accumulates
// each input's gradient; leaves that require a gradient collect theirs in `.grad`. A gradient has
// its input's shape, so accumulating is the add kernel itself, with no broadcasting to go through.
import type { Tensor } from '../tensor/tensor'
import { copyTensor, emptyLike, filledLike } from '../tensor/allocate'
import { formatShape } from '../tensor/shape'
import { noGrad, reverseTopologicalOrder } from './tape'

export function runBackward(root: Tensor, gradient?: Tensor): void {
  if (!root.requiresGrad) {
    throw new Error('backward: this tensor does not depend on any tensor that requires a gradient; create the leaves with { requiresGrad: true }')
  }
  if (gradient === undefined && root.size !== 1) {
    throw new RangeError(`backward: the tensor has shape ${formatShape(root.shape)}; backward() without a gradient needs a scalar (one element). ` +
      'Reduce it first (sum(), mean()) or pass a gradient of the same shape')
  }
  if (gradient !== undefined && (gradient.context !== root.context || gradient.dtype !== root.dtype || formatShape(gradient.shape) !== formatShape(root.shape))) {
    throw new RangeError(`backward: the gradient must match the tensor: shape ${formatShape(root.shape)}, ${root.dtype}, same backend; ` +
      `got shape ${formatShape(gradient.shape)}, ${gradient.dtype}`)
  }
  noGrad(() => {
    const grads = new Map<Tensor, Tensor>([[root, gradient ?? filledLike(root, root.shape, 1)]])
    for (const tensor of reverseTopologicalOrder(root)) {
      const grad = grads.get(tensor)
      if (!grad) continue
      if (tensor.isLeaf) {
        // The leaf owns its .grad: the first one is a copy (grad may be shared with other inputs).
        if (tensor.grad) addInto(tensor.grad, tensor.grad, grad)
        else tensor.grad = copyTensor(grad, tensor.storage.region === 'heap' ? 'heap' : 'current')
        continue
      }
      const inputGrads = tensor.node!.backward(grad)
      tensor.node!.inputs.forEach((input, i) => {
        const inputGrad = inputGrads[i]
        if (!input.requiresGrad || !inputGrad) return
        const previous = grads.get(input)
        // a new sum, not `previous` in place: previous may be another node's gradient passed through
        grads.set(input, previous ? addInto(emptyLike(previous), previous, inputGrad) : inputGrad)
      })
    }
  })
}

/** out = a + b elementwise (out may be a). Callers allocate out first: an allocation may grow the memory and detach views taken before it. */
function addInto(out: Tensor, a: Tensor, b: Tensor): Tensor {
  out.context.kernels.add(out.data, a.data, b.data, out.size)
  return out
}
