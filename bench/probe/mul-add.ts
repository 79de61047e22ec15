// The SIMD mul+add ceiling of this engine and machine: twelve independent chains of v = v·m + c on f32x4 (or f64x2)
// registers, no memory traffic — enough chains to cover the latency of a mul and an add on two FP pipes, and few enough
// to stay in the 16 vector registers: the most a matmul micro-kernel built from separate mul and add (no FMA: the
// determinism contract) could reach on one thread. Compiled by bench/probe.ts; not part of curvenet.

// @ts-ignore: decorator
@inline function mulAdd<T>(iterations: i32): T {
  const m = v128.splat<T>(<T>0.999999), c = v128.splat<T>(<T>0.000001)
  let a0 = v128.splat<T>(<T>1), a1 = v128.splat<T>(<T>2), a2 = v128.splat<T>(<T>3), a3 = v128.splat<T>(<T>4)
  let a4 = v128.splat<T>(<T>5), a5 = v128.splat<T>(<T>6), a6 = v128.splat<T>(<T>7), a7 = v128.splat<T>(<T>8)
  let a8 = v128.splat<T>(<T>9), a9 = v128.splat<T>(<T>10), a10 = v128.splat<T>(<T>11), a11 = v128.splat<T>(<T>12)
  for (let i = 0; i < iterations; i++) {
    a0 = v128.add<T>(v128.mul<T>(a0, m), c); a1 = v128.add<T>(v128.mul<T>(a1, m), c)
    a2 = v128.add<T>(v128.mul<T>(a2, m), c); a3 = v128.add<T>(v128.mul<T>(a3, m), c)
    a4 = v128.add<T>(v128.mul<T>(a4, m), c); a5 = v128.add<T>(v128.mul<T>(a5, m), c)
    a6 = v128.add<T>(v128.mul<T>(a6, m), c); a7 = v128.add<T>(v128.mul<T>(a7, m), c)
    a8 = v128.add<T>(v128.mul<T>(a8, m), c); a9 = v128.add<T>(v128.mul<T>(a9, m), c)
    a10 = v128.add<T>(v128.mul<T>(a10, m), c); a11 = v128.add<T>(v128.mul<T>(a11, m), c)
  }
  const total = v128.add<T>(v128.add<T>(v128.add<T>(v128.add<T>(a0, a1), v128.add<T>(a2, a3)), v128.add<T>(v128.add<T>(a4, a5), v128.add<T>(a6, a7))), v128.add<T>(v128.add<T>(a8, a9), v128.add<T>(a10, a11)))
  return v128.extract_lane<T>(total, 0) + v128.extract_lane<T>(total, 1)
}

/** 96 float32 FLOPs per iteration (12 chains × 4 lanes × mul and add); returns lanes of the sum so nothing is folded away. */
export function mulAddF32(iterations: i32): f32 { return mulAdd<f32>(iterations) }

/** 48 float64 FLOPs per iteration (12 chains × 2 lanes × mul and add). */
export function mulAddF64(iterations: i32): f64 { return mulAdd<f64>(iterations) }
