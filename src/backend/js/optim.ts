// PLACEHOLDER until the optim family lands
export const optimKernels = {} as any
