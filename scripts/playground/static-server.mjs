// A minimal static file server for the built playground (build/playground/): the Playwright tests and the screenshot
// script serve the page over http://127.0.0.1 on a free port, as any static host would. Every response carries COOP and
// COEP, so the pages are cross-origin isolated: SharedArrayBuffer exists and fitInWorker stops within one batch.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' }

export const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }

/** Serves `root`; resolves with its base URL and a close(). */
export function serveStatic(root) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname))
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path)
    if (!file.startsWith(root + sep) && file !== root) { response.writeHead(403).end(); return }
    try {
      const body = await readFile(file)
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', ...isolation }).end(body)
    } catch {
      response.writeHead(404).end('not found')
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address()
    resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(done)) })
  }))
}
