// math kernels
