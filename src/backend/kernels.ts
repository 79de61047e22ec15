// The one kernel contract. Two implementations: src/backend/js (plain TypeScript, the specification)
// and src/backend/wasm (AssemblyScript SIMD). For the same inputs both must give the same bits.
// Kernels trust their inputs: shapes, lengths, dtypes and memory ownership are checked once by the
// validating façade (validate.ts) or by the tensor layer, never here.

// The name lists come from the kernel-index table (kernel-indices.ts), which the wasm kernels compile
// against too: a name's position in its list is the index its wasm kernel takes.
import { ActivationIndex, BsplineOutsideIndex, MathIndex, UnaryIndex } from './kernel-indices'

export type FloatArray = Float32Array | Float64Array
export type DType = 'float32' | 'float64'

/** A numeric enum's names in index order (its reverse mapping, index → name, lists them that way). */
function namesInIndexOrder<Name extends string>(table: Record<Name, number>): readonly Name[] {
  return Object.values<string | number>(table).filter((value): value is Name => typeof value === 'string')
}

/** Activations with a fused backward. `alpha` is only read by leakyRelu (negative slope). */
export type ActivationName = keyof typeof ActivationIndex
export const activationNames = namesInIndexOrder<ActivationName>(ActivationIndex)

/** curvenet's own transcendentals, elementwise. */
export type MathName = keyof typeof MathIndex
export const mathNames = namesInIndexOrder<MathName>(MathIndex)

/** What the B-spline kernels give for x outside the domain [knots[degree], knots[knotCount − degree − 1]]:
 *  'extrapolate' evaluates the end span's polynomial (scipy's default), 'zero' gives all basis values 0. */
export type BsplineOutside = keyof typeof BsplineOutsideIndex
export const bsplineOutsideNames = namesInIndexOrder<BsplineOutside>(BsplineOutsideIndex)
/** The highest B-spline degree the kernels take (their working vectors are sized for it). */
export const bsplineMaxDegree = 5

/** Elementwise functions that need no transcendental: exact in IEEE arithmetic on both backends. */
export type UnaryName = keyof typeof UnaryIndex
export const unaryNames = namesInIndexOrder<UnaryName>(UnaryIndex)

export interface SgdOptions {
  lr: number
  momentum: number       // 0 turns the velocity buffer off (it is then neither read nor written)
  weightDecay: number    // L2 added to the gradient: g + weightDecay·p
  nesterov: boolean
}

export interface AdamOptions {
  lr: number
  beta1: number
  beta2: number
  eps: number
  weightDecay: number
  decoupled: boolean       // true: AdamW (p -= lr·wd·p before the Adam update); false: L2 into g
  biasCorrection1: number  // 1 − beta1^t, computed by the caller by repeated multiplication
  biasCorrection2: number  // 1 − beta2^t
}

/** The sizes of one KAN layer call (kanForward, kanBackward). uniform is not read by kanBackward. */
export interface KanLayout {
  batch: number
  inputSize: number
  outputSize: number
  /** Knots per input (grid + 2·degree + 1 for a KAN grid); the basis has knotCount − degree − 1 functions. */
  knotCount: number
  degree: number
  /** Every input's knots equally spaced: spans by an O(1) guess (bsplineBasis's flag; the results are the same either way). */
  uniform: boolean
  /** out and gradOut per edge [batch × inputSize × outputSize] instead of summed over inputs [batch × outputSize]. */
  edges: boolean
}

/**
 * Every kernel writes its first argument(s) and returns nothing but the loss value where stated.
 * All arrays of one call share one dtype (Float32Array or Float64Array); f32 arithmetic rounds
 * every operation to float32. Row-major everywhere. Sizes are element counts, not bytes.
 */
export interface Kernels {
  /** out[m×n] = a[m×k]·b[k×n], m, k, n ≥ 1. out must not overlap a or b. Each out[i,j] = ((0 + a[i,0]b[0,j]) + a[i,1]b[1,j]) + … in k order;
   *  a NaN result is stored as the canonical NaN (which NaN an add returns from two differs between engines and JIT tiers). */
  matmul(out: FloatArray, a: FloatArray, b: FloatArray, m: number, k: number, n: number): void
  /** out[m×n] = aᵀ·b with a stored [k×m]. Same summation order over k, same NaN rule. No overlap. */
  matmulTransposeA(out: FloatArray, a: FloatArray, b: FloatArray, m: number, k: number, n: number): void
  /** out[m×n] = a·bᵀ with b stored [n×k]. Same summation order over k, same NaN rule. No overlap. */
  matmulTransposeB(out: FloatArray, a: FloatArray, b: FloatArray, m: number, k: number, n: number): void

  /** out[i] = a[i] ∘ b[i] for i < n. out may be a or b (exact alias), never a partial overlap. */
  add(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void
  sub(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void
  mul(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void
  div(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void
  /** out[i] = a[i]·s (s rounded to the dtype first). out may be a. */
  scale(out: FloatArray, a: FloatArray, s: number, n: number): void
  /** out[r×c] = a[r×c] + bias[c] broadcast over rows. out may be a. */
  addRowBias(out: FloatArray, a: FloatArray, bias: FloatArray, rows: number, cols: number): void
  /** out[r] = Σ_c a[r,c], c ascending from 0. out must not overlap a. */
  sumRows(out: FloatArray, a: FloatArray, rows: number, cols: number): void
  /** out[c] = Σ_r a[r,c], r ascending from 0. out must not overlap a. */
  sumColumns(out: FloatArray, a: FloatArray, rows: number, cols: number): void

  /** out[i] = f(x[i]). out may be x. */
  activationForward(name: ActivationName, out: FloatArray, x: FloatArray, n: number, alpha: number): void
  /** gradX[i] = gradY[i]·f'(x[i]) where y = f(x) is the forward output (used by sigmoid, tanh). gradX may be gradY. */
  activationBackward(name: ActivationName, gradX: FloatArray, gradY: FloatArray, x: FloatArray, y: FloatArray, n: number, alpha: number): void
  /** out[i] = exp/log/tanh/sigmoid/sin/cos/expm1/log1p(x[i]) by curvenet's own algorithms. out may be x. */
  math(name: MathName, out: FloatArray, x: FloatArray, n: number): void

  /** out[i] = |x[i]|, √x[i] (correctly rounded) or sign(x[i]) (±1, and ±0 and NaN kept). out may be x. */
  unary(name: UnaryName, out: FloatArray, x: FloatArray, n: number): void
  /** out[i] = x < low ? low : (x > high ? high : x), compare-and-select so NaN stays NaN. out may be x. */
  clamp(out: FloatArray, x: FloatArray, low: number, high: number, n: number): void
  /** gradX[i] = low ≤ x[i] ≤ high ? gradY[i] : 0 (the clamp's gradient). gradX may be gradY. */
  clampBackward(gradX: FloatArray, gradY: FloatArray, x: FloatArray, low: number, high: number, n: number): void

  /** Row-wise softmax of x[r×c], max-subtracted; each row's sum runs in c order. out may be x. A NaN or +∞ in a row makes that row NaN. */
  softmax(out: FloatArray, x: FloatArray, rows: number, cols: number): void
  /** Mean of (p−t)² over n; grad[i] = 2(p[i]−t[i])/n. Returns the loss. grad must not overlap inputs. */
  mseLoss(grad: FloatArray, pred: FloatArray, target: FloatArray, n: number): number
  /** Mean binary cross-entropy of sigmoid(logits) against targets in [0,1], computed stably from logits; grad = (σ(x)−t)/n. grad must not overlap inputs. */
  bceWithLogitsLoss(grad: FloatArray, logits: FloatArray, target: FloatArray, n: number): number
  /** Mean over rows of −Σ_c t[r,c]·logSoftmax(x)[r,c] (t: probabilities, e.g. one-hot); grad = (softmax(x) − t)/rows. grad must not overlap inputs. Sums in c, then r order. */
  softmaxCrossEntropyLoss(grad: FloatArray, logits: FloatArray, target: FloatArray, rows: number, cols: number): number
  /** As above with integer class labels[r] in [0, cols). */
  softmaxCrossEntropySparseLoss(grad: FloatArray, logits: FloatArray, labels: Int32Array, rows: number, cols: number): number

  /** In place: params −= lr·update, with velocity (length n) updated when momentum ≠ 0. No two arrays may overlap. Exact operation order: js/optim.ts. */
  sgdStep(params: FloatArray, grads: FloatArray, velocity: FloatArray, n: number, options: SgdOptions): void
  /** In place Adam/AdamW: m, v (length n) updated; params −= lr·m̂/(√v̂ + eps). No two arrays may overlap. Exact operation order: js/optim.ts. */
  adamStep(params: FloatArray, grads: FloatArray, m: FloatArray, v: FloatArray, n: number, options: AdamOptions): void

  /** B-spline basis of `degree` (0…5) on knots[knotCount] (non-decreasing; n = knotCount − degree − 1 ≥ degree + 1 functions;
   *  the domain's first and last spans non-empty) at x[count]: spans[i] = the span s in [degree, n−1] with knots[s] ≤ x < knots[s+1]
   *  (the right end of the domain in the last span), values[i×(degree+1) + r] = B_{s−degree+r}(x[i]), and, unless derivatives is
   *  null, derivatives[same] = dB/dx. Outside the domain: the end span's polynomial, or +0 for outside = 'zero'. A NaN result is
   *  stored as the canonical NaN. `uniform` only picks the span search (O(1) guess + exact correction, or binary search): the
   *  results are the same either way. Outputs must not overlap each other or the inputs. Order of operations: src/math/bspline.ts. */
  bsplineBasis(spans: Int32Array, values: FloatArray, derivatives: FloatArray | null, x: FloatArray, count: number,
    knots: FloatArray, knotCount: number, degree: number, outside: BsplineOutside, uniform: boolean): void
  /** out[i×dimension + d] = Σ_r values[i,r]·coefficients[(spans[i] − degree + r)×dimension + d], r ascending from 0 (starting at 0),
   *  with spans/values as bsplineBasis computes them; coefficients [n × dimension]. A NaN result is stored as the canonical NaN.
   *  out must not overlap an input. */
  bsplineEvaluate(out: FloatArray, x: FloatArray, count: number, knots: FloatArray, knotCount: number,
    coefficients: FloatArray, dimension: number, degree: number, outside: BsplineOutside, uniform: boolean): void

  /** One KAN layer (efficient formulation). For each block of 64 samples and each input i in turn: the basis of x[block, i] on
   *  knots[i×knotCount …] (bsplineBasis, outside 'extrapolate') into spans[i×batch + b] and the rows values[(i×batch + b)×(degree+1) …]
   *  (and derivatives, unless null: the cache kanBackward reads), rows set to +0 where x[b,i] lies beyond the first or last knot;
   *  then for every sample b of the block and output o, with c = coefficients:
   *    spline = Σ_r values_r·c[i, span − degree + r, o]  (r ascending, from 0),
   *    term = baseScale[i,o]·baseValues[b,i] + splineScale[i,o]·spline  (without a base: splineScale[i,o]·spline),
   *    out[b,o] = Σ_i term  (i ascending, from 0), or per edge out[b,i,o] = term when layout.edges.
   *  Layout: x, baseValues [batch × inputSize]; knots [inputSize × knotCount]; coefficients [inputSize × basisCount × outputSize]
   *  (basisCount = knotCount − degree − 1: the layer's [out][in][basis] by input); splineScale, baseScale [inputSize × outputSize];
   *  baseValues and baseScale both null for no base branch. A NaN result is canonical. Outputs overlap nothing. */
  kanForward(out: FloatArray, spans: Int32Array, values: FloatArray, derivatives: FloatArray | null, x: FloatArray, knots: FloatArray,
    coefficients: FloatArray, splineScale: FloatArray, baseValues: FloatArray | null, baseScale: FloatArray | null, layout: KanLayout): void
  /** The gradients of kanForward from gradOut (its out's shape) and its basis cache (spans, values, derivatives), each sum over
   *  samples b ascending from 0, with g = gradOut[b,o] (or [b,i,o]):
   *    gradCoefficients[i, span − degree + r, o] = Σ_b (g·splineScale[i,o])·values_r,  gradSplineScale[i,o] = Σ_b g·spline,
   *    gradBaseScale[i,o] = Σ_b g·baseValues[b,i];
   *  and each sum over outputs o ascending from 0: gradBaseValues[b,i] = Σ_o g·baseScale[i,o] (unless null) and, unless null,
   *    gradX[b,i] = Σ_o g·(splineScale[i,o]·slope), slope = Σ_r derivatives_r·c[i, span − degree + r, o] (the spline part only:
   *    a base branch reaches x through baseValues). Layouts as kanForward; gradX, gradBaseValues [batch × inputSize].
   *  Every output is written whole; a NaN is canonical; outputs overlap nothing. */
  kanBackward(gradX: FloatArray | null, gradBaseValues: FloatArray | null, gradCoefficients: FloatArray, gradSplineScale: FloatArray,
    gradBaseScale: FloatArray | null, gradOut: FloatArray, spans: Int32Array, values: FloatArray, derivatives: FloatArray | null,
    coefficients: FloatArray, splineScale: FloatArray, baseValues: FloatArray | null, baseScale: FloatArray | null, layout: KanLayout): void

  /** out[count×dimension]: the Bezier with control points[(degree+1)×dimension] at ts[count], degree 0…bezierMaxDegree, any t
   *  (also outside [0, 1]). Bernstein weights by the triangle of src/math/bernstein.ts, then out[p,j] = (w0·P[0,j] + w1·P[1,j]) + … in i order;
   *  a NaN result is canonical. out must not overlap points or ts. */
  bezierEvaluate(out: FloatArray, points: FloatArray, ts: FloatArray, degree: number, dimension: number, count: number): void
  /** out[count×(degree+1)] = B_{i,degree}(ts[p]), the weights bezierEvaluate uses (∂point/∂P_i). out must not overlap ts. */
  bernsteinBasis(out: FloatArray, ts: FloatArray, degree: number, count: number): void
}

/** The highest degree the Bezier kernels take (their weights use 16·(degree+1) bytes of wasm scratch). */
export const bezierMaxDegree = 1024
