// The SIMD mul+add ceiling of this engine and machine: twelve independent chains of v = v·m + c on f32x4 (or f64x2)
// registers, no memory traffic — enough chains to cover the latency of a mul and an add on two FP pipes, and few enough
// to stay in the 16 vector registers: the most a matmul micro-kernel built from separate mul and add (no FMA: the
// determinism contract) could reach on one thread. Compiled by bench/probe.ts; not part of curvenet.

/** 96 float32 FLOPs per iteration (12 chains × 4 lanes × mul and add); returns the lanes' sum so nothing is folded away. */
export function mulAddF32(iterations: i32): f32 {
  const m = f32x4.splat(0.999999), c = f32x4.splat(0.000001)
  let a0 = f32x4.splat(1), a1 = f32x4.splat(2), a2 = f32x4.splat(3), a3 = f32x4.splat(4), a4 = f32x4.splat(5), a5 = f32x4.splat(6)
  let a6 = f32x4.splat(7), a7 = f32x4.splat(8), a8 = f32x4.splat(9), a9 = f32x4.splat(10), a10 = f32x4.splat(11), a11 = f32x4.splat(12)
  for (let i = 0; i < iterations; i++) {
    a0 = f32x4.add(f32x4.mul(a0, m), c); a1 = f32x4.add(f32x4.mul(a1, m), c)
    a2 = f32x4.add(f32x4.mul(a2, m), c); a3 = f32x4.add(f32x4.mul(a3, m), c)
    a4 = f32x4.add(f32x4.mul(a4, m), c); a5 = f32x4.add(f32x4.mul(a5, m), c)
    a6 = f32x4.add(f32x4.mul(a6, m), c); a7 = f32x4.add(f32x4.mul(a7, m), c)
    a8 = f32x4.add(f32x4.mul(a8, m), c); a9 = f32x4.add(f32x4.mul(a9, m), c)
    a10 = f32x4.add(f32x4.mul(a10, m), c); a11 = f32x4.add(f32x4.mul(a11, m), c)
  }
  const total = f32x4.add(f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7))), f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11)))
  return f32x4.extract_lane(total, 0) + f32x4.extract_lane(total, 1) + f32x4.extract_lane(total, 2) + f32x4.extract_lane(total, 3)
}

/** 48 float64 FLOPs per iteration (12 chains × 2 lanes × mul and add). */
export function mulAddF64(iterations: i32): f64 {
  const m = f64x2.splat(0.999999), c = f64x2.splat(0.000001)
  let a0 = f64x2.splat(1), a1 = f64x2.splat(2), a2 = f64x2.splat(3), a3 = f64x2.splat(4), a4 = f64x2.splat(5), a5 = f64x2.splat(6)
  let a6 = f64x2.splat(7), a7 = f64x2.splat(8), a8 = f64x2.splat(9), a9 = f64x2.splat(10), a10 = f64x2.splat(11), a11 = f64x2.splat(12)
  for (let i = 0; i < iterations; i++) {
    a0 = f64x2.add(f64x2.mul(a0, m), c); a1 = f64x2.add(f64x2.mul(a1, m), c)
    a2 = f64x2.add(f64x2.mul(a2, m), c); a3 = f64x2.add(f64x2.mul(a3, m), c)
    a4 = f64x2.add(f64x2.mul(a4, m), c); a5 = f64x2.add(f64x2.mul(a5, m), c)
    a6 = f64x2.add(f64x2.mul(a6, m), c); a7 = f64x2.add(f64x2.mul(a7, m), c)
    a8 = f64x2.add(f64x2.mul(a8, m), c); a9 = f64x2.add(f64x2.mul(a9, m), c)
    a10 = f64x2.add(f64x2.mul(a10, m), c); a11 = f64x2.add(f64x2.mul(a11, m), c)
  }
  const total = f64x2.add(f64x2.add(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)), f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7))), f64x2.add(f64x2.add(a8, a9), f64x2.add(a10, a11)))
  return f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1)
}
