// The working memory a kernel keeps between its own steps (the B-spline triangle's vectors, the KAN layer's gathered column).
// Each wasm instance — the calling thread's and every pool thread's, all on one shared memory — points these at its own
// block, so threads running the same kernel at once never write each other's scratch. The calling thread's instance
// keeps the static block below; a pool thread calls useThreadScratch with a block JS reserved for it.

// @ts-ignore: decorator
@inline export const MAX_DEGREE = 5
// @ts-ignore: decorator
@inline export const KAN_BLOCK = 64

// byte offsets of each region inside one scratch block (16-byte aligned)
// @ts-ignore: decorator
@inline const KNOT_WINDOW_AT = 0
// @ts-ignore: decorator
@inline const BASIS_AT = KNOT_WINDOW_AT + 16 * 2 * MAX_DEGREE
// @ts-ignore: decorator
@inline const DERIVATIVES_AT = BASIS_AT + 16 * (MAX_DEGREE + 1)
// @ts-ignore: decorator
@inline const SPANS_AT = DERIVATIVES_AT + 16 * (MAX_DEGREE + 1)
// @ts-ignore: decorator
@inline const INPUTS_AT = SPANS_AT + 16
// @ts-ignore: decorator
@inline const SUMS_AT = INPUTS_AT + 16
// @ts-ignore: decorator
@inline const DOMAIN_AT = SUMS_AT + 16
// @ts-ignore: decorator
@inline const COLUMN_AT = DOMAIN_AT + 48
// @ts-ignore: decorator
@inline const SCRATCH_BYTES = COLUMN_AT + 8 * KAN_BLOCK

/** The calling thread's block, in the module's static data. */
const STATIC_SCRATCH = memory.data(SCRATCH_BYTES, 16)

/** KNOT_WINDOW[q] = knots[span − degree + 1 + q] for q < 2·degree: every knot the B-spline triangle reads. */
export let KNOT_WINDOW: usize = STATIC_SCRATCH + KNOT_WINDOW_AT
/** BASIS[r] and DERIVATIVES[r] for r ≤ degree: the triangle's N[r] and dN[r]/dx, one vector each. */
export let BASIS: usize = STATIC_SCRATCH + BASIS_AT
export let DERIVATIVES: usize = STATIC_SCRATCH + DERIVATIVES_AT
/** One block's spans (i32 per lane) and inputs (a partial block repeats its last input in the spare lanes). */
export let SPANS: usize = STATIC_SCRATCH + SPANS_AT
export let INPUTS: usize = STATIC_SCRATCH + INPUTS_AT
/** One vector of bsplineEvaluate's sums, for a partial block. */
export let SUMS: usize = STATIC_SCRATCH + SUMS_AT
/** What every block of one B-spline call shares (bspline.ts writeDomain): first knot of the domain, the uniform
 *  guess's scale, and the interval outside which the basis is zero, 8 bytes each, then whether it is zeroed (i32). */
export let DOMAIN: usize = STATIC_SCRATCH + DOMAIN_AT
/** One KAN block's column of x, gathered for the basis kernel. */
export let COLUMN: usize = STATIC_SCRATCH + COLUMN_AT

/** Bytes of the block useThreadScratch takes. */
export function threadScratchBytes(): i32 {
  return SCRATCH_BYTES
}

/** Points this instance's kernel scratch at `base` (16-byte aligned, threadScratchBytes() bytes, used by no other instance). */
export function useThreadScratch(base: usize): void {
  KNOT_WINDOW = base + KNOT_WINDOW_AT
  BASIS = base + BASIS_AT
  DERIVATIVES = base + DERIVATIVES_AT
  SPANS = base + SPANS_AT
  INPUTS = base + INPUTS_AT
  SUMS = base + SUMS_AT
  DOMAIN = base + DOMAIN_AT
  COLUMN = base + COLUMN_AT
}
