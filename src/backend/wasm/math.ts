// Thin wrapper over assembly/math.ts: typed-array views on the wasm memory → byte offsets, and the
// function name → its export (math<Name>F32 / math<Name>F64).
import { mathNames, type Kernels, type MathName } from '../kernels'
import type { WasmContext } from './context'

type MathExport = (out: number, x: number, n: number) => void

export function mathKernels({ exports: wasm }: WasmContext): Pick<Kernels, 'math'> {
  const exportOf = (name: MathName, suffix: 'F32' | 'F64'): MathExport =>
    wasm[`math${name[0].toUpperCase()}${name.slice(1)}${suffix}`]
  const single = Object.fromEntries(mathNames.map((name) => [name, exportOf(name, 'F32')])) as Record<MathName, MathExport>
  const double = Object.fromEntries(mathNames.map((name) => [name, exportOf(name, 'F64')])) as Record<MathName, MathExport>
  return {
    math: (name, out, x, n) => { (out instanceof Float32Array ? single : double)[name](out.byteOffset, x.byteOffset, n) },
  }
}
