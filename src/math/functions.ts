// curvenet's scalar functions of one dtype in one table, with that dtype's rounding: what the js spec's
// math, activation and loss kernels pick once per call from their output array. Keys are the kernels'
// MathName, so the `math` kernel indexes the table by the name it is given.
import type { MathName } from '../backend/kernels'
import { expF32, expF64, expm1F32, expm1F64, sigmoidF32, sigmoidF64, tanhF32, tanhF64 } from './exponential'
import { log1pF32, log1pF64, logF32, logF64 } from './logarithm'
import { roundDouble, roundSingle, type Round } from './precision'
import { cosF32, cosF64, sinF32, sinF64 } from './trigonometric'

export type ScalarFunctions = Readonly<Record<MathName, (x: number) => number>> & { readonly round: Round; readonly single: boolean }

const singleFunctions: ScalarFunctions = {
  single: true, round: roundSingle, exp: expF32, expm1: expm1F32, log: logF32, log1p: log1pF32, tanh: tanhF32, sigmoid: sigmoidF32, sin: sinF32, cos: cosF32,
}
const doubleFunctions: ScalarFunctions = {
  single: false, round: roundDouble, exp: expF64, expm1: expm1F64, log: logF64, log1p: log1pF64, tanh: tanhF64, sigmoid: sigmoidF64, sin: sinF64, cos: cosF64,
}

/** The functions of the array's dtype. */
export function functionsOf(array: Float32Array | Float64Array): ScalarFunctions {
  return array instanceof Float32Array ? singleFunctions : doubleFunctions
}
