// The playground as a static site: `npm run playground` serves it, `npm run build:playground` writes build/playground/,
// which any static server can host (relative paths, so it also works from a sub-folder).
import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // one chunk of ~600 kB: curvenet with its wasm and worker inlined (the zero-config loading), nothing to split
  build: { outDir: fileURLToPath(new URL('../build/playground', import.meta.url)), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1000 },
  server: { port: 5180 },
  preview: { port: 5181 },
})
