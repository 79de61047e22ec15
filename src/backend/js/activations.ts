// Activations and their gradients: the specification. out[i] = f(x[i]); gradX[i] = gradY[i]·f'(x[i]),
// float32 (Math.fround after every operation) or float64 by the array type, with curvenet's own
// transcendentals. out may be x, gradX may be gradY. assembly/activations.ts must equal this bit for bit.
import type { ActivationName, FloatArray, Kernels } from '../kernels'
import * as transcendental from './transcendental'
import { round } from './transcendental'

interface Precision {
  single: boolean
  sigmoid: (x: number) => number
  tanh: (x: number) => number
  exp: (x: number) => number
  log1p: (x: number) => number
  sin: (x: number) => number
  cos: (x: number) => number
}

const single: Precision = {
  single: true, sigmoid: transcendental.sigmoidF32, tanh: transcendental.tanhF32, exp: transcendental.expF32,
  log1p: transcendental.log1pF32, sin: transcendental.sinF32, cos: transcendental.cosF32,
}
const double: Precision = {
  single: false, sigmoid: transcendental.sigmoidF64, tanh: transcendental.tanhF64, exp: transcendental.expF64,
  log1p: transcendental.log1pF64, sin: transcendental.sinF64, cos: transcendental.cosF64,
}

// GELU, tanh form, written as x·σ(x·(A + B·x²)) (equal, since (1 + tanh u)/2 = σ(2u), and accurate for x < 0).
const GELU_A = 1.5957691216057308    // 2·√(2/π)
const GELU_B = 0.07135481627260025   // 2·√(2/π)·0.044715

// wasm's pmax/pmin written out: relu(x) = pmax(x, 0) keeps NaN and −0; −|x| = pmin(x, −x) keeps NaN.
const pmax = (a: number, b: number) => (a < b ? b : a)
const pmin = (a: number, b: number) => (b < a ? b : a)

function geluArgument(p: Precision, x: number): number {
  return round(p, x * round(p, round(p, GELU_A) + round(p, round(p, GELU_B) * round(p, x * x))))
}

type Forward = (p: Precision, x: number, alpha: number) => number
type Derivative = (p: Precision, x: number, y: number) => number

const forwards: Record<ActivationName, Forward> = {
  identity: (_p, x) => x,
  relu: (_p, x) => pmax(x, 0),
  leakyRelu: (p, x, alpha) => (x < 0 ? round(p, x * alpha) : x),
  sigmoid: (p, x) => p.sigmoid(x),
  tanh: (p, x) => p.tanh(x),
  silu: (p, x) => round(p, x * p.sigmoid(x)),
  gelu: (p, x) => round(p, x * p.sigmoid(geluArgument(p, x))),
  softplus: (p, x) => round(p, pmax(x, 0) + p.log1p(p.exp(pmin(x, -x)))),
  sin: (p, x) => p.sin(x),
  cos: (p, x) => p.cos(x),
}

/** f' of the smooth activations; identity, relu and leakyRelu select on gradY instead (see backward). */
const derivatives: Record<Exclude<ActivationName, 'identity' | 'relu' | 'leakyRelu'>, Derivative> = {
  sigmoid: (p, _x, y) => round(p, y * round(p, 1 - y)),
  tanh: (p, _x, y) => round(p, 1 - round(p, y * y)),
  silu: (p, x) => {
    const s = p.sigmoid(x)
    return round(p, s * round(p, 1 + round(p, x * round(p, 1 - s))))
  },
  gelu: (p, x) => {
      const s = p.sigmoid(geluArgument(p, x))
    const slope = round(p, round(p, GELU_A) + round(p, round(p, 3 * GELU_B) * round(p, x * x)))
    return round(p, s * round(p, 1 + round(p, round(p, x * round(p, 1 - s)) * slope)))
  },
  softplus: (p, x) => p.sigmoid(x),
  sin: (p, x) => p.cos(x),
  cos: (p, x) => -p.sin(x),
}

export function activationForward(name: ActivationName, out: FloatArray, x: FloatArray, n: number, alpha: number): void {
  const p = out instanceof Float32Array ? single : double
  const f = forwards[name]
  const slope = round(p, alpha)
  for (let i = 0; i < n; i++) out[i] = f(p, x[i], slope)
}

export function activationBackward(name: ActivationName, gradX: FloatArray, gradY: FloatArray, x: FloatArray, y: FloatArray, n: number, alpha: number): void {
  const p = gradX instanceof Float32Array ? single : double
  if (name === 'identity') {
    for (let i = 0; i < n; i++) gradX[i] = gradY[i]
  } else if (name === 'relu') {
    // relu'(0) = 0: the left slope, as PyTorch and TensorFlow choose, so a unit sitting exactly at 0
    // passes no gradient; NaN x takes that branch too. Selecting 0 (not multiplying by 0) keeps an
    // infinite gradY from turning into NaN.
    for (let i = 0; i < n; i++) gradX[i] = x[i] > 0 ? gradY[i] : 0
  } else if (name === 'leakyRelu') {
    const slope = round(p, alpha)   // the left slope again at x = 0
    for (let i = 0; i < n; i++) gradX[i] = x[i] > 0 ? gradY[i] : round(p, gradY[i] * slope)
  } else {
    const derivative = derivatives[name]
    for (let i = 0; i < n; i++) gradX[i] = round(p, gradY[i] * derivative(p, x[i], y[i]))
  }
}

export const activationKernels: Pick<Kernels, 'activationForward' | 'activationBackward'> = { activationForward, activationBackward }
