import { defineConfig } from 'tsup'

// ESM and CommonJS with types; the wasm bytes arrive inlined through the generated module.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
})
