// The js backend: plain TypeScript kernels that define what every result must be, bit for bit. Each family
// file's header gives its layout and the assembly/ kernels that must equal it; the scalar math and the
// rounding they share are in src/math/. Its arrays are ordinary typed arrays.
import type { Backend } from '../backend'
import type { DType, FloatArray } from '../kernels'
import { mathKernels } from './math'
import { matmulKernels } from './matmul'
import { elementwiseKernels } from './elementwise'
import { unaryKernels } from './unary'
import { activationKernels } from './activations'
import { lossKernels } from './losses'
import { optimKernels } from './optim'
import { bezierKernels } from './bezier'
import { bsplineKernels } from './bspline'
import { kanKernels } from './kan'

export function createJsBackend(): Backend {
  return {
    name: 'js',
    kernels: { ...mathKernels, ...matmulKernels, ...elementwiseKernels, ...unaryKernels, ...activationKernels, ...lossKernels, ...optimKernels, ...bezierKernels, ...bsplineKernels, ...kanKernels },
    alloc: (dtype: DType, length: number): FloatArray =>
      dtype === 'float32' ? new Float32Array(length) : new Float64Array(length),
    allocInt32: (length: number) => new Int32Array(length),
    free: () => {},   // the garbage collector owns js arrays
    owns: (array: ArrayBufferView) => array instanceof Float32Array || array instanceof Float64Array || array instanceof Int32Array,
  }
}
