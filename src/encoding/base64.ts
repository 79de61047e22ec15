// Base64 without Buffer, so the same code runs in Node, pages and Workers: model and curve JSON (weights as the base64 of
// their IEEE bytes), the wasm bytes embedded in the bundle, and the PNG heatmaps of surfaceSVG.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const base64Text = /^[A-Za-z0-9+/]*={0,2}$/

/** btoa over the bytes as a binary string: one native encode instead of four string pieces per three
 *  bytes (toJSON of a 100k-weight model: ~5 ms instead of ~50 ms). The binary string is built from
 *  4096-byte chunks: String.fromCharCode.apply measured fastest there (larger chunks slow down, and it
 *  takes ~64k arguments at most). btoa exists in every engine curvenet supports (Node ≥ 16). */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunk = 4096
  const parts: string[] = []
  for (let i = 0; i < bytes.length; i += chunk) parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + chunk) as unknown as number[]))
  return btoa(parts.join(''))
}

/** atob after a strict check (atob itself forgives whitespace and missing padding), so a bad character is named with
 *  its position in an error that begins `${where}: ${argument}`; one native decode instead of a lookup per character. */
export function base64ToBytes(where: string, argument: string, text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 !== 0) throw new RangeError(`${where}: ${argument} has ${text.length} characters, not a multiple of 4; the text is truncated or altered`)
  if (!base64Text.test(text)) {
    const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
    const at = [...text].findIndex((character, i) => !(alphabet.includes(character) || (character === '=' && i >= text.length - padding)))
    throw new RangeError(`${where}: ${argument} has the character ${JSON.stringify(text[at])} at ${at}, which is not base64`)
  }
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
