// curvenet's own exp, expm1, log, log1p, tanh, sigmoid, sin and cos: the specification. Each function
// below is the same sequence of IEEE operations as one lane of assembly/{exponential,logarithm,
// trigonometric}.ts, written for one value (float32: Math.fround after every operation), so the
// results are bit for bit those of wasm. Compare-and-select masks there are ternaries here.

/** What differs between float32 and float64: rounding and constants (the bit views branch on `single`). */
interface Precision {
  readonly single: boolean                              // float32: round every operation with Math.fround
  readonly magic: number                                // 1.5·2^mantissaBits: (x + magic) − magic rounds x
  readonly ln2High: number                              // Cody–Waite split of ln 2; n·ln2High is exact
  readonly ln2Low: number
  readonly expHigh: number                              // e^x overflows above, underflows to 0 below
  readonly expLow: number
  readonly expm1Low: number                             // e^x − 1 rounds to −1 below
  readonly expm1Tiny: number                            // e^x − 1 rounds to x below
  readonly tanhHigh: number                             // tanh rounds to 1 above
  // Polynomials for Horner's rule, highest degree first (see the assembly files for what they approximate).
  readonly expMinusOneCoefficients: readonly number[]   // (e^r − 1)/r = 1 + r/2 + r²·P(r)
  readonly atanhRemainderCoefficients: readonly number[]
  readonly sinCoefficients: readonly number[]           // evaluated in float64 for both precisions
  readonly cosCoefficients: readonly number[]
  readonly smallestNormal: number
  readonly subnormalScale: number                       // 2^subnormalShift
  readonly subnormalShift: number
}

// Bit views of one scratch value. The float64 words are picked by the platform's byte order (typed
// arrays use it; wasm memory is always little-endian, which only the float64 word order could notice).
const singleView = new Float32Array(1)
const singleBitsView = new Int32Array(singleView.buffer)
const doubleView = new Float64Array(1)
const wordsView = new Int32Array(doubleView.buffer)
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1
const HIGH = 1 - LOW

function singleBits(x: number): number { singleView[0] = x; return singleBitsView[0] }
function singleOfBits(bits: number): number { singleBitsView[0] = bits; return singleView[0] }
function lowWord(x: number): number { doubleView[0] = x; return wordsView[LOW] }
function highWord(x: number): number { doubleView[0] = x; return wordsView[HIGH] }
function doubleOfWords(high: number, low: number): number {
  wordsView[LOW] = low
  wordsView[HIGH] = high
  return doubleView[0]
}

const SINGLE_SQRT_HALF_BITS = 0x3f3504f3
const DOUBLE_SQRT_HALF_HIGH = 0x3fe6a09e   // √½'s high word; the low word of the split is left as it is

const single: Precision = {
  single: true,
  magic: 12582912,
  ln2High: Math.fround(0.693145751953125),
  ln2Low: Math.fround(1.4286068203094173e-6),
  expHigh: 89,
  expLow: -104,
  expm1Low: -20,
  expm1Tiny: 2.9802322387695312e-8,
  tanhHigh: 10,
  expMinusOneCoefficients: [0.0013898256001994014, 0.008366163820028305, 0.04166685417294502, 0.1666654795408249, 0.5, 1].map(Math.fround),
  atanhRemainderCoefficients: [0.29871997237205505, 0.39977532625198364, 0.6666677594184875].map(Math.fround),
  sinCoefficients: [-0.0001951463189877979, 0.008332156053812751, -0.16666654536628692],
  cosCoefficients: [2.4432412980838708e-5, -0.0013887309866636897, 0.04166664555447098, -0.5, 1],
  smallestNormal: Math.fround(1.1754943508222875e-38),
  subnormalScale: 33554432,
  subnormalShift: 25,
}

const double: Precision = {
  single: false,
  magic: 6755399441055744,
  ln2High: 0.6931471803691238,
  ln2Low: 1.9082149292705877e-10,
  expHigh: 710,
  expLow: -746,
  expm1Low: -40,
  expm1Tiny: 5.551115123125783e-17,
  tanhHigh: 20,
  expMinusOneCoefficients: [2.5045872586114536e-8, 2.7622468061423484e-7, 2.7557425898736623e-6, 2.4801515820728983e-5,
    0.00019841269707812151, 0.0013888888920861652, 0.008333333333389236, 0.041666666666619286, 0.16666666666666602, 0.5, 1],
  atanhRemainderCoefficients: [0.14796261357422777, 0.15314021098964994, 0.1818356540805192, 0.22222198553769484,
    0.28571428742562305, 0.39999999999413965, 0.6666666666666734],
  sinCoefficients: [1.5895904733822972e-10, -2.5050742307728626e-8, 2.7557313587617606e-6, -0.00019841269829495487,
    0.008333333333322005, -0.1666666666666663],
  cosCoefficients: [-1.1358310466027027e-11, 2.0875696572106566e-9, -2.755731414861989e-7, 2.4801587288748173e-5,
    -0.0013888888888872895, 0.041666666666666595, -0.5, 1],
  smallestNormal: 2.2250738585072014e-308,
  subnormalScale: 18014398509481984,
  subnormalShift: 54,
}

/** x rounded to the precision: a direct Math.fround call behind one predictable branch (passing
 *  Math.fround around as a value made the call sites polymorphic and float64 about 5× slower). */
export function round(p: { readonly single: boolean }, x: number): number {
  return p.single ? Math.fround(x) : x
}

/** Horner's rule from the highest coefficient, one rounding per multiply and per add (no FMA). */
function horner(p: Precision, coefficients: readonly number[], x: number): number {
  let sum = coefficients[0]
  for (let i = 1; i < coefficients.length; i++) sum = round(p, round(p, sum * x) + coefficients[i])
  return sum
}

/** The integer n held in the low mantissa bits of t = n + magic: the bits of t − magic as an integer
 *  (for float64 its low 32 bits, as magic's low word is 0; only low bits are ever used). */
function integerOfRounded(p: Precision, t: number): number {
  return p.single ? (singleBits(t) - singleBits(12582912)) | 0 : lowWord(t)
}

/** 2^n built from exponent bits (only the low bits of n that reach the exponent field matter). */
function powerOfTwo(p: Precision, n: number): number {
  return p.single ? singleOfBits((n + 127) << 23) : doubleOfWords((n + 1023) << 20, 0)
}

/** x's bits plus (bits of 1 − bits of √½), the word holding log's exponent/mantissa split (float64: high word). */
function splitBits(p: Precision, x: number): number {
  return p.single ? (singleBits(x) + (0x3f800000 - SINGLE_SQRT_HALF_BITS)) | 0 : (highWord(x) + (0x3ff00000 - DOUBLE_SQRT_HALF_HIGH)) | 0
}

/** From splitBits: the unbiased exponent e of x = 2^e·m … */
function exponentOfSplit(p: Precision, split: number): number {
  return p.single ? (split >> 23) - 127 : (split >> 20) - 1023
}

/** … and the mantissa m in [√½, √2) (for float64 the low word is x's own). */
function mantissaOfSplit(p: Precision, split: number, x: number): number {
  return p.single
    ? singleOfBits((split & 0x007fffff) + SINGLE_SQRT_HALF_BITS)
    : doubleOfWords((split & 0x000fffff) + DOUBLE_SQRT_HALF_HIGH, lowWord(x))
}

// wasm's pmin/pmax, written out: NaN in `a` passes through.
const pmin = (a: number, b: number) => (b < a ? b : a)
const pmax = (a: number, b: number) => (a < b ? b : a)

function clamp(x: number, low: number, high: number): number { return pmax(pmin(x, high), low) }

/** e^r − 1 = r + r²/2 + r³·P(r) with r = x − n·ln2; `rounded` = n + magic. */
function expMinusOneOfReduced(p: Precision, x: number, rounded: number): number {
  const n = round(p, rounded - p.magic)
  const r = round(p, round(p, x - round(p, n * p.ln2High)) - round(p, n * p.ln2Low))
  return round(p, horner(p, p.expMinusOneCoefficients, r) * r)
}

function roundedMultipleOfLn2(p: Precision, x: number): number {
  return round(p, round(p, x * round(p, 1.4426950408889634)) + p.magic)
}

/** e^r for the remainder r of x; `rounded` = n + magic. */
function expOfRemainder(p: Precision, x: number, rounded: number): number {
  return round(p, expMinusOneOfReduced(p, x, rounded) + 1)
}

function expInRange(p: Precision, x: number): number {
  const rounded = roundedMultipleOfLn2(p, x)
  const e = expOfRemainder(p, x, rounded)
  const n = integerOfRounded(p, rounded)
  const half = n >> 1
  return round(p, round(p, e * powerOfTwo(p, half)) * powerOfTwo(p, n - half))
}

function exp(p: Precision, x: number): number {
  return x === x ? expInRange(p, clamp(x, p.expLow, p.expHigh)) : x
}

/** (e^x − 1)/2 = (2^(n−1) − ½) + 2^(n−1)·(e^r − 1). */
function halfExpMinusOneInRange(p: Precision, x: number): number {
  const rounded = roundedMultipleOfLn2(p, x)
  const q = expMinusOneOfReduced(p, x, rounded)
  const halfScale = powerOfTwo(p, integerOfRounded(p, rounded) - 1)   // wasm: powerOfTwoOfRounded(rounded, −1)
  return round(p, round(p, halfScale - 0.5) + round(p, halfScale * q))
}

function expm1(p: Precision, x: number): number {
  const half = halfExpMinusOneInRange(p, clamp(x, p.expm1Low, p.expHigh))
  return Math.abs(x) >= p.expm1Tiny ? round(p, half + half) : x
}

function tanh(p: Precision, x: number): number {
  if (x !== x) return x
  const magnitude = pmin(Math.abs(x), p.tanhHigh)
  const h = halfExpMinusOneInRange(p, round(p, magnitude + magnitude))
  const positive = round(p, h / round(p, h + 1))
  return x < 0 || Object.is(x, -0) ? -positive : positive
}

/** e^x for x in [expLow, 0] as (2^(n+64)·e^r)·2^−64. */
function expOfNonPositive(p: Precision, x: number): number {
  const rounded = roundedMultipleOfLn2(p, x)
  const e = expOfRemainder(p, x, rounded)
  return round(p, round(p, e * powerOfTwo(p, integerOfRounded(p, rounded) + 64)) * 5.421010862427522e-20)
}

function sigmoid(p: Precision, x: number): number {
  if (x !== x) return x
  const decay = expOfNonPositive(p, pmax(pmin(x, -x), p.expLow))
  return round(p, pmax(decay, x >= 0 ? 1 : 0) / round(p, 1 + decay))
}

/** log x + extra; see logPlus in assembly/logarithm.ts. */
function logPlus(p: Precision, x: number, extra: number): number {
  const subnormal = x < p.smallestNormal
  const normal = subnormal ? round(p, x * p.subnormalScale) : x
  const split = splitBits(p, normal)
  const e = exponentOfSplit(p, split) - (subnormal ? p.subnormalShift : 0)
  const m = mantissaOfSplit(p, split, normal)

  const f = round(p, m - 1)
  const s = round(p, f / round(p, 2 + f))
  const halfSquare = round(p, round(p, 0.5 * f) * f)
  const z = round(p, s * s)
  const remainder = round(p, horner(p, p.atanhRemainderCoefficients, z) * z)
  const lowOrder = round(p, round(p, e * p.ln2Low) + extra)
  const correction = round(p, round(p, s * round(p, halfSquare + remainder)) + lowOrder)
  const result = round(p, round(p, e * p.ln2High) - round(p, round(p, halfSquare - correction) - f))

  if (x > 0 && x < Infinity) return result
  return x === 0 ? -Infinity : x < 0 ? NaN : x
}

function log(p: Precision, x: number): number { return logPlus(p, x, 0) }

/** log u + c/u with u = 1 + x rounded and c its exact rounding error (TwoSum). */
function log1p(p: Precision, x: number): number {
  const u = round(p, 1 + x)
  const xPart = round(p, u - 1)
  const roundingError = round(p, round(p, 1 - round(p, u - xPart)) + round(p, x - xPart))
  return u === 1 ? x : logPlus(p, u, round(p, roundingError / u))
}

const TRIG_LIMIT = 1125899906842624   // 2^50: beyond it the reduction is meaningless and the result is NaN
const SIN_IS_X_BELOW = 7.450580596923828e-9   // 2^−27: sin x rounds to x

/** sin(x + quarterTurns·π/2) in float64 with the polynomials of precision p; see assembly/trigonometric.ts. */
function sinOfQuarterTurns(p: Precision, x: number, quarterTurns: number): number {
  const magnitude = Math.abs(x)
  const notSmall = magnitude >= (quarterTurns === 0 ? SIN_IS_X_BELOW : 0)
  if (!(notSmall && magnitude <= TRIG_LIMIT)) return notSmall ? NaN : x
  const rounded = x * 0.6366197723675814 + 6755399441055744
  const k = rounded - 6755399441055744
  let r = x - k * 1.570796251296997   // π/2 in four Cody–Waite parts
  r = (r - k * 7.549789415861596e-8) - k * 5.390302529957765e-15
  r -= k * 3.2820035428735005e-22
  const z = r * r
  const sine = r + (r * z) * horner(double, p.sinCoefficients, z)
  const cosine = horner(double, p.cosCoefficients, z)
  const quadrant = (lowWord(rounded) + quarterTurns) | 0
  const value = (quadrant & 1) !== 0 ? cosine : sine
  return (quadrant & 2) !== 0 ? -value : value
}

export const expF32 = (x: number): number => exp(single, x)
export const expF64 = (x: number): number => exp(double, x)
export const expm1F32 = (x: number): number => expm1(single, x)
export const expm1F64 = (x: number): number => expm1(double, x)
export const logF32 = (x: number): number => log(single, x)
export const logF64 = (x: number): number => log(double, x)
export const log1pF32 = (x: number): number => log1p(single, x)
export const log1pF64 = (x: number): number => log1p(double, x)
export const tanhF32 = (x: number): number => tanh(single, x)
export const tanhF64 = (x: number): number => tanh(double, x)
export const sigmoidF32 = (x: number): number => sigmoid(single, x)
export const sigmoidF64 = (x: number): number => sigmoid(double, x)
export const sinF32 = (x: number): number => Math.fround(sinOfQuarterTurns(single, x, 0))
export const sinF64 = (x: number): number => sinOfQuarterTurns(double, x, 0)
export const cosF32 = (x: number): number => Math.fround(sinOfQuarterTurns(single, x, 1))
export const cosF64 = (x: number): number => sinOfQuarterTurns(double, x, 1)
