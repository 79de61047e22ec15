// bezierAct(width, { degree, range }): a learnable Bezier curve per unit. With t = (x − lo)/(hi − lo),
//   y[b, u] = Σ_i c[u, i]·B_{i,n}(t)   (Bernstein basis of degree n, the bernsteinBasis kernel).
// Outside [lo, hi] each curve continues along its end tangent: the polynomial itself would blow up
// (t^n) and a flat clamp would stop the gradient to x, while the tangent keeps the curve C¹.
// The coefficients start on a straight line, c[u, i] = lo + (hi − lo)·i/n, so every curve starts as
// the identity (Bernstein polynomials reproduce lines), also outside the range.
import { roundingOfDtype } from '../math/precision'
import type { Tensor } from '../tensor/tensor'
import { bezierMaxDegree } from '../backend/kernels'
import { tensor } from '../tensor/create'
import { formatShape } from '../tensor/shape'
import { record } from '../autograd/tape'
import { empty } from '../tensor/allocate'
import { div, expand, sub } from '../ops/arithmetic'
import { checkPositiveInteger, type BuildContext, type Layer } from './layer'
import { checkOptions } from '../check/names'

export interface BezierActOptions {
  /** The curves' degree n (n + 1 coefficients per unit), 1…1024; default 6. */
  degree?: number
  /** The x interval mapped onto t ∈ [0, 1]; default [−1, 1]. */
  range?: [number, number]
}

/**
 * The Bernstein weights of t [count], continued linearly beyond [0, 1]: rows [count × (n+1)] with
 * E(t) = B(0) + t·B′(0) for t < 0 and B(1) + (t − 1)·B′(1) for t > 1, where B(0) = e₀, B(1) = eₙ,
 * B′(0) = n·(e₁ − e₀) and B′(1) = n·(eₙ − eₙ₋₁). Also returns t clamped to [0, 1].
 */
function extendedBernstein(t: Tensor, degree: number): { weights: Tensor; clamped: Tensor } {
  const { context, dtype } = t
  const width = degree + 1
  const weights = empty(context, dtype, [t.size, width]), clamped = empty(context, dtype, [t.size])
  const { kernels } = context
  kernels.clamp(clamped.data, t.data, 0, 1, t.size)
  kernels.bernsteinBasis(weights.data, clamped.data, degree, t.size)
  const round = roundingOfDtype(dtype)
  const ts = t.data, inside = clamped.data, rows = weights.data
  for (let p = 0; p < t.size; p++) {
    const overshoot = round(ts[p] - inside[p])   // how far t lies beyond an end; 0 inside [0, 1]
    if (overshoot === 0 || overshoot !== overshoot) continue   // inside, or NaN (its weights are NaN already)
    const step = round(degree * overshoot)
    const row = p * width
    rows.fill(0, row, row + width)
    if (overshoot < 0) {
      rows[row] = round(1 - step)
      rows[row + 1] = step
    } else {
      rows[row + degree - 1] = -step
      rows[row + degree] = round(1 + step)
    }
  }
  return { weights, clamped }
}

/**
 * y[b, u] = Σ_i c[u, i]·E_i(t[b, u]) for t [batch × width] and coefficients c [width × (n+1)], E the
 * extended Bernstein weights; sums run over i ascending (the sumRows kernel).
 *   dL/dc[u, i] = Σ_b G[b, u]·E_i(t[b, u])    (b ascending)
 *   dL/dt[b, u] = G[b, u]·Σ_i B_{i,n−1}(clamp(t))·h[u, i],  h[u, i] = n·(c[u, i+1] − c[u, i])
 * (the hodograph: inside it is the curve's slope, outside the end tangent's, which is the same there).
 */
function bernsteinCurves(t: Tensor, coefficients: Tensor): Tensor {
  const [batch, width] = t.shape
  const degree = coefficients.shape[1] - 1
  const { context, dtype } = t
  const { kernels } = context
  const shape3 = [batch, width, degree + 1]
  const { weights, clamped } = extendedBernstein(t, degree)
  const tiled = expand(coefficients, 'row', shape3)
  const terms = empty(context, dtype, shape3), out = empty(context, dtype, [batch, width])
  kernels.mul(terms.data, weights.data, tiled.data, terms.size)
  kernels.sumRows(out.data, terms.data, t.size, degree + 1)
  return record(out, 'bernsteinCurves', [t, coefficients], (grad) => {
    let gradT: Tensor | null = null, gradCoefficients: Tensor | null = null
    if (coefficients.requiresGrad) {
      const spread = expand(grad, 'column', shape3)
      const products = empty(context, dtype, shape3)
      gradCoefficients = empty(context, dtype, coefficients.shape)
      kernels.mul(products.data, spread.data, weights.data, products.size)
      kernels.sumColumns(gradCoefficients.data, products.data, batch, width * (degree + 1))
    }
    if (t.requiresGrad) {
      const hodograph = empty(context, dtype, [width, degree])
      const round = roundingOfDtype(dtype)
      const c = coefficients.data, h = hodograph.data
      for (let u = 0; u < width; u++) {
        for (let i = 0; i < degree; i++) h[u * degree + i] = round(degree * round(c[u * (degree + 1) + i + 1] - c[u * (degree + 1) + i]))
      }
      const lowerShape = [batch, width, degree]
      const lower = empty(context, dtype, lowerShape), tiledHodograph = expand(hodograph, 'row', lowerShape)
      const slopeTerms = empty(context, dtype, lowerShape)
      gradT = empty(context, dtype, t.shape)
      kernels.bernsteinBasis(lower.data, clamped.data, degree - 1, t.size)
      kernels.mul(slopeTerms.data, lower.data, tiledHodograph.data, slopeTerms.size)
      kernels.sumRows(gradT.data, slopeTerms.data, t.size, degree)
      kernels.mul(gradT.data, gradT.data, grad.data, t.size)
    }
    return [gradT, gradCoefficients]
  })
}

export class BezierAct implements Layer {
  readonly kind = 'bezierAct'
  coefficients: Tensor | undefined
  readonly degree: number
  readonly range: [number, number]

  constructor(readonly width: number, options?: BezierActOptions) {
    checkPositiveInteger('bezierAct', 'width', width)
    const given = checkOptions('bezierAct', options, ['degree', 'range'])
    this.degree = given.degree === undefined ? 6 : checkPositiveInteger('bezierAct', 'degree', given.degree)
    if (this.degree > bezierMaxDegree) throw new RangeError(`bezierAct: degree must be at most ${bezierMaxDegree}, got ${this.degree}`)
    const range = given.range ?? [-1, 1]
    if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
      throw new RangeError(`bezierAct: range must be [low, high] with finite low < high, got ${JSON.stringify(range)}`)
    }
    this.range = [range[0], range[1]]
  }

  build(context: BuildContext): void {
    const [low, high] = this.range
    const line = Array.from({ length: this.degree + 1 }, (_, i) => low + ((high - low) * i) / this.degree)
    const values = Float64Array.from({ length: this.width * (this.degree + 1) }, (_, k) => line[k % (this.degree + 1)])
    this.coefficients = tensor(values, { dtype: context.dtype, shape: [this.width, this.degree + 1], requiresGrad: true })
  }

  get parameters(): Tensor[] {
    return this.coefficients ? [this.coefficients] : []
  }

  parameterShapes(): number[][] {
    return [[this.width, this.degree + 1]]
  }

  forward(x: Tensor): Tensor {
    if (!this.coefficients) throw new Error('bezierAct: the layer is not built; put it in a sequential([...]) model (which builds it)')
    if (x.rank !== 2 || x.shape[1] !== this.width) {
      throw new RangeError(`bezierAct(${this.width}): expected input [batch, ${this.width}], got ${formatShape(x.shape)}`)
    }
    const [low, high] = this.range
    return bernsteinCurves(div(sub(x, low), high - low), this.coefficients)
  }

  config(): Record<string, unknown> {
    return { width: this.width, degree: this.degree, range: [...this.range] }
  }
}

export function bezierAct(width: number, options?: BezierActOptions): BezierAct {
  return new BezierAct(width, options)
}
