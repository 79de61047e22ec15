// The functions behind the Tensor's methods, handed to every tensor context by init(): tensor.ts
// cannot import them, as they make Tensors (see TensorMethods).
import type { TensorMethods } from '../tensor/tensor'
import { runBackward } from '../autograd/backward'
import { clone, reshape, rows, slice, transpose } from './structure'

export const tensorMethods: TensorMethods = { reshape, transpose, slice, rows, clone, backward: runBackward }
