// The validating façade over a backend's trusting kernels: every argument is checked once here,
// and a bad one raises a TypeError/RangeError that names the kernel, the argument, what was
// expected and what came. Messages are built only on failure (these run on every call).
import type { Backend } from './backend'
import { describeValue } from '../check/describe'
import { activationNames, bezierMaxDegree, bsplineMaxDegree, bsplineOutsideNames, mathNames, unaryNames, type AdamOptions, type FloatArray, type KanLayout, type Kernels, type SgdOptions } from './kernels'
import { checkKnownName } from '../check/names'

type Checked = FloatArray | Int32Array

export function checkSize(kernel: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${kernel}: ${name} must be a non-negative integer, got ${describeValue(value)}`)
  }
  return value
}

export function checkFinite(kernel: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${kernel}: ${name} must be a finite number, got ${describeValue(value)}`)
  }
  return value
}

function checkInRange(kernel: string, name: string, value: unknown, low: number, high: number, highOpen: boolean): void {
  checkFinite(kernel, name, value)
  const v = value as number
  if (v < low || (highOpen ? v >= high : v > high)) {
    throw new RangeError(`${kernel}: ${name} must be in [${low}, ${high}${highOpen ? ')' : ']'}, got ${v}`)
  }
}

/** Checks one array argument: its type, the call's dtype, its length and that the backend can address it. */
function arrayChecker(backend: Backend, kernel: string) {
  let dtypeOwner: { name: string; array: FloatArray } | undefined
  return (name: string, array: unknown, needed: number, sizes: string): void => {
    if (!(array instanceof Float32Array || array instanceof Float64Array)) {
      throw new TypeError(`${kernel}: ${name} must be a Float32Array or Float64Array, got ${describeValue(array)}`)
    }
    if (dtypeOwner && array.constructor !== dtypeOwner.array.constructor) {
      throw new TypeError(`${kernel}: ${name} is a ${array.constructor.name} but ${dtypeOwner.name} is a ` +
        `${dtypeOwner.array.constructor.name}; all arrays of one call must share one dtype`)
    }
    dtypeOwner ??= { name, array }
    checkOwned(backend, kernel, name, array)
    if (array.length < needed) {
      throw new RangeError(`${kernel}: ${name} must hold at least ${sizes} = ${needed} elements, got ${array.length}`)
    }
  }
}

function checkOwned(backend: Backend, kernel: string, name: string, array: Checked): void {
  if (backend.owns(array)) return
  if (array.buffer.byteLength === 0 && array.length === 0) {
    throw new TypeError(`${kernel}: ${name} is a detached view (the ${backend.name} memory grew after it was made); ` +
      `keep its byteOffset and length and re-derive it with backend.view(dtype, byteOffset, length)`)
  }
  throw new TypeError(`${kernel}: ${name} is not on the ${backend.name} backend's memory; ` +
    `make it with backend.alloc(dtype, length) and copy the data in`)
}

function overlaps(x: Checked, y: Checked): boolean {
  return x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength
}

/** out may be exactly `input` (same offset) when `exactAliasAllowed`, never a partial overlap. */
function checkAliasing(kernel: string, outName: string, out: Checked, inputName: string, input: Checked, exactAliasAllowed: boolean): void {
  if (!overlaps(out, input)) return
  if (exactAliasAllowed && out.byteOffset === input.byteOffset) return
  throw new RangeError(`${kernel}: ${outName} overlaps ${inputName}` +
    (exactAliasAllowed ? ' partially; it may only be the very same array (in place) or not overlap at all' : '; it must not overlap its inputs'))
}

/** Clamp bounds: numbers (±Infinity allowed for a one-sided clamp), not NaN, low ≤ high. */
export function checkBounds(where: string, low: unknown, high: unknown): void {
  for (const [name, value] of [['low', low], ['high', high]] as const) {
    if (typeof value !== 'number' || Number.isNaN(value)) throw new RangeError(`${where}: ${name} must be a number (±Infinity allowed), got ${describeValue(value)}`)
  }
  if ((low as number) > (high as number)) throw new RangeError(`${where}: low (${low}) must not exceed high (${high})`)
}

/**
 * A B-spline knot vector: degree an integer in [0, bsplineMaxDegree], knotCount ≥ 2·degree + 2 (at least degree + 1
 * basis functions), every knot finite, non-decreasing, and the domain's first and last spans non-empty (so the span
 * search never ends on an empty span). Exported for the BSpline class.
 */
export function checkBsplineKnots(where: string, knots: ArrayLike<number>, knotCount: number, degree: unknown): void {
  checkInRange(where, 'degree', checkSize(where, 'degree', degree), 0, bsplineMaxDegree, false)
  const k = degree as number
  if (knotCount < 2 * k + 2) {
    throw new RangeError(`${where}: a degree-${k} B-spline needs at least 2·degree + 2 = ${2 * k + 2} knots (degree + 1 basis functions), got ${knotCount}`)
  }
  for (let i = 0; i < knotCount; i++) {
    if (!Number.isFinite(knots[i])) throw new RangeError(`${where}: knots[${i}] must be finite, got ${knots[i]}`)
    if (i > 0 && knots[i] < knots[i - 1]) {
      throw new RangeError(`${where}: knots must be non-decreasing, but knots[${i - 1}] = ${knots[i - 1]} > knots[${i}] = ${knots[i]}`)
    }
  }
  const last = knotCount - k - 2
  for (const [name, span] of [['first', k], ['last', last]] as const) {
    if (knots[span] === knots[span + 1]) {
      throw new RangeError(`${where}: the domain's ${name} span [knots[${span}], knots[${span + 1}]] = [${knots[span]}, ${knots[span + 1]}] is empty; ` +
        `a knot repeats more than degree + 1 = ${k + 1} times at the end of the domain`)
    }
  }
}

function checkOptions(kernel: string, options: unknown): Record<string, unknown> {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${kernel}: options must be an object, got ${describeValue(options)}`)
  return options as Record<string, unknown>
}

function checkBoolean(kernel: string, name: string, value: unknown): void {
  if (typeof value !== 'boolean') throw new TypeError(`${kernel}: ${name} must be a boolean, got ${describeValue(value)}`)
}

export function checkedKernels(backend: Backend): Kernels {
  const raw = backend.kernels

  function matmulForm(kernel: 'matmul' | 'matmulTransposeA' | 'matmulTransposeB', aShape: string, bShape: string) {
    return (out: FloatArray, a: FloatArray, b: FloatArray, m: number, k: number, n: number): void => {
      checkSize(kernel, 'm', m); checkSize(kernel, 'k', k); checkSize(kernel, 'n', n)
      const array = arrayChecker(backend, kernel)
      array('out', out, m * n, `m·n (${m}·${n})`)
      array('a', a, m * k, `${aShape} (${m}·${k})`)
      array('b', b, k * n, `${bShape} (${k}·${n})`)
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
      array('a', a, rows * cols, `rows·cols (${rows}·${cols})`)
      checkAliasing(kernel, 'out', out, 'a', a, false)
      raw[kernel](out, a, rows, cols)
    }
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
      array('out', out, rows * cols, `rows·cols (${rows}·${cols})`); array('a', a, rows * cols, `rows·cols (${rows}·${cols})`)
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
    math(name, out, x, n) {
      checkKnownName('math', 'function', name, mathNames)
      checkSize('math', 'n', n)
      const array = arrayChecker(backend, 'math')
      array('out', out, n, 'n'); array('x', x, n, 'n')
      checkAliasing('math', 'out', out, 'x', x, true)
      raw.math(name, out, x, n)
    },
    unary(name, out, x, n) {
      checkKnownName('unary', 'function', name, unaryNames)
      checkSize('unary', 'n', n)
      const array = arrayChecker(backend, 'unary')
      array('out', out, n, 'n'); array('x', x, n, 'n')
      checkAliasing('unary', 'out', out, 'x', x, true)
      raw.unary(name, out, x, n)
    },
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
      array('out', out, rows * cols, `rows·cols (${rows}·${cols})`); array('x', x, rows * cols, `rows·cols (${rows}·${cols})`)
      checkAliasing('softmax', 'out', out, 'x', x, true)
      raw.softmax(out, x, rows, cols)
    },
    mseLoss: elementwiseLoss('mseLoss', 'pred'),
    bceWithLogitsLoss: elementwiseLoss('bceWithLogitsLoss', 'logits'),
    softmaxCrossEntropyLoss(grad, logits, target, rows, cols) {
      const kernel = 'softmaxCrossEntropyLoss'
      checkSize(kernel, 'rows', rows); checkSize(kernel, 'cols', cols)
      const array = arrayChecker(backend, kernel)
      const sizes = `rows·cols (${rows}·${cols})`
      array('grad', grad, rows * cols, sizes); array('logits', logits, rows * cols, sizes); array('target', target, rows * cols, sizes)
      checkAliasing(kernel, 'grad', grad, 'logits', logits, false)
      checkAliasing(kernel, 'grad', grad, 'target', target, false)
      return raw.softmaxCrossEntropyLoss(grad, logits, target, rows, cols)
    },
    softmaxCrossEntropySparseLoss(grad, logits, labels, rows, cols) {
      const kernel = 'softmaxCrossEntropySparseLoss'
      checkSize(kernel, 'rows', rows); checkSize(kernel, 'cols', cols)
      const array = arrayChecker(backend, kernel)
      const sizes = `rows·cols (${rows}·${cols})`
      array('grad', grad, rows * cols, sizes); array('logits', logits, rows * cols, sizes)
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
      const o = checkOptions(kernel, options)
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
      const o = checkOptions(kernel, options)
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
      array('out', out, count * dimension, `count·dimension (${count}·${dimension})`)
      array('points', points, (degree + 1) * dimension, `(degree+1)·dimension (${degree + 1}·${dimension})`)
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
      array('out', out, count * (degree + 1), `count·(degree+1) (${count}·${degree + 1})`)
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
      const rows = `count·(degree+1) (${count}·${degree + 1})`
      array('values', values, count * (degree + 1), rows)
      if (derivatives !== null) array('derivatives', derivatives, count * (degree + 1), rows)
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
      array('out', out, count * dimension, `count·dimension (${count}·${dimension})`)
      array('x', x, count, 'count'); array('knots', knots, knotCount, 'knotCount')
      const functions = Math.max(knotCount - degree - 1, 0)
      array('coefficients', coefficients, functions * dimension, `(knotCount − degree − 1)·dimension (${functions}·${dimension})`)
      checkBsplineKnots(kernel, knots, knotCount, degree)
      for (const [name, input] of [['x', x], ['knots', knots], ['coefficients', coefficients]] as const) checkAliasing(kernel, 'out', out, name, input, false)
      raw.bsplineEvaluate(out, x, count, knots, knotCount, coefficients, dimension, degree, outside, uniform)
    },
    kanForward(out, spans, values, derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, layout) {
      const kernel = 'kanForward'
      const { array, sizes } = kanArguments(kernel, backend, coefficients, splineScale, baseValues, baseScale, layout)
      const { batch, inputSize, knotCount } = layout
      array('out', out, sizes.outLength, sizes.out)
      array('x', x, batch * inputSize, `batch·inputSize (${batch}·${inputSize})`)
      array('knots', knots, inputSize * knotCount, `inputSize·knotCount (${inputSize}·${knotCount})`)
      for (let i = 0; i < inputSize; i++) checkBsplineKnots(`${kernel}: knots of input ${i}`, knots.subarray(i * knotCount, (i + 1) * knotCount), knotCount, layout.degree)
      checkBasisCache(kernel, backend, array, spans, values, derivatives, layout)
      const outputs = [['out', out], ['spans', spans], ['values', values], ['derivatives', derivatives]] as const
      checkNoOverlap(kernel, outputs, [['x', x], ['knots', knots], ['coefficients', coefficients], ['splineScale', splineScale], ['baseValues', baseValues], ['baseScale', baseScale]])
      raw.kanForward(out, spans, values, derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, layout)
    },
    kanBackward(gradX, gradBaseValues, gradCoefficients, gradSplineScale, gradBaseScale, gradOut, spans, values, derivatives, coefficients, splineScale, baseValues, baseScale, layout) {
      const kernel = 'kanBackward'
      const { array, sizes } = kanArguments(kernel, backend, coefficients, splineScale, baseValues, baseScale, layout)
      const rows = `batch·inputSize (${layout.batch}·${layout.inputSize})`
      array('gradOut', gradOut, sizes.outLength, sizes.out)
      array('gradCoefficients', gradCoefficients, sizes.coefficientCount, sizes.coefficients)
      array('gradSplineScale', gradSplineScale, sizes.scaleCount, sizes.scales)
      for (const [name, gradient] of [['gradBaseScale', gradBaseScale], ['gradBaseValues', gradBaseValues]] as const) {
        if (gradient !== null && baseScale === null) throw new TypeError(`${kernel}: ${name} needs a base branch (baseValues and baseScale)`)
      }
      if (gradBaseScale === null && baseScale !== null) throw new TypeError(`${kernel}: gradBaseScale is needed with a base branch`)
      if (gradBaseScale !== null) array('gradBaseScale', gradBaseScale, sizes.scaleCount, sizes.scales)
      if (gradBaseValues !== null) array('gradBaseValues', gradBaseValues, layout.batch * layout.inputSize, rows)
      checkBasisCache(kernel, backend, array, spans, values, derivatives, layout)
      if (gradX !== null) {
        array('gradX', gradX, layout.batch * layout.inputSize, rows)
        if (derivatives === null) throw new TypeError(`${kernel}: gradX needs the basis derivatives; run kanForward with a derivatives array`)
      }
      const outputs = [['gradX', gradX], ['gradBaseValues', gradBaseValues], ['gradCoefficients', gradCoefficients], ['gradSplineScale', gradSplineScale], ['gradBaseScale', gradBaseScale]] as const
      checkNoOverlap(kernel, outputs, [['gradOut', gradOut], ['spans', spans], ['values', values], ['derivatives', derivatives], ['coefficients', coefficients],
        ['splineScale', splineScale], ['baseValues', baseValues], ['baseScale', baseScale]])
      raw.kanBackward(gradX, gradBaseValues, gradCoefficients, gradSplineScale, gradBaseScale, gradOut, spans, values, derivatives, coefficients, splineScale, baseValues, baseScale, layout)
    },
  }
}

type ArrayCheck = ReturnType<typeof arrayChecker>

/** Outputs overlap neither each other nor any input (null entries are absent arrays). */
function checkNoOverlap(kernel: string, outputs: readonly (readonly [string, Checked | null])[], inputs: readonly (readonly [string, Checked | null])[]): void {
  const all = [...outputs, ...inputs]
  outputs.forEach(([name, output], i) => all.slice(i + 1).forEach(([otherName, other]) => {
    if (output !== null && other !== null) checkAliasing(kernel, name, output, otherName, other, false)
  }))
}

/** spans [inputSize × batch] (Int32Array), values and derivatives (or null) [inputSize × batch × (degree+1)]. */
function checkBasisCache(kernel: string, backend: Backend, array: ArrayCheck, spans: unknown, values: FloatArray, derivatives: FloatArray | null, layout: KanLayout): void {
  const { batch, inputSize, degree } = layout
  const rows = `inputSize·batch·(degree+1) (${inputSize}·${batch}·${degree + 1})`
  array('values', values, inputSize * batch * (degree + 1), rows)
  if (derivatives !== null) array('derivatives', derivatives, inputSize * batch * (degree + 1), rows)
  if (!(spans instanceof Int32Array)) throw new TypeError(`${kernel}: spans must be an Int32Array, got ${describeValue(spans)}`)
  checkOwned(backend, kernel, 'spans', spans)
  if (spans.length < inputSize * batch) throw new RangeError(`${kernel}: spans must hold at least inputSize·batch = ${inputSize * batch} elements, got ${spans.length}`)
}

/** The layout and the parameters kanForward and kanBackward share; returns the call's array checker and the expected sizes. */
function kanArguments(kernel: string, backend: Backend, coefficients: FloatArray, splineScale: FloatArray, baseValues: FloatArray | null,
  baseScale: FloatArray | null, layout: KanLayout) {
  const o = checkOptions(kernel, layout)
  for (const name of ['batch', 'inputSize', 'outputSize', 'knotCount'] as const) checkSize(kernel, `layout.${name}`, o[name])
  checkInRange(kernel, 'layout.degree', checkSize(kernel, 'layout.degree', o.degree), 0, bsplineMaxDegree, false)
  checkBoolean(kernel, 'layout.uniform', o.uniform); checkBoolean(kernel, 'layout.edges', o.edges)
  const { batch, inputSize, outputSize, knotCount, degree, edges } = layout
  if (knotCount < 2 * degree + 2) throw new RangeError(`${kernel}: layout.knotCount must be at least 2·degree + 2 = ${2 * degree + 2}, got ${knotCount}`)
  const basisCount = knotCount - degree - 1
  const sizes = {
    coefficientCount: inputSize * basisCount * outputSize, scaleCount: inputSize * outputSize,
    coefficients: `inputSize·(knotCount − degree − 1)·outputSize (${inputSize}·${basisCount}·${outputSize})`,
    scales: `inputSize·outputSize (${inputSize}·${outputSize})`,
    outLength: edges ? batch * inputSize * outputSize : batch * outputSize,
    out: edges ? `batch·inputSize·outputSize (${batch}·${inputSize}·${outputSize}, per edge)` : `batch·outputSize (${batch}·${outputSize})`,
  }
  const array = arrayChecker(backend, kernel)
  array('coefficients', coefficients, sizes.coefficientCount, sizes.coefficients)
  array('splineScale', splineScale, sizes.scaleCount, sizes.scales)
  if ((baseValues === null) !== (baseScale === null)) throw new TypeError(`${kernel}: give baseValues and baseScale together (a base branch) or neither`)
  if (baseValues !== null && baseScale !== null) {
    array('baseValues', baseValues, batch * inputSize, `batch·inputSize (${batch}·${inputSize})`)
    array('baseScale', baseScale, sizes.scaleCount, sizes.scales)
  }
  return { array, sizes }
}
