// Moving a KAN layer's knots to its data, in float64 (the same bits on every backend: only +, −, ×, ÷ and √). Knots, per
// input: the samples' percentiles blended with a uniform grid over their range by gridEps, extended by `order` intervals of
// their mean width at each end (as pykan and efficient-kan, which also widen the uniform grid by a 0.01 margin: not needed
// here, where the end polynomials continue into the extension, and costly at large grids, where it widens the end intervals).
// Coefficients: per edge, the least-squares spline on the new knots through the old spline's values at the samples — the
// banded normal equations of one input are factored once (banded Cholesky) and solved for all its outputs at once.
import { basisRows } from '../curves/bspline-batch'
import { choleskyBanded, NotPositiveDefiniteError, solveCholeskyBanded } from '../curves/banded'

/** λ on the normal equations' diagonal, relative to its mean: coefficients without data go to 0 instead of failing. */
const RELATIVE_RIDGE = 1e-10

/** grid + 2·order + 1 knots for sorted finite samples (see the file comment), or null where they would not increase: samples
 *  with (nearly) no spread, such as a hidden node that sparsity training has made constant. */
export function adaptiveKnots(sorted: Float64Array, grid: number, order: number, gridEps: number): Float64Array | null {
  const count = sorted.length
  const low = sorted[0], high = sorted[count - 1]
  const knots = new Float64Array(grid + 2 * order + 1)
  for (let j = 0; j <= grid; j++) {
    const percentile = j === grid ? high : sorted[Math.floor((count / grid) * j)]
    const uniform = low + ((high - low) * j) / grid
    knots[order + j] = gridEps * uniform + (1 - gridEps) * percentile
  }
  const step = (knots[order + grid] - knots[order]) / grid
  for (let k = 1; k <= order; k++) {
    knots[order - k] = knots[order] - k * step
    knots[order + grid + k] = knots[order + grid] + k * step
  }
  for (let j = 1; j < knots.length; j++) if (!(knots[j - 1] < knots[j])) return null
  return knots
}

/**
 * The splines of degree `order` on `knots` at every sample, one column per output, as kanTransform has them: the end
 * polynomials continue to the knot vector's ends, zero beyond. Output o's coefficients are coefficients[first + o·outputStride + j]
 * for j < knots.length − order − 1. Returns [samples × outputs].
 */
export function splineValues(where: string, samples: Float64Array, knots: Float64Array, order: number, coefficients: ArrayLike<number>,
  first: number, outputStride: number, outputs: number, uniform: boolean): Float64Array {
  const { spans, values } = basisRows(where, 'float64', samples, knots, order, 'extrapolate', uniform)
  const width = order + 1
  const out = new Float64Array(samples.length * outputs)
  for (let b = 0; b < samples.length; b++) {
    if (samples[b] < knots[0] || samples[b] > knots[knots.length - 1]) continue
    for (let o = 0; o < outputs; o++) {
      const row = first + o * outputStride + spans[b] - order
      let total = 0
      for (let r = 0; r < width; r++) total += values[b * width + r] * coefficients[row + r]
      out[b * outputs + o] = total
    }
  }
  return out
}

/**
 * Least-squares coefficients on `knots` for targets [samples × columns] (one column per output): returns [basisCount × columns].
 * The normal equations BᵀB·C = Bᵀ·targets are sums over the samples in order.
 */
export function fitColumns(where: string, samples: Float64Array, targets: Float64Array, columns: number, knots: Float64Array, order: number): Float64Array {
  const { spans, values } = basisRows(where, 'float64', samples, knots, order, 'extrapolate', false)
  const width = order + 1, basisCount = knots.length - order - 1
  const band = new Float64Array(basisCount * width)
  const solution = new Float64Array(basisCount * columns)
  for (let b = 0; b < samples.length; b++) {
    const first = spans[b] - order
    for (let a = 0; a < width; a++) {
      const weight = values[b * width + a]
      for (let c = a; c < width; c++) band[(first + a) * width + (c - a)] += weight * values[b * width + c]
      for (let column = 0; column < columns; column++) solution[(first + a) * columns + column] += weight * targets[b * columns + column]
    }
  }
  let trace = 0
  for (let j = 0; j < basisCount; j++) trace += band[j * width]
  for (let j = 0; j < basisCount; j++) band[j * width] += (RELATIVE_RIDGE * trace) / basisCount
  try {
    choleskyBanded(band, basisCount, order)
  } catch (error) {
    if (error instanceof NotPositiveDefiniteError) throw new RangeError(`${where}: the least-squares refit failed at coefficient ${error.row}; the samples are degenerate`)
    throw error
  }
  solveCholeskyBanded(band, basisCount, order, solution, columns)
  return solution
}
