// What came, in words, for every error message that says "…, got <value>": one wording everywhere, with the right
// article ("an Int32Array of length 6", "a Float32Array of length 2", "an Array of length 3", "the string \"x\"").

const article = (word: string) => (/^[AEIOU]/i.test(word) ? 'an' : 'a')

export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (Array.isArray(value)) return `an Array of length ${value.length}`
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name
    return 'length' in value ? `${article(name)} ${name} of length ${(value as { length: number }).length}` : `${article(name)} ${name}`
  }
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'Object'})`
  return `${typeof value} ${String(value)}`
}
