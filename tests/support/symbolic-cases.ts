// Samples of every symbolic library function, scaled and shifted: a, b, c, d per function with a·x + b inside its domain
// for x ∈ [−1, 1] (tests/symbolic.test.ts and symbolic.node.test.ts).
export const xs = Array.from({ length: 64 }, (_, i) => -1 + (2 * i) / 63)

export const cases: [string, number, number, number, number][] = [
  ['x', 2, 0.5, 1.5, -1], ['x^2', 1.2, -0.3, 0.8, 0.1], ['x^3', 1.1, 0.2, -0.5, 0.3], ['x^4', 0.9, 0.1, 2, -0.5],
  ['1/x', 1, 2, 0.7, 0.2], ['sqrt', 1, 2, 1.3, -0.4], ['exp', 1.5, 0, 0.6, 0.1], ['log', 1, 2, -0.9, 0.5],
  ['sin', 3, 0.3, 0.7, -0.2], ['tan', 1, 0, 0.4, 0.2], ['tanh', 2, 0.1, 1.1, 0], ['abs', 2, 0.4, 0.5, -0.1],
  ['sgn', 3, 0.5, 0.25, 1], ['arctan', 3, 0, 0.6, 0.3], ['arcsin', 0.9, 0, -0.8, 0.05], ['gaussian', 1.5, 0.2, 1.2, -0.3],
]
