// losses kernels
