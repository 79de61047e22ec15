// The validating façade's KAN kernels (kanForward, kanBackward; see validate.ts): the layout, the parameters and the basis
// cache the two share, checked before the trusting kernel runs.
import type { Backend } from './backend'
import { bsplineMaxDegree, type FloatArray, type KanLayout, type Kernels } from './kernels'
import { describeValue } from '../check/describe'
import { arrayChecker, checkBoolean, checkBsplineKnots, checkInRange, checkNoOverlap, checkOwned, checkRecord, checkSize, type ArrayCheck } from './validate-checks'

export function checkedKanKernels(backend: Backend): Pick<Kernels, 'kanForward' | 'kanBackward'> {
  return {
    kanForward(out, spans, values, derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, layout) {
      const kernel = 'kanForward'
      const { array, sizes } = kanArguments(kernel, backend, coefficients, splineScale, baseValues, baseScale, layout)
      const { batch, inputSize, knotCount } = layout
      array('out', out, sizes.outLength, ...sizes.out)
      array('x', x, batch * inputSize, 'batch·inputSize', batch, inputSize)
      array('knots', knots, inputSize * knotCount, 'inputSize·knotCount', inputSize, knotCount)
      for (let i = 0; i < inputSize; i++) checkBsplineKnots(`${kernel}: knots of input ${i}`, knots.subarray(i * knotCount, (i + 1) * knotCount), knotCount, layout.degree)
      checkBasisCache(kernel, backend, array, spans, values, derivatives, layout)
      const outputs = [['out', out], ['spans', spans], ['values', values], ['derivatives', derivatives]] as const
      checkNoOverlap(kernel, outputs, [['x', x], ['knots', knots], ['coefficients', coefficients], ['splineScale', splineScale], ['baseValues', baseValues], ['baseScale', baseScale]])
      backend.kernels.kanForward(out, spans, values, derivatives, x, knots, coefficients, splineScale, baseValues, baseScale, layout)
    },
    kanBackward(gradX, gradBaseValues, gradCoefficients, gradSplineScale, gradBaseScale, gradOut, spans, values, derivatives, coefficients, splineScale, baseValues, baseScale, layout) {
      const kernel = 'kanBackward'
      const { array, sizes } = kanArguments(kernel, backend, coefficients, splineScale, baseValues, baseScale, layout)
      const rows = ['batch·inputSize', layout.batch, layout.inputSize] as const
      array('gradOut', gradOut, sizes.outLength, ...sizes.out)
      array('gradCoefficients', gradCoefficients, sizes.coefficientCount, ...sizes.coefficients)
      array('gradSplineScale', gradSplineScale, sizes.scaleCount, ...sizes.scales)
      for (const [name, gradient] of [['gradBaseScale', gradBaseScale], ['gradBaseValues', gradBaseValues]] as const) {
        if (gradient !== null && baseScale === null) throw new TypeError(`${kernel}: ${name} needs a base branch (baseValues and baseScale)`)
      }
      if (gradBaseScale === null && baseScale !== null) throw new TypeError(`${kernel}: gradBaseScale is needed with a base branch`)
      if (gradBaseScale !== null) array('gradBaseScale', gradBaseScale, sizes.scaleCount, ...sizes.scales)
      if (gradBaseValues !== null) array('gradBaseValues', gradBaseValues, layout.batch * layout.inputSize, ...rows)
      checkBasisCache(kernel, backend, array, spans, values, derivatives, layout)
      if (gradX !== null) {
        array('gradX', gradX, layout.batch * layout.inputSize, ...rows)
        if (derivatives === null) throw new TypeError(`${kernel}: gradX needs the basis derivatives; run kanForward with a derivatives array`)
      }
      const outputs = [['gradX', gradX], ['gradBaseValues', gradBaseValues], ['gradCoefficients', gradCoefficients], ['gradSplineScale', gradSplineScale], ['gradBaseScale', gradBaseScale]] as const
      checkNoOverlap(kernel, outputs, [['gradOut', gradOut], ['spans', spans], ['values', values], ['derivatives', derivatives], ['coefficients', coefficients],
        ['splineScale', splineScale], ['baseValues', baseValues], ['baseScale', baseScale]])
      backend.kernels.kanBackward(gradX, gradBaseValues, gradCoefficients, gradSplineScale, gradBaseScale, gradOut, spans, values, derivatives, coefficients, splineScale, baseValues, baseScale, layout)
    },
  }
}

/** spans [inputSize × batch] (Int32Array), values and derivatives (or null) [inputSize × batch × (degree+1)]. */
function checkBasisCache(kernel: string, backend: Backend, array: ArrayCheck, spans: unknown, values: FloatArray, derivatives: FloatArray | null, layout: KanLayout): void {
  const { batch, inputSize, degree } = layout
  const rows = ['inputSize·batch·(degree+1)', inputSize, batch, degree + 1] as const
  array('values', values, inputSize * batch * (degree + 1), ...rows)
  if (derivatives !== null) array('derivatives', derivatives, inputSize * batch * (degree + 1), ...rows)
  if (!(spans instanceof Int32Array)) throw new TypeError(`${kernel}: spans must be an Int32Array, got ${describeValue(spans)}`)
  checkOwned(backend, kernel, 'spans', spans)
  if (spans.length < inputSize * batch) throw new RangeError(`${kernel}: spans must hold at least inputSize·batch = ${inputSize * batch} elements, got ${spans.length}`)
}

/** The layout and the parameters kanForward and kanBackward share; returns the call's array checker and the expected sizes. */
function kanArguments(kernel: string, backend: Backend, coefficients: FloatArray, splineScale: FloatArray, baseValues: FloatArray | null,
  baseScale: FloatArray | null, layout: KanLayout) {
  const o = checkRecord(kernel, layout)
  for (const name of ['batch', 'inputSize', 'outputSize', 'knotCount'] as const) checkSize(kernel, `layout.${name}`, o[name])
  checkInRange(kernel, 'layout.degree', checkSize(kernel, 'layout.degree', o.degree), 0, bsplineMaxDegree, false)
  checkBoolean(kernel, 'layout.uniform', o.uniform); checkBoolean(kernel, 'layout.edges', o.edges)
  const { batch, inputSize, outputSize, knotCount, degree, edges } = layout
  if (knotCount < 2 * degree + 2) throw new RangeError(`${kernel}: layout.knotCount must be at least 2·degree + 2 = ${2 * degree + 2}, got ${knotCount}`)
  const basisCount = knotCount - degree - 1
  // each size as [what it is, its factors]: the words and numbers become a message only when a check fails
  const sizes = {
    coefficientCount: inputSize * basisCount * outputSize, scaleCount: inputSize * outputSize,
    coefficients: ['inputSize·(knotCount − degree − 1)·outputSize', inputSize, basisCount, outputSize] as const,
    scales: ['inputSize·outputSize', inputSize, outputSize] as const,
    outLength: edges ? batch * inputSize * outputSize : batch * outputSize,
    out: (edges ? ['batch·inputSize·outputSize (per edge)', batch, inputSize, outputSize] : ['batch·outputSize', batch, outputSize]) as [string, ...number[]],
  }
  const array = arrayChecker(backend, kernel)
  array('coefficients', coefficients, sizes.coefficientCount, ...sizes.coefficients)
  array('splineScale', splineScale, sizes.scaleCount, ...sizes.scales)
  if ((baseValues === null) !== (baseScale === null)) throw new TypeError(`${kernel}: give baseValues and baseScale together (a base branch) or neither`)
  if (baseValues !== null && baseScale !== null) {
    array('baseValues', baseValues, batch * inputSize, 'batch·inputSize', batch, inputSize)
    array('baseScale', baseScale, sizes.scaleCount, ...sizes.scales)
  }
  return { array, sizes }
}
