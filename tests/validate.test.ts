// Bad input at the kernel façade and at init(): each case names the argument, the expectation and
// what came. The table runs against both backends where the case applies to both.
import { describe, expect, it } from 'vitest'
import { checkedKernels } from '../src/backend/validate'
import { init } from '../src/init'
import { backends, jsBackend, wasm, wasmBackend } from './support/backends'

type Case = [description: string, call: () => unknown, error: typeof TypeError | typeof RangeError, message: RegExp]

describe.each(backends)('kernel façade on $name rejects bad input', (backend) => {
  const kernels = checkedKernels(backend)
  const f32 = (n: number) => backend.alloc('float32', n)
  const f64 = (n: number) => backend.alloc('float64', n)
  const out = f32(6), a = f32(6), b = f32(6)

  const cases: Case[] = [
    ['a matmul operand too short', () => kernels.matmul(f32(4), f32(5), f32(6), 2, 3, 2), RangeError, /^matmul: a must hold at least m·k \(2·3\) = 6 elements, got 5$/],
    ['matmul out too short', () => kernels.matmul(f32(3), f32(6), f32(6), 2, 3, 2), RangeError, /^matmul: out must hold at least m·n \(2·2\) = 4 elements, got 3$/],
    ['matmulTransposeB b too short', () => kernels.matmulTransposeB(f32(4), f32(6), f32(5), 2, 3, 2), RangeError, /matmulTransposeB: b must hold at least n·k \(3·2\) = 6 elements, got 5/],
    ['a fractional size', () => kernels.add(out, a, b, 2.5), RangeError, /^add: n must be a non-negative integer, got number 2\.5$/],
    ['a negative size', () => kernels.sumRows(out, a, -1, 2), RangeError, /^sumRows: rows must be a non-negative integer, got number -1$/],
    ['a size given as a string', () => kernels.matmul(out, a, b, '2' as unknown as number, 1, 1), RangeError, /matmul: m must be a non-negative integer, got the string "2"/],
    ['a plain Array instead of a typed array', () => kernels.add(out, [1, 2] as unknown as Float32Array, b, 2), TypeError, /^add: a must be a Float32Array or Float64Array, got an Array of length 2$/],
    ['an Int32Array where floats are expected', () => kernels.scale(out, new Int32Array(6) as unknown as Float32Array, 2, 6), TypeError, /scale: a must be a Float32Array or Float64Array, got an Int32Array of length 6/],
    ['mixed dtypes in one call', () => kernels.mul(out, f64(6), b, 6), TypeError, /^mul: a is a Float64Array but out is a Float32Array; all arrays of one call must share one dtype$/],
    ['matmul output overlapping an input', () => kernels.matmul(a, a, b, 1, 1, 1), RangeError, /^matmul: out overlaps a; it must not overlap its inputs$/],
    ['a partial in-place overlap', () => kernels.add(out.subarray(1), out, b, 4), RangeError, /add: out overlaps a partially; it may only be the very same array/],
    ['an unknown activation name', () => kernels.activationForward('swish' as never, out, a, 6, 0), TypeError, /activationForward: unknown activation "swish"; known: identity, relu, leakyRelu/],
    ['a non-finite leaky slope', () => kernels.activationForward('leakyRelu', out, a, 6, NaN), RangeError, /activationForward: alpha must be a finite number, got number NaN/],
    ['an unknown math function', () => kernels.math('erf' as never, out, a, 6), TypeError, /math: unknown function "erf"; did you mean "exp"\? known: exp, log, tanh, sigmoid, sin, cos/],
    ['an infinite scale factor', () => kernels.scale(out, a, Infinity, 6), RangeError, /scale: s must be a finite number, got number Infinity/],
    ['labels that are not integers', () => kernels.softmaxCrossEntropySparseLoss(out, a, b as unknown as Int32Array, 2, 3), TypeError, /softmaxCrossEntropySparseLoss: labels must be an Int32Array, got a Float32Array of length 6/],
    ['a class label out of range', () => { const labels = backend.allocInt32(2); labels[1] = 3; return kernels.softmaxCrossEntropySparseLoss(f32(6), a, labels, 2, 3) }, RangeError, /labels\[1\] must be a class index in \[0, 3\), got 3/],
    ['a negative learning rate', () => kernels.sgdStep(out, a, b, 6, { lr: -0.1, momentum: 0, weightDecay: 0, nesterov: false }), RangeError, /sgdStep: options.lr must be in \[0, Infinity\), got -0.1/],
    ['beta1 of 1', () => kernels.adamStep(f32(2), f32(2), f32(2), f32(2), 2, { lr: 1e-3, beta1: 1, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false, biasCorrection1: 0.1, biasCorrection2: 0.001 }), RangeError, /adamStep: options.beta1 must be in \[0, 1\), got 1/],
    ['options that are not an object', () => kernels.sgdStep(out, a, b, 6, 0.1 as never), TypeError, /sgdStep: options must be an object, got number 0.1/],
    ['nesterov given as a number', () => kernels.sgdStep(out, a, b, 6, { lr: 0.1, momentum: 0.9, weightDecay: 0, nesterov: 1 as never }), TypeError, /sgdStep: options.nesterov must be a boolean, got number 1/],
    ['gradients aliasing the Adam state', () => { const shared = f32(2); return kernels.adamStep(f32(2), shared, f32(2), shared, 2, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false, biasCorrection1: 0.1, biasCorrection2: 0.001 }) },
      RangeError, /^adamStep: grads overlaps v; it must not overlap its inputs$/],
    ['gradients aliasing the momentum buffer', () => kernels.sgdStep(f32(2), b, b, 2, { lr: 0.1, momentum: 0.9, weightDecay: 0, nesterov: false }), RangeError, /^sgdStep: grads overlaps velocity/],
    ['grad aliasing the prediction', () => kernels.mseLoss(a, a, b, 6), RangeError, /mseLoss: grad overlaps pred; it must not overlap its inputs/],
  ]

  it.each(cases)('%s', (_description, call, errorType, message) => {
    expect(call).toThrow(errorType)
    expect(call).toThrow(message)
  })
})

describe('wasm-only memory checks', () => {
  const kernels = checkedKernels(wasm)
  const cases: Case[] = [
    ['an array that lives outside wasm memory', () => kernels.add(wasm.alloc('float32', 4), new Float32Array(4), wasm.alloc('float32', 4), 4), TypeError,
      /^add: a is not on the wasm backend's memory; make it with backend.alloc\(dtype, length\) and copy the data in$/],
    ['a view at a misaligned byte offset', () => wasm.view('float64', 4, 2), RangeError, /^view: byteOffset must be a multiple of 8 for float64, got 4$/],
    ['a view beyond the memory', () => wasm.view('float32', 0, 1e9), RangeError, /^view: bytes 0..4000000000 lie beyond the wasm memory \(\d+ bytes\)$/],
    ['a view with a fractional length', () => wasm.view('float32', 0, 1.5), RangeError, /^view: length must be a non-negative integer, got number 1.5$/],
    ['freeing something never allocated', () => wasm.free(wasm.view('float32', 8, 1)), RangeError, /free: no live block starts at byte offset 8 \(double free, or not from alloc\(\)\)/],
  ]
  it.each(cases)('%s', (_description, call, errorType, message) => {
    expect(call).toThrow(errorType)
    expect(call).toThrow(message)
  })

  it('names a view detached by memory growth', async () => {
    const growable = await wasmBackend('release', 1)
    const stale = growable.alloc('float32', 4)
    growable.memory.grow(1)
    expect(() => checkedKernels(growable).add(stale, stale, stale, 4)).toThrow(/add: out is a detached view \(the wasm memory grew after it was made\)/)
  })
})

describe('init() rejects bad options', () => {
  const cases: [string, unknown, typeof TypeError | typeof RangeError, RegExp][] = [
    ['an unknown backend name', { backend: 'webgpu' }, TypeError, /^init: backend must be 'js' or 'wasm', got "webgpu"$/],
    ['options of the wrong type', 'wasm', TypeError, /^init: options must be an object, got the string "wasm"$/],
    ['an unknown option', { backnd: 'js' }, TypeError, /^init: unknown option "backnd"; did you mean "backend"\? known options: backend, wasm, initialMemoryPages, quiet, unscopedTensorLimit, threads$/],
    ['wasm given as a number', { wasm: 42 }, TypeError, /^init: wasm must be bytes \(ArrayBuffer or a typed array\), a WebAssembly.Module or a URL, got number$/],
    ['zero memory pages', { initialMemoryPages: 0 }, RangeError, /^init: initialMemoryPages must be between 1 and 65536/],
    ['quiet given as a string', { quiet: 'yes' }, TypeError, /^init: quiet must be a boolean, got string$/],
  ]
  it.each(cases)('%s', async (_description, options, errorType, message) => {
    await expect(init(options as never)).rejects.toThrow(errorType)
    await expect(init(options as never)).rejects.toThrow(message)
  })

  it('bytes that are not a wasm module fail loudly', async () => {
    await expect(init({ backend: 'wasm', wasm: new Uint8Array([1, 2, 3]) })).rejects.toThrow(WebAssembly.CompileError)
  })

  it('the js backend owns any typed array, so foreign-memory checks are wasm-only', () => {
    expect(jsBackend.owns(new Float32Array(1))).toBe(true)
  })
})

describe.each(backends)('empty products on $name', (backend) => {
  const kernels = checkedKernels(backend)
  it('a sum of no terms (k = 0) is zero; m = 0 or n = 0 writes nothing', () => {
    const out = backend.alloc('float64', 6)
    out.fill(7)
    kernels.matmul(out, backend.alloc('float64', 0), backend.alloc('float64', 0), 2, 0, 3)
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0])
    out.fill(7)
    kernels.matmulTransposeB(out, backend.alloc('float64', 0), backend.alloc('float64', 6), 0, 2, 3)
    expect(Array.from(out)).toEqual([7, 7, 7, 7, 7, 7])
  })
})
