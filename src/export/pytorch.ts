// toPyTorchModule(model): the model's architecture as a Python file that needs only torch — an nn.Module whose
// state_dict names are toSafetensors' (layers.{l}.weight/bias for dense and sine, efficient-kan's grid / base_weight /
// spline_weight / spline_scaler for kan, layers.{l}.coefficients for bezierAct), so `model.load_state_dict(weights)`
// takes the file toSafetensors wrote. The module computes what curvenet computes: activations by their formulas
// (gelu is the tanh form), SIREN's sin(w0·(x·W + b)), Bezier activations continued along their end tangents, and KAN
// splines by the de Boor triangle on each input's span, the end polynomials continuing up to the knot vector's ends and
// 0 beyond (efficient-kan's own KANLinear sums only the B-splines that exist there, so it falls to 0 just past the grid).
// scripts/check-torch.py runs it in PyTorch against predict() and trains it; tests/pytorch.node.test.ts reads its results.
import { Sequential } from '../nn/sequential'
import { Kan } from '../nn/kan'
import { symbolicEdgesNamed } from '../nn/kan-symbolic'
import type { Layer } from '../nn/layer'
import type { ActivationName } from '../backend/kernels'
import { checkOptions } from '../check/names'

/** Each activation as a Python expression in x and alpha. */
const activationExpressions: Record<ActivationName, string> = {
  identity: 'x',
  relu: 'torch.relu(x)',
  leakyRelu: 'F.leaky_relu(x, alpha)',
  sigmoid: 'torch.sigmoid(x)',
  tanh: 'torch.tanh(x)',
  silu: 'F.silu(x)',
  gelu: "F.gelu(x, approximate='tanh')",   // curvenet's gelu: x·σ(2√(2/π)(x + 0.044715x³)), the tanh form
  softplus: 'F.softplus(x)',
  sin: 'torch.sin(x)',
  cos: 'torch.cos(x)',
}

/** A float as Python writes it back bit for bit (repr of a double). */
function pythonNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 53) return `${value}.0`
  return String(value)
}

const header = `import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Activation(nn.Module):
    def __init__(self, name, alpha):
        super().__init__()
        self.name, self.alpha = name, alpha

    def forward(self, x):
        return ACTIVATIONS[self.name](x, self.alpha)


class Sine(nn.Module):
    """SIREN: sin(w0 · (x·Wᵀ + b)), the weight in nn.Linear's layout [out, in]."""
    def __init__(self, in_features, out_features, w0):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(out_features, in_features))
        self.bias = nn.Parameter(torch.zeros(out_features))
        self.w0 = w0

    def forward(self, x):
        return torch.sin(self.w0 * F.linear(x, self.weight, self.bias))


class BezierAct(nn.Module):
    """Per unit u a Bezier curve Σ_i c[u, i]·B_{i,n}(t), t = (x − lo)/(hi − lo), continued along its end tangents."""
    def __init__(self, width, degree, low, high):
        super().__init__()
        self.coefficients = nn.Parameter(torch.zeros(width, degree + 1))
        self.degree, self.low, self.high = degree, low, high
        self.register_buffer("binomials", torch.tensor([float(math.comb(degree, i)) for i in range(degree + 1)]), persistent=False)

    def forward(self, x):
        n, c = self.degree, self.coefficients
        t = (x - self.low) / (self.high - self.low)
        inside = t.clamp(0.0, 1.0).unsqueeze(-1)
        powers = torch.arange(n + 1, dtype=x.dtype, device=x.device)
        basis = self.binomials.to(x.dtype) * inside ** powers * (1 - inside) ** (n - powers)
        value = (basis * c).sum(-1)
        start_slope, end_slope = n * (c[:, 1] - c[:, 0]), n * (c[:, n] - c[:, n - 1])
        return value + torch.where(t < 0, t * start_slope, torch.where(t > 1, (t - 1) * end_slope, torch.zeros_like(t)))


class KANLinear(nn.Module):
    """A KAN layer in efficient-kan's names and layouts; φ_oi(x) = base_weight[o,i]·base(x) + spline_scaler[o,i]·Σ_j
    spline_weight[o,i,j]·B_j(x) with B_j the B-splines of input i's knots (grid[i]). Curvenet's rule outside the grid:
    the end polynomials continue to the knot vector's ends, 0 beyond."""
    def __init__(self, in_features, out_features, grid_size, spline_order, base):
        super().__init__()
        self.order, self.base = spline_order, base
        self.register_buffer("grid", torch.zeros(in_features, grid_size + 2 * spline_order + 1))
        if base != "none":
            self.base_weight = nn.Parameter(torch.zeros(out_features, in_features))
        self.spline_weight = nn.Parameter(torch.zeros(out_features, in_features, grid_size + spline_order))
        self.spline_scaler = nn.Parameter(torch.zeros(out_features, in_features))

    def b_splines(self, x):
        """[batch, in, grid_size + order]: the de Boor triangle on each value's span (clamped to the domain's spans)."""
        k, t = self.order, self.grid
        count = t.shape[1] - k - 1
        span = torch.searchsorted(t.contiguous(), x.t().contiguous(), right=True).t() - 1
        span = span.clamp(k, count - 1)
        knots = t.unsqueeze(0).expand(x.shape[0], -1, -1)
        knot = lambda offset: knots.gather(2, (span + offset).unsqueeze(-1)).squeeze(-1)
        values = [torch.ones_like(x)]
        for j in range(1, k + 1):
            saved = torch.zeros_like(x)
            for r in range(j):
                right, left = knot(r + 1), knot(r + 1 - j)
                quotient = values[r] / (right - left)
                values[r] = saved + (right - x) * quotient
                saved = (x - left) * quotient
            values.append(saved)
        outside = (x < t[:, 0]) | (x > t[:, -1])
        bases = torch.zeros(x.shape[0], x.shape[1], count, dtype=x.dtype, device=x.device)
        for r in range(k + 1):
            bases.scatter_add_(2, (span - k + r).unsqueeze(-1), torch.where(outside, torch.zeros_like(x), values[r]).unsqueeze(-1))
        return bases

    def forward(self, x):
        spline = torch.einsum("bic,oic->bo", self.b_splines(x), self.spline_weight * self.spline_scaler.unsqueeze(-1))
        if self.base == "none":
            return spline
        return spline + F.linear(F.silu(x) if self.base == "silu" else x, self.base_weight)


ACTIVATIONS = {
`

function layerLine(layer: Layer, index: number): string {
  const where = 'toPyTorchModule'
  const config = layer.config()
  switch (layer.kind) {
    case 'dense':
      return `nn.Linear(${config.inputSize}, ${config.outputSize}, bias=${config.bias ? 'True' : 'False'})`
    case 'activation':
      return `Activation(${JSON.stringify(config.name)}, ${pythonNumber((config.alpha as number | undefined) ?? 0.01)})`
    case 'sine':
      return `Sine(${config.inputSize}, ${config.outputSize}, ${pythonNumber(config.w0 as number)})`
    case 'bezierAct': {
      const [low, high] = config.range as [number, number]
      return `BezierAct(${config.width}, ${config.degree}, ${pythonNumber(low)}, ${pythonNumber(high)})`
    }
    case 'kan': {
      if (!(layer instanceof Kan)) break
      if (layer.symbolic.length > 0) throw new TypeError(`${where}: layers[${index}] (kan) has ${symbolicEdgesNamed(layer)}; the generated module holds spline edges only (write formula(model) for the symbolic ones)`)
      return `KANLinear(${layer.inputSize}, ${layer.outputSize}, ${layer.grid}, ${layer.order}, ${JSON.stringify(layer.base)})`
    }
  }
  throw new TypeError(`${where}: layers[${index}] is of kind ${JSON.stringify(layer.kind)}, which has no PyTorch module (dense, activation, sine, bezierAct and kan have)`)
}

export interface PyTorchModuleOptions {
  /** The nn.Module subclass's name (default 'CurvenetModel'): a Python identifier. */
  className?: string
}

/** The model's architecture as Python source for PyTorch (see the header); the weights come from toSafetensors. */
export function toPyTorchModule(model: Sequential, options: PyTorchModuleOptions = {}): string {
  const where = 'toPyTorchModule'
  if (!(model instanceof Sequential)) throw new TypeError(`${where}: model must be a sequential([...]) model`)
  checkOptions(where, options, ['className'])
  const className = options.className ?? 'CurvenetModel'
  if (typeof className !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(className)) throw new TypeError(`${where}: className must be a Python identifier, got ${JSON.stringify(className)}`)
  const lines = model.layers.map((layer, index) => layerLine(layer, index))
  const activations = Object.entries(activationExpressions).map(([name, expression]) => `    ${JSON.stringify(name)}: lambda x, alpha: ${expression},`)
  return `# Generated by curvenet's toPyTorchModule: ${model.layers.length} layers, ${model.dtype}. Needs torch only.
# Weights: model.load_state_dict(weights read from the file toSafetensors(model) wrote).
${header}${activations.join('\n')}
}


class ${className}(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([
${lines.map((line) => `            ${line},`).join('\n')}
        ])
        self.to(torch.${model.dtype})

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
`
}
