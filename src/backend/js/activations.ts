// PLACEHOLDER until the activations family lands
export const activationKernels = {} as any
