// The validating façade over a backend's trusting kernels: every argument is checked once here, and a bad one raises a
// TypeError/RangeError that names the kernel, the argument, what was expected and what came. One entry per kernel; the
// checks themselves (validate-checks.ts) build their messages only when they fail, since these run on every call.
import type { Backend } from './backend'
import { describeValue } from '../check/describe'
import { activationNames, bezierMaxDegree, bsplineMaxDegree, bsplineOutsideNames, mathNames, unaryNames, type AdamOptions, type FloatArray, type Kernels, type SgdOptions } from './kernels'
import { checkKnownName } from '../check/names'
import { arrayChecker, checkAliasing, checkBoolean, checkBounds, checkBsplineKnots, checkFinite, checkInRange, checkOwned, checkRecord, checkSize, type Checked } from './validate-checks'
import { checkedKanKernels } from './validate-kan'

export function checkedKernels(backend: Backend): Kernels {
  const raw = backend.kernels

  function matmulForm(kernel: 'matmul' | 'matmulTransposeA' | 'matmulTransposeB', aShape: string, bShape: string) {
    return (out: FloatArray, a: FloatArray, b: FloatArray, m: number, k: number, n: number): void => {
      checkSize(kernel, 'm', m); checkSize(kernel, 'k', k); checkSize(kernel, 'n', n)
      const array = arrayChecker(backend, kernel)
      array('out', out, m * n, 'm·n', m, n)
      array('a', a, m * k, aShape, m, k)
      array('b', b, k * n, bShape, k, n)
      checkAliasing(kernel, 'out', out, 'a', a, false)
      checkAliasing(kernel, 'out', out, 'b', b, false)
      // the kernels need m, k, n ≥ 1; an empty product is defined here: nothing, or a sum of no terms
      if (m === 0 || n === 0) return
      if (k === 0) { out.fill(0, 0, m * n); return }
      raw[kernel](out, a, b, m, k, n)
    }
  }

  function binary(kernel: 'add' | 'sub' | 'mul' | 'div') {
    return (out: FloatArray, a: FloatArray, b: FloatArray, n: number): void => {
      checkSize(kernel, 'n', n)
      const array = arrayChecker(backend, kernel)
      array('out', out, n, 'n'); array('a', a, n, 'n'); array('b', b, n, 'n')
      checkAliasing(kernel, 'out', out, 'a', a, true)
      checkAliasing(kernel, 'out', out, 'b', b, true)
      raw[kernel](out, a, b, n)
    }
  }

  function reduction(kernel: 'sumRows' | 'sumColumns') {
    return (out: FloatArray, a: FloatArray, rows: number, cols: number): void => {
      checkSize(kernel, 'rows', rows); checkSize(kernel, 'cols', cols)
      const array = arrayChecker(backend, kernel)
      array('out', out, kernel === 'sumRows' ? rows : cols, kernel === 'sumRows' ? 'rows' : 'cols')
      array('a', a, rows * cols, 'rows·cols', rows, cols)
      checkAliasing(kernel, 'out', out, 'a', a, false)
      raw[kernel](out, a, rows, cols)
    }
  }

  /** math and unary: out[i] = f(x[i]) for a function named from `names`, in place allowed. */
  function namedFunction<K extends 'math' | 'unary'>(kernel: K, names: readonly Parameters<Kernels[K]>[0][]): Kernels[K] {
    const kernels = raw as unknown as Record<K, (name: string, out: FloatArray, x: FloatArray, n: number) => void>
    return ((name: Parameters<Kernels[K]>[0], out: FloatArray, x: FloatArray, n: number): void => {
      checkKnownName(kernel, 'function', name, names)
      checkSize(kernel, 'n', n)
      const array = arrayChecker(backend, kernel)
      array('out', out, n, 'n'); array('x', x, n, 'n')
      checkAliasing(kernel, 'out', out, 'x', x, true)
      kernels[kernel](name, out, x, n)
    }) as Kernels[K]
  }

  function elementwiseLoss(kernel: 'mseLoss' | 'bceWithLogitsLoss', predictionName: string) {
    return (grad: FloatArray, prediction: FloatArray, target: FloatArray, n: number): number => {
      checkSize(kernel, 'n', n)
      const array = arrayChecker(backend, kernel)
      array('grad', grad, n, 'n'); array(predictionName, prediction, n, 'n'); array('target', target, n, 'n')
      checkAliasing(kernel, 'grad', grad, predictionName, prediction, false)
      checkAliasing(kernel, 'grad', grad, 'target', target, false)
      return raw[kernel](grad, prediction, target, n)
    }
  }

  return {
    matmul: matmulForm('matmul', 'm·k', 'k·n'),
    matmulTransposeA: matmulForm('matmulTransposeA', 'k·m', 'k·n'),
    matmulTransposeB: matmulForm('matmulTransposeB', 'm·k', 'n·k'),
    add: binary('add'), sub: binary('sub'), mul: binary('mul'), div: binary('div'),
    scale(out, a, s, n) {
      checkSize('scale', 'n', n); checkFinite('scale', 's', s)
      const array = arrayChecker(backend, 'scale')
      array('out', out, n, 'n'); array('a', a, n, 'n')
      checkAliasing('scale', 'out', out, 'a', a, true)
      raw.scale(out, a, s, n)
    },
    addRowBias(out, a, bias, rows, cols) {
      checkSize('addRowBias', 'rows', rows); checkSize('addRowBias', 'cols', cols)
      const array = arrayChecker(backend, 'addRowBias')
      array('out', out, rows * cols, 'rows·cols', rows, cols); array('a', a, rows * cols, 'rows·cols', rows, cols)
      array('bias', bias, cols, 'cols')
      checkAliasing('addRowBias', 'out', out, 'a', a, true)
      checkAliasing('addRowBias', 'out', out, 'bias', bias, false)
      raw.addRowBias(out, a, bias, rows, cols)
    },
    sumRows: reduction('sumRows'),
    sumColumns: reduction('sumColumns'),
    activationForward(name, out, x, n, alpha) {
      checkKnownName('activationForward', 'activation', name, activationNames)
      checkSize('activationForward', 'n', n); checkFinite('activationForward', 'alpha', alpha)
      const array = arrayChecker(backend, 'activationForward')
      array('out', out, n, 'n'); array('x', x, n, 'n')
      checkAliasing('activationForward', 'out', out, 'x', x, true)
      raw.activationForward(name, out, x, n, alpha)
    },
    activationBackward(name, gradX, gradY, x, y, n, alpha) {
      checkKnownName('activationBackward', 'activation', name, activationNames)
      checkSize('activationBackward', 'n', n); checkFinite('activationBackward', 'alpha', alpha)
      const array = arrayChecker(backend, 'activationBackward')
      array('gradX', gradX, n, 'n'); array('gradY', gradY, n, 'n'); array('x', x, n, 'n'); array('y', y, n, 'n')
      checkAliasing('activationBackward', 'gradX', gradX, 'gradY', gradY, true)
      checkAliasing('activationBackward', 'gradX', gradX, 'x', x, false)
      checkAliasing('activationBackward', 'gradX', gradX, 'y', y, false)
      raw.activationBackward(name, gradX, gradY, x, y, n, alpha)
    },
    math: namedFunction('math', mathNames),
    unary: namedFunction('unary', unaryNames),
    clamp(out, x, low, high, n) {
      checkBounds('clamp', low, high)
      checkSize('clamp', 'n', n)
      const array = arrayChecker(backend, 'clamp')
      array('out', out, n, 'n'); array('x', x, n, 'n')
      checkAliasing('clamp', 'out', out, 'x', x, true)
      raw.clamp(out, x, low, high, n)
    },
    clampBackward(gradX, gradY, x, low, high, n) {
      checkBounds('clampBackward', low, high)
      checkSize('clampBackward', 'n', n)
      const array = arrayChecker(backend, 'clampBackward')
      array('gradX', gradX, n, 'n'); array('gradY', gradY, n, 'n'); array('x', x, n, 'n')
      checkAliasing('clampBackward', 'gradX', gradX, 'gradY', gradY, true)
      checkAliasing('clampBackward', 'gradX', gradX, 'x', x, false)
      raw.clampBackward(gradX, gradY, x, low, high, n)
    },
    softmax(out, x, rows, cols) {
      checkSize('softmax', 'rows', rows); checkSize('softmax', 'cols', cols)
      const array = arrayChecker(backend, 'softmax')
      array('out', out, rows * cols, 'rows·cols', rows, cols); array('x', x, rows * cols, 'rows·cols', rows, cols)
      checkAliasing('softmax', 'out', out, 'x', x, true)
      raw.softmax(out, x, rows, cols)
    },
    mseLoss: elementwiseLoss('mseLoss', 'pred'),
    bceWithLogitsLoss: elementwiseLoss('bceWithLogitsLoss', 'logits'),
    softmaxCrossEntropyLoss(grad, logits, target, rows, cols) {
      const kernel = 'softmaxCrossEntropyLoss'
      checkSize(kernel, 'rows', rows); checkSize(kernel, 'cols', cols)
      const array = arrayChecker(backend, kernel)
      array('grad', grad, rows * cols, 'rows·cols', rows, cols); array('logits', logits, rows * cols, 'rows·cols', rows, cols)
      array('target', target, rows * cols, 'rows·cols', rows, cols)
      checkAliasing(kernel, 'grad', grad, 'logits', logits, false)
      checkAliasing(kernel, 'grad', grad, 'target', target, false)
      return raw.softmaxCrossEntropyLoss(grad, logits, target, rows, cols)
    },
    softmaxCrossEntropySparseLoss(grad, logits, labels, rows, cols) {
      const kernel = 'softmaxCrossEntropySparseLoss'
      checkSize(kernel, 'rows', rows); checkSize(kernel, 'cols', cols)
      const array = arrayChecker(backend, kernel)
      array('grad', grad, rows * cols, 'rows·cols', rows, cols); array('logits', logits, rows * cols, 'rows·cols', rows, cols)
      checkAliasing(kernel, 'grad', grad, 'logits', logits, false)
      if (!(labels instanceof Int32Array)) throw new TypeError(`${kernel}: labels must be an Int32Array, got ${describeValue(labels)}`)
      checkOwned(backend, kernel, 'labels', labels)
      if (labels.length < rows) throw new RangeError(`${kernel}: labels must hold at least rows = ${rows} elements, got ${labels.length}`)
      for (let r = 0; r < rows; r++) {
        if (labels[r] < 0 || labels[r] >= cols) throw new RangeError(`${kernel}: labels[${r}] must be a class index in [0, ${cols}), got ${labels[r]}`)
      }
      return raw.softmaxCrossEntropySparseLoss(grad, logits, labels, rows, cols)
    },
    sgdStep(params, grads, velocity, n, options) {
      const kernel = 'sgdStep'
      checkSize(kernel, 'n', n)
      const o = checkRecord(kernel, options)
      checkInRange(kernel, 'options.lr', o.lr, 0, Infinity, true)
      checkInRange(kernel, 'options.momentum', o.momentum, 0, 1, true)
      checkInRange(kernel, 'options.weightDecay', o.weightDecay, 0, Infinity, true)
      checkBoolean(kernel, 'options.nesterov', o.nesterov)
      const array = arrayChecker(backend, kernel)
      array('params', params, n, 'n'); array('grads', grads, n, 'n')
      array('velocity', velocity, o.momentum === 0 ? 0 : n, 'n')
      checkAliasing(kernel, 'params', params, 'grads', grads, false)
      if (o.momentum !== 0) {
        checkAliasing(kernel, 'params', params, 'velocity', velocity, false)
        checkAliasing(kernel, 'grads', grads, 'velocity', velocity, false)
      }
      raw.sgdStep(params, grads, velocity, n, options as SgdOptions)
    },
    adamStep(params, grads, m, v, n, options) {
      const kernel = 'adamStep'
      checkSize(kernel, 'n', n)
      const o = checkRecord(kernel, options)
      checkInRange(kernel, 'options.lr', o.lr, 0, Infinity, true)
      checkInRange(kernel, 'options.beta1', o.beta1, 0, 1, true)
      checkInRange(kernel, 'options.beta2', o.beta2, 0, 1, true)
      checkInRange(kernel, 'options.eps', o.eps, Number.MIN_VALUE, Infinity, true)
      checkInRange(kernel, 'options.weightDecay', o.weightDecay, 0, Infinity, true)
      checkBoolean(kernel, 'options.decoupled', o.decoupled)
      checkInRange(kernel, 'options.biasCorrection1', o.biasCorrection1, Number.MIN_VALUE, 1, false)
      checkInRange(kernel, 'options.biasCorrection2', o.biasCorrection2, Number.MIN_VALUE, 1, false)
      const array = arrayChecker(backend, kernel)
      array('params', params, n, 'n'); array('grads', grads, n, 'n'); array('m', m, n, 'n'); array('v', v, n, 'n')
      // no two of the four arrays may overlap: each is read and written element by element
      const arrays = [['params', params], ['grads', grads], ['m', m], ['v', v]] as const
      arrays.forEach(([name, array], i) => arrays.slice(i + 1).forEach(([otherName, other]) => checkAliasing(kernel, name, array, otherName, other, false)))
      raw.adamStep(params, grads, m, v, n, options as AdamOptions)
    },
    bezierEvaluate(out, points, ts, degree, dimension, count) {
      const kernel = 'bezierEvaluate'
      checkInRange(kernel, 'degree', checkSize(kernel, 'degree', degree), 0, bezierMaxDegree, false)
      checkSize(kernel, 'dimension', dimension); checkSize(kernel, 'count', count)
      const array = arrayChecker(backend, kernel)
      array('out', out, count * dimension, 'count·dimension', count, dimension)
      array('points', points, (degree + 1) * dimension, '(degree+1)·dimension', degree + 1, dimension)
      array('ts', ts, count, 'count')
      checkAliasing(kernel, 'out', out, 'points', points, false)
      checkAliasing(kernel, 'out', out, 'ts', ts, false)
      raw.bezierEvaluate(out, points, ts, degree, dimension, count)
    },
    bernsteinBasis(out, ts, degree, count) {
      const kernel = 'bernsteinBasis'
      checkInRange(kernel, 'degree', checkSize(kernel, 'degree', degree), 0, bezierMaxDegree, false)
      checkSize(kernel, 'count', count)
      const array = arrayChecker(backend, kernel)
      array('out', out, count * (degree + 1), 'count·(degree+1)', count, degree + 1)
      array('ts', ts, count, 'count')
      checkAliasing(kernel, 'out', out, 'ts', ts, false)
      raw.bernsteinBasis(out, ts, degree, count)
    },
    bsplineBasis(spans, values, derivatives, x, count, knots, knotCount, degree, outside, uniform) {
      const kernel = 'bsplineBasis'
      checkSize(kernel, 'count', count); checkSize(kernel, 'knotCount', knotCount)
      checkKnownName(kernel, 'outside', outside, bsplineOutsideNames); checkBoolean(kernel, 'uniform', uniform)
      checkInRange(kernel, 'degree', checkSize(kernel, 'degree', degree), 0, bsplineMaxDegree, false)
      const array = arrayChecker(backend, kernel)
      array('values', values, count * (degree + 1), 'count·(degree+1)', count, degree + 1)
      if (derivatives !== null) array('derivatives', derivatives, count * (degree + 1), 'count·(degree+1)', count, degree + 1)
      array('x', x, count, 'count'); array('knots', knots, knotCount, 'knotCount')
      checkBsplineKnots(kernel, knots, knotCount, degree)
      if (!(spans instanceof Int32Array)) throw new TypeError(`${kernel}: spans must be an Int32Array, got ${describeValue(spans)}`)
      checkOwned(backend, kernel, 'spans', spans)
      if (spans.length < count) throw new RangeError(`${kernel}: spans must hold at least count = ${count} elements, got ${spans.length}`)
      // no output may overlap another array: each output element is written once from inputs read throughout
      const outputs: [string, Checked][] = [['spans', spans], ['values', values]]
      if (derivatives !== null) outputs.push(['derivatives', derivatives])
      const others: [string, Checked][] = [...outputs, ['x', x], ['knots', knots]]
      outputs.forEach(([name, output], i) => others.slice(i + 1).forEach(([otherName, other]) => checkAliasing(kernel, name, output, otherName, other, false)))
      raw.bsplineBasis(spans, values, derivatives, x, count, knots, knotCount, degree, outside, uniform)
    },
    bsplineEvaluate(out, x, count, knots, knotCount, coefficients, dimension, degree, outside, uniform) {
      const kernel = 'bsplineEvaluate'
      checkSize(kernel, 'count', count); checkSize(kernel, 'knotCount', knotCount); checkSize(kernel, 'dimension', dimension)
      checkKnownName(kernel, 'outside', outside, bsplineOutsideNames); checkBoolean(kernel, 'uniform', uniform)
      checkInRange(kernel, 'degree', checkSize(kernel, 'degree', degree), 0, bsplineMaxDegree, false)
      const array = arrayChecker(backend, kernel)
      array('out', out, count * dimension, 'count·dimension', count, dimension)
      array('x', x, count, 'count'); array('knots', knots, knotCount, 'knotCount')
      const functions = Math.max(knotCount - degree - 1, 0)
      array('coefficients', coefficients, functions * dimension, '(knotCount − degree − 1)·dimension', functions, dimension)
      checkBsplineKnots(kernel, knots, knotCount, degree)
      for (const [name, input] of [['x', x], ['knots', knots], ['coefficients', coefficients]] as const) checkAliasing(kernel, 'out', out, name, input, false)
      raw.bsplineEvaluate(out, x, count, knots, knotCount, coefficients, dimension, degree, outside, uniform)
    },
    ...checkedKanKernels(backend),
  }
}

