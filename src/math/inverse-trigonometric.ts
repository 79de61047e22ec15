// arctan and arcsin in float64 from + − × ÷ and √ alone (IEEE-exact), so every engine gives the same bits — the engines'
// Math.atan and Math.asin are not specified to the last bit. Argument halving, atan(x) = 2·atan(x / (1 + √(1 + x²))),
// three times brings |x| ≤ tan(π/32) ≈ 0.0985, then the odd Taylor series to x²⁷ (its next term is below 2⁻⁵⁴·|x|),
// and the doublings back. Accuracy against numpy: scripts/fixtures/math_reference.py (tests/math.test.ts).

const HALVINGS = 3
const TERMS = 14   // x, x³, …, x²⁷

function atanSmall(x: number): number {
  const x2 = x * x
  let sum = 0
  for (let k = TERMS - 1; k >= 0; k--) sum = (k % 2 === 0 ? 1 : -1) / (2 * k + 1) + x2 * sum
  return x * sum
}

/** arctan(x) in float64; ±π/2 at ±Infinity, NaN for NaN. */
export function atanF64(x: number): number {
  if (x !== x) return NaN
  if (x === Infinity) return Math.PI / 2
  if (x === -Infinity) return -Math.PI / 2
  // large |x|: atan(x) = ±π/2 − atan(1/x) keeps x² from overflowing
  if (Math.abs(x) > 1) return (x > 0 ? Math.PI / 2 : -Math.PI / 2) - atanF64(1 / x)
  let t = x
  for (let k = 0; k < HALVINGS; k++) t = t / (1 + Math.sqrt(1 + t * t))
  return atanSmall(t) * 2 ** HALVINGS
}

/** arcsin(x) for |x| ≤ 1 (NaN beyond), as arctan(x / √(1 − x²)). */
export function asinF64(x: number): number {
  if (!(Math.abs(x) <= 1)) return NaN
  if (x === 1) return Math.PI / 2
  if (x === -1) return -Math.PI / 2
  return atanF64(x / Math.sqrt((1 - x) * (1 + x)))
}
