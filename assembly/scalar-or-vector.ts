// Lane helpers generic over the element type T (f32 | f64) and the value type V: V = v128 works on a
// whole f32x4 / f64x2 vector, V = T on one scalar, so one kernel template serves the SIMD body and the
// scalar tail with the same operations in the same order.

// @ts-ignore: decorator
@inline export function loadLanes<T, V>(address: usize): V {
  if (isVector<V>()) return <V>v128.load(address)
  return <V>load<T>(address)
}

// @ts-ignore: decorator
@inline export function storeLanes<T, V>(address: usize, value: V): void {
  if (isVector<V>()) v128.store(address, <v128>value)
  else store<T>(address, <T>value)
}

// @ts-ignore: decorator
@inline export function addLanes<T, V>(a: V, b: V): V {
  if (isVector<V>()) return <V>v128.add<T>(<v128>a, <v128>b)
  return <V>(<T>a + <T>b)
}

// @ts-ignore: decorator
@inline export function subLanes<T, V>(a: V, b: V): V {
  if (isVector<V>()) return <V>v128.sub<T>(<v128>a, <v128>b)
  return <V>(<T>a - <T>b)
}

// @ts-ignore: decorator
@inline export function mulLanes<T, V>(a: V, b: V): V {
  if (isVector<V>()) return <V>v128.mul<T>(<v128>a, <v128>b)
  return <V>(<T>a * <T>b)
}

// @ts-ignore: decorator
@inline export function divLanes<T, V>(a: V, b: V): V {
  if (isVector<V>()) return <V>v128.div<T>(<v128>a, <v128>b)
  return <V>(<T>a / <T>b)
}

// @ts-ignore: decorator
@inline export function sqrtLanes<T, V>(a: V): V {
  if (isVector<V>()) return <V>v128.sqrt<T>(<v128>a)
  return <V>sqrt<T>(<T>a)
}

// @ts-ignore: decorator
@inline export function absLanes<T, V>(a: V): V {
  if (isVector<V>()) return <V>v128.abs<T>(<v128>a)
  return <V>abs<T>(<T>a)
}

// @ts-ignore: decorator
@inline export function negLanes<T, V>(a: V): V {
  if (isVector<V>()) return <V>v128.neg<T>(<v128>a)
  return <V>(-<T>a)
}

/** x > 0 ? x : 0 as a compare and select (so NaN and −0 give +0, the same on both backends). */
// @ts-ignore: decorator
@inline export function positivePartLanes<T, V>(a: V): V {
  if (isVector<V>()) return <V>v128.bitselect(<v128>a, v128.splat<T>(0), v128.gt<T>(<v128>a, v128.splat<T>(0)))
  return <V>(<T>a > <T>0 ? <T>a : <T>0)
}

/** total + e in lane order: ((total + e[0]) + e[1]) + … for a vector, total + e for a scalar. */
// @ts-ignore: decorator
@inline export function sumInLaneOrder<T, V>(total: T, e: V): T {
  if (isVector<V>()) {
    total += v128.extract_lane<T>(<v128>e, 0)
    total += v128.extract_lane<T>(<v128>e, 1)
    if (sizeof<T>() == 4) {
      total += v128.extract_lane<T>(<v128>e, 2)
      total += v128.extract_lane<T>(<v128>e, 3)
    }
    return total
  }
  return total + <T>e
}
