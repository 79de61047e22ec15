// activations kernels
