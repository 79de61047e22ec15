// Instantiates curvenet's wasm module on a JS-owned WebAssembly.Memory (stub runtime, imported
// memory). An `abort` inside wasm (an assert of the debug build) is turned into a JS Error carrying
// the AssemblyScript message, file and line.

import { wasmExportNames, type WasmExports } from './exports.generated'

export type WasmSource = BufferSource | WebAssembly.Module

export interface WasmInstance {
  readonly memory: WebAssembly.Memory
  /** Every kernel export takes byte offsets and sizes; typed from the compiler's declarations (scripts/build-wasm.mjs). */
  readonly exports: WasmExports
  /** The compiled module: a Worker instantiates the very same code from it (fitInWorker). */
  readonly module: WebAssembly.Module
}

export class WasmAbortError extends Error {
  constructor(message: string, readonly file: string, readonly line: number, readonly column: number) {
    super(`wasm abort: ${message} (at ${file}:${line}:${column})`)
    this.name = 'WasmAbortError'
  }
}

/** Reads an AssemblyScript static string: UTF-16LE code units, byte length stored 4 bytes before. */
function readAssemblyScriptString(memory: WebAssembly.Memory, pointer: number): string {
  if (pointer === 0) return ''
  const byteLength = new Uint32Array(memory.buffer, pointer - 4, 1)[0]
  const units = new Uint16Array(memory.buffer, pointer, byteLength >>> 1)
  let text = ''
  for (let i = 0; i < units.length; i++) text += String.fromCharCode(units[i])
  return text
}

export async function instantiateWasm(source: WasmSource, memory: WebAssembly.Memory): Promise<WasmInstance> {
  const imports = {
    env: {
      memory,
      abort(messagePointer: number, filePointer: number, line: number, column: number): never {
        throw new WasmAbortError(readAssemblyScriptString(memory, messagePointer),
          readAssemblyScriptString(memory, filePointer), line, column)
      },
    },
  }
  const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source)
  const instance = await WebAssembly.instantiate(module, imports)
  const missing = wasmExportNames.filter((name) => typeof instance.exports[name] !== 'function')
  if (missing.length > 0) {
    throw new TypeError(`init: the wasm module is not curvenet's: it lacks ${missing.length} of its ${wasmExportNames.length} exports ` +
      `(${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}); pass a build of this curvenet's assembly/ (or leave wasm out)`)
  }
  return { memory, exports: instance.exports as unknown as WasmInstance['exports'], module }
}

