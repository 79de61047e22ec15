// matmul of 2-D tensors with optional transposes, using the three kernel forms so no transpose is
// ever materialised on the common paths. Gradients (G = dL/dC):
//   C = A·B   : dA = G·Bᵀ,  dB = Aᵀ·G        C = Aᵀ·B : dA = B·Gᵀ,  dB = A·G
//   C = A·Bᵀ  : dA = G·B,   dB = Gᵀ·A        C = Aᵀ·Bᵀ = (B·A)ᵀ, computed through that identity
import type { Tensor } from '../tensor/tensor'
import { formatShape } from '../tensor/shape'
import { record } from '../autograd/tape'
import { checkPair, checkTensor } from './internal'
import { empty } from '../tensor/allocate'
import { transpose } from './structure'
import { checkOptions } from '../check/names'

export interface MatmulOptions {
  transposeA?: boolean
  transposeB?: boolean
}

export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const ta = checkTensor('matmul', 'a', a), tb = checkTensor('matmul', 'b', b)
  checkPair('matmul', ta, tb)
  checkOptions('matmul', options, ['transposeA', 'transposeB'])
  const transposeA = options.transposeA ?? false, transposeB = options.transposeB ?? false
  if (typeof transposeA !== 'boolean' || typeof transposeB !== 'boolean') throw new TypeError('matmul: transposeA and transposeB must be booleans')
  if (ta.rank !== 2 || tb.rank !== 2) {
    throw new RangeError(`matmul: needs 2-D tensors, got a ${formatShape(ta.shape)} and b ${formatShape(tb.shape)}`)
  }
  const [m, k] = transposeA ? [ta.shape[1], ta.shape[0]] : [ta.shape[0], ta.shape[1]]
  const [kb, n] = transposeB ? [tb.shape[1], tb.shape[0]] : [tb.shape[0], tb.shape[1]]
  if (k !== kb) {
    const describe = (name: string, t: Tensor, transposed: boolean) => `${name} is ${formatShape(t.shape)}${transposed ? ` (transposed: ${formatShape([...t.shape].reverse())})` : ''}`
    throw new RangeError(`matmul: inner dims differ: ${describe('a', ta, transposeA)}, ${describe('b', tb, transposeB)}`)
  }
  if (transposeA && transposeB) return transpose(matmul(tb, ta))
  const out = empty(ta.context, ta.dtype, [m, n])   // zeroed: already the answer when k = 0
  const { kernels } = ta.context
  const isEmpty = m === 0 || n === 0 || k === 0       // the kernels need m, k, n ≥ 1
  if (!isEmpty && transposeA) kernels.matmulTransposeA(out.data, ta.data, tb.data, m, k, n)
  else if (!isEmpty && transposeB) kernels.matmulTransposeB(out.data, ta.data, tb.data, m, k, n)
  else if (!isEmpty) kernels.matmul(out.data, ta.data, tb.data, m, k, n)
  return record(out, 'matmul', [ta, tb], (grad) => {
    if (transposeA) return [ta.requiresGrad ? matmul(tb, grad, { transposeB: true }) : null, tb.requiresGrad ? matmul(ta, grad) : null]
    if (transposeB) return [ta.requiresGrad ? matmul(grad, tb) : null, tb.requiresGrad ? matmul(grad, ta, { transposeA: true }) : null]
    return [ta.requiresGrad ? matmul(grad, tb, { transposeB: true }) : null, tb.requiresGrad ? matmul(ta, grad, { transposeA: true }) : null]
  })
}
