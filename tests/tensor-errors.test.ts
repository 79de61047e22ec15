// Bad input to the tensor API: each case asserts the error type and a message naming the argument,
// what was expected and what came.
import { beforeAll, describe, expect, it } from 'vitest'
import { init } from '../src/init'
import { randn, tensor, zeros } from '../src/tensor/create'
import { add, mul } from '../src/ops/arithmetic'
import { matmul } from '../src/ops/matmul'
import { sum } from '../src/ops/reduce'
import { clamp, pow } from '../src/ops/elementwise'
import { activation } from '../src/ops/activation'
import { mseLoss, softmaxCrossEntropy } from '../src/ops/loss'
import { concat, reshape, rows, slice } from '../src/ops/structure'
import { scope } from '../src/tensor/scope'
import type { Tensor } from '../src/tensor/tensor'

type Case = [string, () => unknown, typeof TypeError | typeof RangeError | typeof Error, RegExp]

describe('tensor API rejects bad input', () => {
  let otherBackend: Tensor
  beforeAll(async () => {
    await init({ backend: 'js' })
    otherBackend = tensor([1, 2])
    await init({ backend: 'wasm' })
  })
  const released = () => { const t = tensor([[1]]); t.dispose(); return t }

  const cases: Case[] = [
    ['a ragged nested array', () => tensor([[1, 2], [3]]), RangeError, /^tensor: ragged nested array: element \[1\] has length 1 but its first sibling has length 2$/],
    ['a number where a row was expected', () => tensor([[1, 2], 3] as never), RangeError, /^tensor: ragged nested array: element \[1\] is a number where an array of length 2 was expected$/],
    ['a string element', () => tensor([[1, 'a']] as never), TypeError, /^tensor: element \[0\]\[1\] must be a number, got string$/],
    ['data of the wrong type', () => tensor('123' as never), TypeError, /^tensor: data must be a number, a nested array of numbers or a typed array, got string$/],
    ['a shape that does not fit the data', () => tensor([1, 2, 3], { shape: [2, 2] }), RangeError, /^tensor: shape \[2,2\] \(4 elements\) does not fit the data's 3 elements$/],
    ['a shape that contradicts nested data', () => tensor([[1, 2], [3, 4]], { shape: [4, 1] }), RangeError, /^tensor: shape \[4,1\] \(4 elements\) does not fit the data's 4 elements of shape \[2,2\]$/],
    ['an unknown dtype', () => tensor([1], { dtype: 'int8' as never }), TypeError, /^tensor: dtype must be 'float32' or 'float64', got "int8"$/],
    ['NaN when finite data is required', () => tensor([1, NaN], { finite: true }), RangeError, /^tensor: element 1 \(flat index\) is NaN; \{ finite: true \} refuses NaN and ±Infinity$/],
    ['Infinity when finite data is required', () => tensor([[0, 0], [Infinity, 0]], { finite: true }), RangeError, /^tensor: element 2 \(flat index\) is Infinity/],
    ['a negative dimension', () => zeros([2, -1]), RangeError, /^zeros: every dimension must be a non-negative integer, got \[2,-1\] \(-1 is not\)$/],
    ['a fractional dimension', () => zeros([1.5]), RangeError, /^zeros: every dimension must be a non-negative integer, got \[1.5\] \(1.5 is not\)$/],
    ['a shape that is not an array', () => zeros(3 as never), TypeError, /^zeros: shape must be an array of dimensions such as \[2, 3\], got number$/],
    ['shapes that do not broadcast', () => add(zeros([2, 3]), zeros([3, 2])), RangeError, /^add: shapes \[2,3\] and \[3,2\] do not broadcast: dimension 0 is 2 vs 3$/],
    ['a broadcast curvenet does not support', () => mul(zeros([2, 1, 3]), zeros([4, 1])), RangeError, /^mul: shapes \[2,1,3\] and \[4,1\] broadcast to \[2,4,3\] in a way curvenet does not support/],
    ['mixed dtypes', () => add(zeros([2]), zeros([2], { dtype: 'float64' })), TypeError, /^add: dtypes differ: float32 \[2\] and float64 \[2\]; convert one with tensor\(x.data, \{ dtype, shape \}\)$/],
    ['a plain array as an operand', () => add([1, 2] as never, zeros([2])), TypeError, /^add: a must be a Tensor, got an Array \(wrap it with tensor\(...\)\)$/],
    ['two numbers', () => add(1, 2), TypeError, /^add: at least one operand must be a Tensor, got two numbers$/],
    ['a matmul inner-dimension mismatch', () => matmul(zeros([2, 3]), zeros([4, 5])), RangeError, /^matmul: inner dims differ: a is \[2,3\], b is \[4,5\]$/],
    ['a mismatch under transposeA', () => matmul(zeros([2, 3]), zeros([3, 5]), { transposeA: true }), RangeError, /^matmul: inner dims differ: a is \[2,3\] \(transposed: \[3,2\]\), b is \[3,5\]$/],
    ['matmul of a vector', () => matmul(zeros([3]), zeros([3, 1])), RangeError, /^matmul: needs 2-D tensors, got a \[3\] and b \[3,1\]$/],
    ['an axis out of range', () => sum(zeros([2, 3]), 2), RangeError, /^sum: axis 2 is out of range for shape \[2,3\] \(rank 2\); use an integer in \[-2, 1\]$/],
    ['an options object where the axis goes', () => sum(zeros([2, 3]), { axis: 5 } as never), TypeError, /^sum: axis must be an integer \(sum\(t, axis, \{ keepDims \}\)\), got an object$/],
    ['a tensor past 4 GiB', () => zeros([1e5, 1e5]), RangeError, /^tensor: 10000000000 float32 elements need 37\.3 GiB; one tensor holds at most 4 GiB \(maxTensorBytes/],
    ['a fractional axis', () => sum(zeros([2, 3]), 0.5), RangeError, /^sum: axis 0.5 is out of range/],
    ['backward() of a non-scalar', () => mul(tensor([1, 2], { requiresGrad: true }), 2).backward(), RangeError, /^backward: the tensor has shape \[2\]; backward\(\) without a gradient needs a scalar \(one element\)/],
    ['backward() with nothing to differentiate', () => sum(tensor([1, 2])).backward(), Error, /^backward: this tensor does not depend on any tensor that requires a gradient/],
    ['backward() with a gradient of the wrong shape', () => mul(tensor([1, 2], { requiresGrad: true }), 2).backward(zeros([3])), RangeError, /^backward: the gradient must match the tensor: shape \[2\], float32, same backend; got shape \[3\], float32$/],
    ['a released tensor', () => matmul(released(), zeros([1, 1])), Error, /^matmul: this tensor was released by dispose\(\); its memory is gone/],
    ['tensors of two backends', () => add(otherBackend, zeros([2])), TypeError, /^add: the tensors belong to two different backends \(js and wasm, from two init\(\) calls\)/],
    ['randn without a seed', () => randn([2]), TypeError, /^randn: give \{ seed \} or \{ generator \}: curvenet's random numbers are always reproducible$/],
    ['an impossible reshape', () => reshape(zeros([2, 3]), [4, 2]), RangeError, /^reshape: cannot view 6 elements of shape \[2,3\] as \[4,2\]$/],
    ['two inferred dimensions', () => reshape(zeros([4]), [-1, -1]), RangeError, /^reshape: at most one dimension may be -1 \(inferred\), got \[-1,-1\]$/],
    ['item() of many elements', () => zeros([2, 2]).item(), RangeError, /^item: the tensor has shape \[2,2\] \(4 elements\); item\(\) needs exactly one$/],
    ['a slice past the end', () => slice(zeros([3, 2]), 1, 4), RangeError, /^slice: end must be an integer in \[0, 3\], got 4$/],
    ['a row index out of range', () => rows(zeros([3, 2]), [0, 3]), RangeError, /^rows: indices\[1\] must be a row index in \[0, 3\), got 3$/],
    ['concat of mismatched shapes', () => concat([zeros([2, 3]), zeros([2, 2])]), RangeError, /^concat: tensors\[1\] has shape \[2,2\], which does not match \[2,3\] outside axis 0$/],
    ['a class label out of range', () => softmaxCrossEntropy(zeros([2, 3]), [0, 3]), RangeError, /^softmaxCrossEntropy: labels\[1\] must be a class index in \[0, 3\), got 3$/],
    ['too few labels', () => softmaxCrossEntropy(zeros([2, 3]), [0]), RangeError, /^softmaxCrossEntropy: 1 labels for 2 rows of logits; give one class label per row$/],
    ['a label tensor with a label out of range', () => softmaxCrossEntropy(zeros([2, 3]), tensor([[0], [5]])), RangeError, /^softmaxCrossEntropy: labels\[1\] must be a class index in \[0, 3\), got 5$/],
    ['a loss over mismatched shapes', () => mseLoss(zeros([4, 1]), zeros([4])), RangeError, /^mseLoss: prediction \[4,1\] and target \[4\] must have the same shape$/],
    ['clamp bounds in the wrong order', () => clamp(zeros([2]), 1, 0), RangeError, /^clamp: low \(1\) must not exceed high \(0\)$/],
    ['a non-finite exponent', () => pow(zeros([2]), NaN), RangeError, /^pow: exponent must be a finite number, got NaN$/],
    ['an unknown activation', () => activation('swish' as never, zeros([2])), TypeError, /^activation: unknown activation "swish"; known: identity, relu/],
    ['scope without a function', () => scope(42 as never), TypeError, /^scope: fn must be a function, got number$/],
  ]

  it('reads a tensor of one label a row as class labels, the same loss and gradient as the label array', () => {
    const logits = () => { const t = tensor([[0.5, -1, 2], [0.1, 0.2, 0.3]], { requiresGrad: true }); return t }
    const fromArray = logits(), fromTensor = logits()
    const a = softmaxCrossEntropy(fromArray, [2, 0]), b = softmaxCrossEntropy(fromTensor, tensor([[2], [0]]))
    expect(b.item()).toBe(a.item())
    a.backward(); b.backward()
    expect(Array.from(fromTensor.grad!.data)).toEqual(Array.from(fromArray.grad!.data))
  })

  it.each(cases)('%s', (_description, call, errorType, message) => {
    expect(call).toThrow(errorType)
    expect(call).toThrow(message)
  })
})
