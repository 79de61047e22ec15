// B-spline basis (Cox–de Boor local triangle) and span search, f32x4 and f64x2: one lane per input, each on its own span,
// knots gathered per lane. Layout: raw byte offsets; x[count], spans[count] i32, values and derivatives [count × (degree+1)],
// all row-major. Outputs overlap nothing. Must equal src/math/bspline.ts bit for bit (same operations in the same order,
// per lane). Curve evaluation on the same blocks (basisOfBlock) is bspline-evaluate.ts.
import { canonicalLanes, choose } from './lanes'
import { BsplineOutsideIndex } from '../src/backend/kernel-indices'
import { BASIS, DERIVATIVES, DOMAIN, INPUTS, KNOT_WINDOW, SPANS } from './thread-scratch'
// The working vectors of one block of inputs (lane = input) live in this thread's scratch: kernels never allocate.

// @ts-ignore: decorator
@inline export function element<T>(base: usize, index: i32): T {
  return load<T>(base + (<usize>index << alignof<T>()))
}

/** js findSpan's walk: from `span` down while x < knots[span], then up while !(x < knots[span + 1]). */
// @ts-ignore: decorator
@inline function walkToSpan<T>(knots: usize, degree: i32, last: i32, x: T, span: i32): i32 {
  while (span > degree && x < element<T>(knots, span)) span--
  while (span < last && !(x < element<T>(knots, span + 1))) span++
  return span
}

/** js findSpan's branch-free binary search for the largest s in [degree, last] with !(x < knots[s]), else degree. */
// @ts-ignore: decorator
@inline function spanByBisection<T>(knots: usize, degree: i32, last: i32, x: T): i32 {
  let low = degree
  let size = last - degree + 1
  while (size > 1) {
    const half = size >>> 1
    low = select<i32>(low, low + half, x < element<T>(knots, low + half))
    size -= half
  }
  return low
}

/**
 * js findSpan's uniform guess for every lane at once, as i32 lanes: degree + trunc(position) with position =
 * (x − first)·scale, 0 where !(position ≥ 0), last − degree where larger. (f64x2 gives i32 lanes 0 and 1.)
 */
// @ts-ignore: decorator
@inline function guessSpans<T>(inputs: v128, first: T, scale: T, degree: i32, last: i32): v128 {
  const zero = v128.splat<T>(0), highest = v128.splat<T>(<T>(last - degree))
  let position = v128.mul<T>(v128.sub<T>(inputs, v128.splat<T>(first)), v128.splat<T>(scale))
  position = v128.and(position, v128.ge<T>(position, zero))
  position = choose(highest, position, v128.gt<T>(position, highest))
  const truncated = sizeof<T>() == 4 ? i32x4.trunc_sat_f32x4_s(position) : i32x4.trunc_sat_f64x2_s_zero(position)
  return i32x4.add(truncated, i32x4.splat(degree))
}

/** A vector whose lane l holds base[(SPANS[l] + shift)·stride]. */
// @ts-ignore: decorator
@inline export function gather<T>(base: usize, shift: i32, stride: i32 = 1): v128 {
  const index0 = (load<i32>(SPANS) + shift) * stride, index1 = (load<i32>(SPANS, 4) + shift) * stride
  if (sizeof<T>() == 8) return f64x2.replace_lane(f64x2.splat(element<f64>(base, index0)), 1, element<f64>(base, index1))
  let vector = f32x4.splat(element<f32>(base, index0))
  vector = f32x4.replace_lane(vector, 1, element<f32>(base, index1))
  vector = f32x4.replace_lane(vector, 2, element<f32>(base, (load<i32>(SPANS, 8) + shift) * stride))
  return f32x4.replace_lane(vector, 3, element<f32>(base, (load<i32>(SPANS, 12) + shift) * stride))
}

/** KNOT_WINDOW[q] = gather<T>(knots, q + 1 − degree) for q < 2·degree, each lane's window start read from SPANS once
 *  (SPANS is scratch memory the stores might alias, so gather would read it again for every vector). */
// @ts-ignore: decorator
@inline function gatherKnotWindow<T>(knots: usize, degree: i32): void {
  const shift = 1 - degree
  const lane0 = knots + (<usize>(load<i32>(SPANS) + shift) << alignof<T>()), lane1 = knots + (<usize>(load<i32>(SPANS, 4) + shift) << alignof<T>())
  if (sizeof<T>() == 8) {
    for (let q = 0; q < 2 * degree; q++) {
      const offset = <usize>q << 3
      v128.store(KNOT_WINDOW + q * 16, f64x2.replace_lane(f64x2.splat(load<f64>(lane0 + offset)), 1, load<f64>(lane1 + offset)))
    }
    return
  }
  const lane2 = knots + (<usize>(load<i32>(SPANS, 8) + shift) << 2), lane3 = knots + (<usize>(load<i32>(SPANS, 12) + shift) << 2)
  for (let q = 0; q < 2 * degree; q++) {
    const offset = <usize>q << 2
    let vector = f32x4.replace_lane(f32x4.splat(load<f32>(lane0 + offset)), 1, load<f32>(lane1 + offset))
    vector = f32x4.replace_lane(vector, 2, load<f32>(lane2 + offset))
    v128.store(KNOT_WINDOW + q * 16, f32x4.replace_lane(vector, 3, load<f32>(lane3 + offset)))
  }
}

/**
 * The general triangle below for degree 3 (a KAN's and most curves' degree), written out with every vector in a local: the
 * same operations in the same order, without the store and reload of each level's values through scratch memory that
 * the general loop needs (its index r is not known when compiled), which sat on the triangle's critical path.
 */
// @ts-ignore: decorator
@inline function cubicTriangle<T>(inputs: v128, outside: v128, withDerivatives: bool): void {
  const zero = v128.splat<T>(0), factor = v128.splat<T>(<T>3)
  const k0 = v128.load(KNOT_WINDOW), k1 = v128.load(KNOT_WINDOW, 16), k2 = v128.load(KNOT_WINDOW, 32)
  const k3 = v128.load(KNOT_WINDOW, 48), k4 = v128.load(KNOT_WINDOW, 64), k5 = v128.load(KNOT_WINDOW, 80)
  const r3 = v128.sub<T>(k3, inputs), r4 = v128.sub<T>(k4, inputs), r5 = v128.sub<T>(k5, inputs)
  const l0 = v128.sub<T>(inputs, k0), l1 = v128.sub<T>(inputs, k1), l2 = v128.sub<T>(inputs, k2)
  // level 1
  let q = v128.div<T>(v128.splat<T>(1), v128.sub<T>(k3, k2))
  let b0 = v128.add<T>(zero, v128.mul<T>(r3, q))
  let b1 = v128.mul<T>(l2, q)
  // level 2
  q = v128.div<T>(b0, v128.sub<T>(k3, k1))
  b0 = v128.add<T>(zero, v128.mul<T>(r3, q))
  let saved = v128.mul<T>(l1, q)
  q = v128.div<T>(b1, v128.sub<T>(k4, k2))
  b1 = v128.add<T>(saved, v128.mul<T>(r4, q))
  const b2 = v128.mul<T>(l2, q)
  // level 3, finished as stored
  const q0 = v128.div<T>(b0, v128.sub<T>(k3, k0))
  v128.store(BASIS, finished<T>(v128.add<T>(zero, v128.mul<T>(r3, q0)), outside))
  saved = v128.mul<T>(l0, q0)
  const q1 = v128.div<T>(b1, v128.sub<T>(k4, k1))
  v128.store(BASIS, finished<T>(v128.add<T>(saved, v128.mul<T>(r4, q1)), outside), 16)
  saved = v128.mul<T>(l1, q1)
  const q2 = v128.div<T>(b2, v128.sub<T>(k5, k2))
  v128.store(BASIS, finished<T>(v128.add<T>(saved, v128.mul<T>(r5, q2)), outside), 32)
  v128.store(BASIS, finished<T>(v128.mul<T>(l2, q2), outside), 48)
  if (!withDerivatives) return
  v128.store(DERIVATIVES, finished<T>(v128.mul<T>(v128.sub<T>(zero, q0), factor), outside))
  v128.store(DERIVATIVES, finished<T>(v128.mul<T>(v128.sub<T>(q0, q1), factor), outside), 16)
  v128.store(DERIVATIVES, finished<T>(v128.mul<T>(v128.sub<T>(q1, q2), factor), outside), 32)
  v128.store(DERIVATIVES, finished<T>(v128.mul<T>(q2, factor), outside), 48)
}

/**
 * What every block of one call shares, written once to DOMAIN for basisOfBlock (an @inline function cannot hand several
 * locals back): the domain's first knot, the uniform guess's scale, and where the basis is zeroed — outside the domain
 * (BsplineOutsideIndex.zero), outside the whole knot vector (.knots) or nowhere (.extrapolate). Returns the last span.
 */
// @ts-ignore: decorator
@inline export function writeDomain<T>(knots: usize, knotCount: i32, degree: i32, outside: i32): i32 {
  const last = knotCount - degree - 2
  const first = element<T>(knots, degree), end = element<T>(knots, last + 1)
  const wholeVector = outside == BsplineOutsideIndex.knots
  store<T>(DOMAIN, first)
  store<T>(DOMAIN, <T>(last + 1 - degree) / (end - first), 8)
  store<T>(DOMAIN, wholeVector ? element<T>(knots, 0) : first, 16)
  store<T>(DOMAIN, wholeVector ? element<T>(knots, knotCount - 1) : end, 24)
  store<i32>(DOMAIN, <i32>(outside != BsplineOutsideIndex.extrapolate), 32)
  return last
}

/**
 * Spans and basis of the block of inputs x[start … start + active) (active ≤ lanes) into SPANS, BASIS and, when
 * asked, DERIVATIVES, finished as js finish() does (zeroed outside as DOMAIN says, NaN made canonical). writeDomain first.
 */
// @ts-ignore: decorator
@inline export function basisOfBlock<T>(x: usize, start: i32, active: i32, knots: usize, degree: i32, last: i32, uniform: bool,
  withDerivatives: bool): void {
  const lanes = 16 / sizeof<T>()
  const first = load<T>(DOMAIN), scale = load<T>(DOMAIN, 8), zeroLow = load<T>(DOMAIN, 16), zeroHigh = load<T>(DOMAIN, 24)
  const zeroOutside = load<i32>(DOMAIN, 32) != 0
  if (active < lanes) {
    for (let lane = 0; lane < lanes; lane++) store<T>(INPUTS + lane * sizeof<T>(), element<T>(x, start + min(lane, active - 1)))
  }
  const inputs = v128.load(active == lanes ? x + (<usize>start << alignof<T>()) : INPUTS)
  if (uniform) {
    v128.store(SPANS, guessSpans<T>(inputs, first, scale, degree, last))
    gatherKnotWindow<T>(knots, degree)
    // the guess is usually right: walk (and gather again) only if some lane is not in [knots[s], knots[s+1])
    const lower = degree > 0 ? v128.load(KNOT_WINDOW + (degree - 1) * 16) : gather<T>(knots, 0)
    const upper = degree > 0 ? v128.load(KNOT_WINDOW + degree * 16) : gather<T>(knots, 1)
    if (v128.any_true(v128.or(v128.lt<T>(inputs, lower), v128.not(v128.lt<T>(inputs, upper))))) {
      for (let lane = 0; lane < lanes; lane++) {
        const input = element<T>(x, start + min(lane, active - 1))
        store<i32>(SPANS + lane * 4, walkToSpan<T>(knots, degree, last, input, load<i32>(SPANS + lane * 4)))
      }
      gatherKnotWindow<T>(knots, degree)
    }
  } else {
    for (let lane = 0; lane < lanes; lane++) {
      store<i32>(SPANS + lane * 4, spanByBisection<T>(knots, degree, last, element<T>(x, start + min(lane, active - 1))))
    }
    gatherKnotWindow<T>(knots, degree)
  }

  // the last level's results are finished (js finish()) as they are stored: no second pass over memory
  const zero = v128.splat<T>(0), factor = v128.splat<T>(<T>degree)
  const outside = zeroOutside ? v128.or(v128.lt<T>(inputs, v128.splat<T>(zeroLow)), v128.gt<T>(inputs, v128.splat<T>(zeroHigh))) : zero
  if (degree == 3) {
    cubicTriangle<T>(inputs, outside, withDerivatives)
    return
  }
  v128.store(BASIS, degree == 0 ? finished<T>(v128.splat<T>(1), outside) : v128.splat<T>(1))
  let previousQuotient = zero
  for (let j = 1; j <= degree; j++) {
    const lastLevel = j == degree
    let saved = zero
    for (let r = 0; r < j; r++) {
      const right = v128.load(KNOT_WINDOW + (degree + r) * 16)
      const left = v128.load(KNOT_WINDOW + (degree + r - j) * 16)
      const quotient = v128.div<T>(v128.load(BASIS + r * 16), v128.sub<T>(right, left))
      const value = v128.add<T>(saved, v128.mul<T>(v128.sub<T>(right, inputs), quotient))
      v128.store(BASIS + r * 16, lastLevel ? finished<T>(value, outside) : value)
      saved = v128.mul<T>(v128.sub<T>(inputs, left), quotient)
      if (lastLevel && withDerivatives) {
        v128.store(DERIVATIVES + r * 16, finished<T>(v128.mul<T>(v128.sub<T>(previousQuotient, quotient), factor), outside))
        previousQuotient = quotient
      }
    }
    v128.store(BASIS + j * 16, lastLevel ? finished<T>(saved, outside) : saved)
  }
  if (withDerivatives) v128.store(DERIVATIVES + degree * 16, finished<T>(v128.mul<T>(previousQuotient, factor), outside))
}

/** js finish(): 0 in the lanes of `outside`, then the canonical NaN for any NaN. */
// @ts-ignore: decorator
@inline function finished<T>(value: v128, outside: v128): v128 {
  return canonicalLanes<T, v128>(v128.andnot(value, outside))
}

/**
 * vectors[0 … count) (lane = input) to the rows of the first `active` inputs, out[lane × count + r]: a transpose, by
 * pairs of vectors interleaved (each input's two values side by side) and stored 8 (f32) or 16 (f64) bytes at a time.
 */
// @ts-ignore: decorator
@inline function storeRows<T>(out: usize, vectors: usize, count: i32, active: i32): void {
  const rowBytes = <usize>count << alignof<T>()
  let r = 0
  for (; r + 1 < count; r += 2) {
    const first = v128.load(vectors + r * 16), second = v128.load(vectors + r * 16 + 16)
    const pairs = out + (<usize>r << alignof<T>())
    if (sizeof<T>() == 8) {
      v128.store(pairs, i64x2.shuffle(first, second, 0, 2))
      if (active > 1) v128.store(pairs + rowBytes, i64x2.shuffle(first, second, 1, 3))
      continue
    }
    const low = i32x4.shuffle(first, second, 0, 4, 1, 5), high = i32x4.shuffle(first, second, 2, 6, 3, 7)
    v128.store64_lane(pairs, low, 0)
    if (active > 1) v128.store64_lane(pairs + rowBytes, low, 1)
    if (active > 2) v128.store64_lane(pairs + 2 * rowBytes, high, 0)
    if (active > 3) v128.store64_lane(pairs + 3 * rowBytes, high, 1)
  }
  if (r < count) {
    for (let lane = 0; lane < active; lane++) store<T>(out + <usize>lane * rowBytes + (<usize>r << alignof<T>()), load<T>(vectors + r * 16 + lane * sizeof<T>()))
  }
}

// @ts-ignore: decorator
@inline function basis<T>(spans: usize, values: usize, derivatives: usize, x: usize, count: i32, knots: usize,
  knotCount: i32, degree: i32, outside: i32, uniform: bool): void {
  const lanes = 16 / sizeof<T>()
  const last = writeDomain<T>(knots, knotCount, degree, outside)
  const withDerivatives = derivatives != 0
  for (let start = 0; start < count; start += lanes) {
    const active = min(lanes, count - start)
    basisOfBlock<T>(x, start, active, knots, degree, last, uniform, withDerivatives)
    if (active == lanes && sizeof<T>() == 4) v128.store(spans + (<usize>start << 2), v128.load(SPANS))
    else if (active == lanes) store<i64>(spans + (<usize>start << 2), load<i64>(SPANS))
    for (let lane = 0; active < lanes && lane < active; lane++) store<i32>(spans + (<usize>(start + lane) << 2), load<i32>(SPANS + lane * 4))
    const rows = <usize>(start * (degree + 1)) << alignof<T>()
    storeRows<T>(values + rows, BASIS, degree + 1, active)
    if (withDerivatives) storeRows<T>(derivatives + rows, DERIVATIVES, degree + 1, active)
  }
}

/** derivatives = 0: none wanted (0 is never an array's offset: JS allocates above the static data). outside = an index of
 *  BsplineOutsideIndex. */
export function bsplineBasisF32(spans: usize, values: usize, derivatives: usize, x: usize, count: i32, knots: usize, knotCount: i32, degree: i32, outside: i32, uniform: bool): void {
  basis<f32>(spans, values, derivatives, x, count, knots, knotCount, degree, outside, uniform) }
export function bsplineBasisF64(spans: usize, values: usize, derivatives: usize, x: usize, count: i32, knots: usize, knotCount: i32, degree: i32, outside: i32, uniform: bool): void {
  basis<f64>(spans, values, derivatives, x, count, knots, knotCount, degree, outside, uniform) }
