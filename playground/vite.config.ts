// The playground as a static site: `npm run playground` serves it, `npm run build:playground` writes build/playground/,
// which any static server can host (relative paths, so it also works from a sub-folder).
import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'
// @ts-expect-error a plain .mjs helper without type declarations
import { isolation } from '../scripts/playground/static-server.mjs'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // one chunk of ~600 kB: curvenet with its wasm and worker inlined (the zero-config loading), nothing to split
  build: { outDir: fileURLToPath(new URL('../build/playground', import.meta.url)), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1000 },
  // cross-origin isolated (COOP + COEP), as the static server of the tests: fitInWorker then stops within one batch
  server: { port: 5180, headers: isolation },
  preview: { port: 5181, headers: isolation },
})
