// Unknown names and keys, said one way everywhere: `unknown option "epoch"; did you mean "epochs"? known options: …`.
// The suggestion is the known name nearest by edit distance (at most 2, or a case/underscore variant such as
// val_loss → valLoss), so a typo names its fix and a wholly different word does not get a misleading guess.
import { describeValue } from './describe'

/** Levenshtein distance, stopping early once every path exceeds `limit` (names are short; the bound keeps it cheap). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      best = Math.min(best, current[j])
    }
    if (best > limit) return limit + 1
    previous = current
  }
  return previous[b.length]
}

const folded = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, '')

/** The known name `name` most likely meant, or undefined. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const same = known.find((candidate) => folded(candidate) === folded(name))
  if (same !== undefined) return same
  let best: string | undefined, bestDistance = 3
  for (const candidate of known) {
    const distance = editDistance(name, candidate, 2)
    if (distance < bestDistance) { best = candidate; bestDistance = distance }
  }
  return best
}

/** ` did you mean "x"?` or nothing. */
export function didYouMean(name: string, known: readonly string[]): string {
  const nearest = nearestName(name, known)
  return nearest === undefined ? '' : ` did you mean ${JSON.stringify(nearest)}?`
}

/** A plain options object's keys against the known ones: an unknown key is a TypeError that suggests and lists them. */
export function checkKnownKeys(where: string, options: object, known: readonly string[], what = 'option'): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${where}: unknown ${what} ${JSON.stringify(key)};${didYouMean(key, known)} known ${what}s: ${known.join(', ')}`)
  }
}

/** A name from a fixed list (own entries only: 'constructor' or '__proto__' are names like any other, and unknown): an
 *  unknown one is a TypeError `unknown activation "swish"; did you mean "silu"? known: relu, tanh, …`. */
export function checkKnownName<T extends string>(where: string, what: string, name: unknown, known: readonly T[]): T {
  if (typeof name === 'string' && known.includes(name as T)) return name as T
  const shown = typeof name === 'string' ? JSON.stringify(name) : describeValue(name)
  throw new TypeError(`${where}: unknown ${what} ${shown};${typeof name === 'string' ? didYouMean(name, known) : ''} known: ${known.join(', ')}`)
}

/** An options argument, checked one way everywhere: undefined is {}; anything but a plain object is a TypeError saying what
 *  came; an unknown key is a TypeError that suggests and lists the known ones (checkKnownKeys). */
export function checkOptions(where: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {}
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`)
  checkKnownKeys(where, options, known)
  return options as Record<string, unknown>
}
