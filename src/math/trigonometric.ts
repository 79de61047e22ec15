// curvenet's sin and cos for one value, always computed in float64 (…F32 rounds once at the end): x =
// k·π/2 + r (Cody–Waite, π/2 in four parts), then a sine or cosine polynomial in r chosen by k mod 4,
// float32 with the shorter polynomials. Each function is one lane of sinVector and cosVector in
// assembly/trigonometric.ts, the same IEEE operations in the same order, so the bits are equal.
import { DOUBLE_MAGIC, horner, lowWord } from './ieee'
import { roundSingle } from './precision'

/** The polynomials of each precision for Horner's rule, highest degree first, both evaluated in float64. */
interface Polynomials {
  readonly sinCoefficients: readonly number[]
  readonly cosCoefficients: readonly number[]
}

const single: Polynomials = {
  sinCoefficients: [-0.0001951463189877979, 0.008332156053812751, -0.16666654536628692],
  cosCoefficients: [2.4432412980838708e-5, -0.0013887309866636897, 0.04166664555447098, -0.5, 1],
}

const double: Polynomials = {
  sinCoefficients: [1.5895904733822972e-10, -2.5050742307728626e-8, 2.7557313587617606e-6, -0.00019841269829495487,
    0.008333333333322005, -0.1666666666666663],
  cosCoefficients: [-1.1358310466027027e-11, 2.0875696572106566e-9, -2.755731414861989e-7, 2.4801587288748173e-5,
    -0.0013888888888872895, 0.041666666666666595, -0.5, 1],
}

const TRIG_LIMIT = 1125899906842624   // 2^50: beyond it the reduction is meaningless and the result is NaN
const SIN_IS_X_BELOW = 7.450580596923828e-9   // 2^−27: sin x rounds to x

/** sin(x + quarterTurns·π/2) in float64 with the polynomials p; see sinOfQuarterTurns in assembly/trigonometric.ts. */
function sinOfQuarterTurns(p: Polynomials, x: number, quarterTurns: number): number {
  const magnitude = Math.abs(x)
  const notSmall = magnitude >= (quarterTurns === 0 ? SIN_IS_X_BELOW : 0)
  if (!(notSmall && magnitude <= TRIG_LIMIT)) return notSmall ? NaN : x
  const rounded = x * 0.6366197723675814 + DOUBLE_MAGIC
  const k = rounded - DOUBLE_MAGIC
  let r = x - k * 1.570796251296997   // π/2 in four Cody–Waite parts
  r = (r - k * 7.549789415861596e-8) - k * 5.390302529957765e-15
  r -= k * 3.2820035428735005e-22
  const z = r * r
  const sine = r + (r * z) * horner(false, p.sinCoefficients, z)
  const cosine = horner(false, p.cosCoefficients, z)
  const quadrant = (lowWord(rounded) + quarterTurns) | 0
  const value = (quadrant & 1) !== 0 ? cosine : sine
  return (quadrant & 2) !== 0 ? -value : value
}

export const sinF32 = (x: number): number => roundSingle(sinOfQuarterTurns(single, x, 0))
export const sinF64 = (x: number): number => sinOfQuarterTurns(double, x, 0)
export const cosF32 = (x: number): number => roundSingle(sinOfQuarterTurns(single, x, 1))
export const cosF64 = (x: number): number => sinOfQuarterTurns(double, x, 1)
