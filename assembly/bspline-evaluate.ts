// B-spline curve evaluation, f32x4 and f64x2: out[i, ·] = Σ_r N_r(x[i])·coefficients[span − degree + r, ·] over the basis
// of bspline.ts (one lane per input, each on its own span). Layout: raw byte offsets; x[count], coefficients
// [n × dimension], out [count × dimension], row-major. Outputs overlap nothing. Must equal src/math/bspline.ts bit for bit.
import { basisOfBlock, element, gather, writeDomain } from './bspline'
import { canonicalLanes } from './lanes'
import { BASIS, SPANS, SUMS } from './thread-scratch'

/**
 * out[i, d] = Σ_r BASIS[r]·coefficients[span − degree + r, d], r ascending, starting from 0: for a dimension below the
 * lane count, vectors across inputs with gathered coefficients (one per coordinate); otherwise per input, vectors
 * across d (and a scalar tail of d).
 */
// @ts-ignore: decorator
@inline function evaluate<T>(out: usize, x: usize, count: i32, knots: usize, knotCount: i32, coefficients: usize,
  dimension: i32, degree: i32, outside: i32, uniform: bool): void {
  const lanes = 16 / sizeof<T>()
  const last = writeDomain<T>(knots, knotCount, degree, outside)
  for (let start = 0; start < count; start += lanes) {
    const active = min(lanes, count - start)
    basisOfBlock<T>(x, start, active, knots, degree, last, uniform, false)
    if (dimension < lanes) {
      for (let d = 0; d < dimension; d++) {
        let total = v128.splat<T>(0)
        for (let r = 0; r <= degree; r++) {
          total = v128.add<T>(total, v128.mul<T>(v128.load(BASIS + r * 16), gather<T>(coefficients + (<usize>d << alignof<T>()), r - degree, dimension)))
        }
        if (dimension == 1 && active == lanes) {
          v128.store(out + (<usize>start << alignof<T>()), canonicalLanes<T, v128>(total))   // a whole block of contiguous outputs
        } else {
          v128.store(SUMS, canonicalLanes<T, v128>(total))
          for (let lane = 0; lane < active; lane++) {
            store<T>(out + (<usize>((start + lane) * dimension + d) << alignof<T>()), load<T>(SUMS + lane * sizeof<T>()))
          }
        }
      }
      continue
    }
    for (let lane = 0; lane < active; lane++) {
      const rows = coefficients + (<usize>((load<i32>(SPANS + lane * 4) - degree) * dimension) << alignof<T>())
      const outRow = out + (<usize>((start + lane) * dimension) << alignof<T>())
      let d = 0
      for (; d + lanes <= dimension; d += lanes) {
        let total = v128.splat<T>(0)
        for (let r = 0; r <= degree; r++) {
          const weight = v128.splat<T>(load<T>(BASIS + r * 16 + lane * sizeof<T>()))
          total = v128.add<T>(total, v128.mul<T>(weight, v128.load(rows + (<usize>(r * dimension + d) << alignof<T>()))))
        }
        v128.store(outRow + (<usize>d << alignof<T>()), canonicalLanes<T, v128>(total))
      }
      for (; d < dimension; d++) {
        let total: T = 0
        for (let r = 0; r <= degree; r++) {
          total += load<T>(BASIS + r * 16 + lane * sizeof<T>()) * element<T>(rows, r * dimension + d)
        }
        store<T>(outRow + (<usize>d << alignof<T>()), canonicalLanes<T, T>(total))
      }
    }
  }
}

/** outside = an index of BsplineOutsideIndex. */
export function bsplineEvaluateF32(out: usize, x: usize, count: i32, knots: usize, knotCount: i32, coefficients: usize, dimension: i32, degree: i32, outside: i32, uniform: bool): void {
  evaluate<f32>(out, x, count, knots, knotCount, coefficients, dimension, degree, outside, uniform) }
export function bsplineEvaluateF64(out: usize, x: usize, count: i32, knots: usize, knotCount: i32, coefficients: usize, dimension: i32, degree: i32, outside: i32, uniform: bool): void {
  evaluate<f64>(out, x, count, knots, knotCount, coefficients, dimension, degree, outside, uniform) }
