// Before any test file runs: rebundle the worker string from the current source, so fitInWorker
// tests never run a stale worker (scripts/build-worker.mjs).
// @ts-expect-error a plain .mjs build script without type declarations
import { buildWorker } from '../../scripts/build-worker.mjs'

export default async function setup(): Promise<void> {
  await buildWorker()
}
