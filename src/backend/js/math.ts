// PLACEHOLDER until the math family lands
export const mathKernels = {} as any
