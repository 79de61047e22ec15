// Activations and their gradients over n elements: the specification. out[i] = f(x[i]); gradX[i] = gradY[i]·f'(x[i]),
// every operation rounded to out's (gradX's) dtype with curvenet's own transcendentals of that dtype
// (src/math/). out may be x, gradX may be gradY. activationForward and activationBackward of
// assembly/activations.ts must equal this bit for bit.
import type { ActivationName, FloatArray, Kernels } from '../kernels'
import { functionsOf, type ScalarFunctions } from '../../math/functions'
import { pmax, pmin } from '../../math/ieee'
import { roundTo } from '../../math/precision'

// GELU, tanh form, written as x·σ(x·(A + B·x²)) (equal, since (1 + tanh u)/2 = σ(2u), and accurate for x < 0).
const GELU_A = 1.5957691216057308    // 2·√(2/π)
const GELU_B = 0.07135481627260025   // 2·√(2/π)·0.044715

// With wasm's pmax/pmin: relu(x) = pmax(x, 0) keeps NaN and −0; −|x| = pmin(x, −x) keeps NaN.

function geluArgument(p: ScalarFunctions, x: number): number {
  return roundTo(p.single, x * roundTo(p.single, roundTo(p.single, GELU_A) + roundTo(p.single, roundTo(p.single, GELU_B) * roundTo(p.single, x * x))))
}

type Forward = (p: ScalarFunctions, x: number, alpha: number) => number
type Derivative = (p: ScalarFunctions, x: number, y: number) => number

const forwards: Record<ActivationName, Forward> = {
  identity: (_p, x) => x,
  relu: (_p, x) => pmax(x, 0),
  leakyRelu: (p, x, alpha) => (x < 0 ? roundTo(p.single, x * alpha) : x),
  sigmoid: (p, x) => p.sigmoid(x),
  tanh: (p, x) => p.tanh(x),
  silu: (p, x) => roundTo(p.single, x * p.sigmoid(x)),
  gelu: (p, x) => roundTo(p.single, x * p.sigmoid(geluArgument(p, x))),
  softplus: (p, x) => roundTo(p.single, pmax(x, 0) + p.log1p(p.exp(pmin(x, -x)))),
  sin: (p, x) => p.sin(x),
  cos: (p, x) => p.cos(x),
}

/** f' of the smooth activations; identity, relu and leakyRelu select on gradY instead (see backward). */
const derivatives: Record<Exclude<ActivationName, 'identity' | 'relu' | 'leakyRelu'>, Derivative> = {
  sigmoid: (p, _x, y) => roundTo(p.single, y * roundTo(p.single, 1 - y)),
  tanh: (p, _x, y) => roundTo(p.single, 1 - roundTo(p.single, y * y)),
  silu: (p, x) => {
    const s = p.sigmoid(x)
    return roundTo(p.single, s * roundTo(p.single, 1 + roundTo(p.single, x * roundTo(p.single, 1 - s))))
  },
  gelu: (p, x) => {
    const s = p.sigmoid(geluArgument(p, x))
    const slope = roundTo(p.single, roundTo(p.single, GELU_A) + roundTo(p.single, roundTo(p.single, 3 * GELU_B) * roundTo(p.single, x * x)))
    return roundTo(p.single, s * roundTo(p.single, 1 + roundTo(p.single, roundTo(p.single, x * roundTo(p.single, 1 - s)) * slope)))
  },
  softplus: (p, x) => p.sigmoid(x),
  sin: (p, x) => p.cos(x),
  cos: (p, x) => -p.sin(x),
}

export function activationForward(name: ActivationName, out: FloatArray, x: FloatArray, n: number, alpha: number): void {
  const p = functionsOf(out)
  const f = forwards[name]
  const slope = roundTo(p.single, alpha)
  for (let i = 0; i < n; i++) out[i] = f(p, x[i], slope)
}

export function activationBackward(name: ActivationName, gradX: FloatArray, gradY: FloatArray, x: FloatArray, y: FloatArray, n: number, alpha: number): void {
  const p = functionsOf(gradX)
  if (name === 'identity') {
    for (let i = 0; i < n; i++) gradX[i] = gradY[i]
  } else if (name === 'relu') {
    // relu'(0) = 0: the left slope, as PyTorch and TensorFlow choose, so a unit sitting exactly at 0
    // passes no gradient; NaN x takes that branch too. Selecting 0 (not multiplying by 0) keeps an
    // infinite gradY from turning into NaN.
    for (let i = 0; i < n; i++) gradX[i] = x[i] > 0 ? gradY[i] : 0
  } else if (name === 'leakyRelu') {
    const slope = roundTo(p.single, alpha)   // the left slope again at x = 0
    for (let i = 0; i < n; i++) gradX[i] = x[i] > 0 ? gradY[i] : roundTo(p.single, gradY[i] * slope)
  } else {
    const derivative = derivatives[name]
    for (let i = 0; i < n; i++) gradX[i] = roundTo(p.single, gradY[i] * derivative(p, x[i], y[i]))
  }
}

export const activationKernels: Pick<Kernels, 'activationForward' | 'activationBackward'> = { activationForward, activationBackward }
