// PLACEHOLDER until the matmul family lands
export const matmulKernels = {} as any
