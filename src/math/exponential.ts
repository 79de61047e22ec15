// curvenet's exp, expm1, tanh and sigmoid for one value, float32 (…F32: every operation rounded with
// Math.fround) or float64 (…F64): x = n·ln2 + r (Cody–Waite, n by the magic-number trick), e^x = 2^n·e^r.
// Each function is one lane of expVector, expm1Vector, tanhVector and sigmoidVector in
// assembly/exponential.ts, the same IEEE operations in the same order (its masks and selects are
// ternaries here), so the bits are equal. The comments there say why each step is written as it is.
import { clamp, horner, integerOfRounded, ln2Split, magic, pmax, pmin, powerOfTwo } from './ieee'
import { roundSingle, roundTo } from './precision'

/** What differs between float32 (`single`: every operation rounded by roundTo) and float64: the constants. */
interface Constants {
  readonly single: boolean
  readonly magic: number
  readonly ln2: readonly [number, number]     // high, low
  readonly expHigh: number                    // e^x overflows above, underflows to 0 below
  readonly expLow: number
  readonly expm1Low: number                   // e^x − 1 rounds to −1 below
  readonly expm1Tiny: number                  // e^x − 1 rounds to x below
  readonly tanhHigh: number                   // tanh rounds to 1 above
  /** (e^r − 1)/r = 1 + r/2 + r²·P(r), for Horner's rule, highest degree first. */
  readonly expMinusOneCoefficients: readonly number[]
}

const single: Constants = {
  single: true,
  magic: magic(true),
  ln2: ln2Split(true),
  expHigh: 89,
  expLow: -104,
  expm1Low: -20,
  expm1Tiny: 2.9802322387695312e-8,
  tanhHigh: 10,
  expMinusOneCoefficients: [0.0013898256001994014, 0.008366163820028305, 0.04166685417294502, 0.1666654795408249, 0.5, 1].map(roundSingle),
}

const double: Constants = {
  single: false,
  magic: magic(false),
  ln2: ln2Split(false),
  expHigh: 710,
  expLow: -746,
  expm1Low: -40,
  expm1Tiny: 5.551115123125783e-17,
  tanhHigh: 20,
  expMinusOneCoefficients: [2.5045872586114536e-8, 2.7622468061423484e-7, 2.7557425898736623e-6, 2.4801515820728983e-5,
    0.00019841269707812151, 0.0013888888920861652, 0.008333333333389236, 0.041666666666619286, 0.16666666666666602, 0.5, 1],
}

/** round(x/ln2) + magic. */
function roundedMultipleOfLn2(p: Constants, x: number): number {
  const single = p.single
  return roundTo(single, roundTo(single, x * roundTo(single, 1.4426950408889634)) + p.magic)
}

/** e^r − 1 = r + r²/2 + r³·P(r) with r = x − n·ln2; `rounded` = n + magic. */
function expMinusOneOfReduced(p: Constants, x: number, rounded: number): number {
  const single = p.single
  const n = roundTo(single, rounded - p.magic)
  const r = roundTo(single, roundTo(single, x - roundTo(single, n * p.ln2[0])) - roundTo(single, n * p.ln2[1]))
  return roundTo(single, horner(single, p.expMinusOneCoefficients, r) * r)
}

/** e^r for the remainder r of x; `rounded` = n + magic. */
function expOfRemainder(p: Constants, x: number, rounded: number): number {
  return roundTo(p.single, expMinusOneOfReduced(p, x, rounded) + 1)
}

function expInRange(p: Constants, x: number): number {
  const rounded = roundedMultipleOfLn2(p, x)
  const e = expOfRemainder(p, x, rounded)
  const n = integerOfRounded(p.single, rounded)
  const half = n >> 1
  return roundTo(p.single, roundTo(p.single, e * powerOfTwo(p.single, half)) * powerOfTwo(p.single, n - half))
}

function exp(p: Constants, x: number): number {
  return x === x ? expInRange(p, clamp(x, p.expLow, p.expHigh)) : x
}

/** (e^x − 1)/2 = (2^(n−1) − ½) + 2^(n−1)·(e^r − 1). */
function halfExpMinusOneInRange(p: Constants, x: number): number {
  const single = p.single
  const rounded = roundedMultipleOfLn2(p, x)
  const q = expMinusOneOfReduced(p, x, rounded)
  const halfScale = powerOfTwo(p.single, integerOfRounded(p.single, rounded) - 1)   // wasm: powerOfTwoOfRounded(rounded, −1)
  return roundTo(single, roundTo(single, halfScale - 0.5) + roundTo(single, halfScale * q))
}

function expm1(p: Constants, x: number): number {
  const half = halfExpMinusOneInRange(p, clamp(x, p.expm1Low, p.expHigh))
  return Math.abs(x) >= p.expm1Tiny ? roundTo(p.single, half + half) : x
}

function tanh(p: Constants, x: number): number {
  const single = p.single
  if (x !== x) return x
  const magnitude = pmin(Math.abs(x), p.tanhHigh)
  const h = halfExpMinusOneInRange(p, roundTo(single, magnitude + magnitude))
  const positive = roundTo(single, h / roundTo(single, h + 1))
  return x < 0 || Object.is(x, -0) ? -positive : positive
}

/** e^x for x in [expLow, 0] as (2^(n+64)·e^r)·2^−64. */
function expOfNonPositive(p: Constants, x: number): number {
  const rounded = roundedMultipleOfLn2(p, x)
  const e = expOfRemainder(p, x, rounded)
  return roundTo(p.single, roundTo(p.single, e * powerOfTwo(p.single, integerOfRounded(p.single, rounded) + 64)) * 5.421010862427522e-20)
}

function sigmoid(p: Constants, x: number): number {
  if (x !== x) return x
  const decay = expOfNonPositive(p, pmax(pmin(x, -x), p.expLow))
  return roundTo(p.single, pmax(decay, x >= 0 ? 1 : 0) / roundTo(p.single, 1 + decay))
}

export const expF32 = (x: number): number => exp(single, x)
export const expF64 = (x: number): number => exp(double, x)
export const expm1F32 = (x: number): number => expm1(single, x)
export const expm1F64 = (x: number): number => expm1(double, x)
export const tanhF32 = (x: number): number => tanh(single, x)
export const tanhF64 = (x: number): number => tanh(double, x)
export const sigmoidF32 = (x: number): number => sigmoid(single, x)
export const sigmoidF64 = (x: number): number => sigmoid(double, x)
