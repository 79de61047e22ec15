// The kernel-index table: the integer by which a wasm kernel is told which function of its family to run.
// Both compilers read this one file — AssemblyScript (assembly/activations.ts, math.ts, unary.ts, bspline.ts, kan.ts
// import it) and TypeScript (kernels.ts derives the name lists from it) — so the two sides cannot drift.
// Numeric enums only: the one construct both languages accept that also carries the names.

export enum ActivationIndex { identity, relu, leakyRelu, sigmoid, tanh, silu, gelu, softplus, sin, cos }

export enum MathIndex { exp, log, tanh, sigmoid, sin, cos, expm1, log1p }

export enum UnaryIndex { abs, sqrt, sign }

export enum BsplineOutsideIndex { extrapolate, zero, knots }
