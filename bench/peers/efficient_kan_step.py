"""One KAN training step of efficient-kan (forward, MSE, backward, Adam) timed the way bench/kan.ts times curvenet's.

Run by bench/peers/efficient-kan.ts, never imported by curvenet. efficient-kan is not on PyPI: point EFFICIENT_KAN_PATH at a
checkout of github.com/Blealtan/efficient-kan (its src/ is put on sys.path). PyTorch runs on `threads` threads (1: the
side-by-side figure; torch.set_num_threads), with whatever BLAS it loaded (the bench reports which).

    python3 efficient_kan_step.py '{"widths": [2, 5, 1], "grid": 5, "batch": 3000, "dtype": "float64", "threads": 1, "seconds": 0.6}'

prints {"secondsPerStep": …, "torch": …, "blas": …} — the median of one-step times over about `seconds` of steps after a
warm-up. The data are the bench's own: x uniform on [−1, 1] from numpy's seeded generator, y = x0·x1.
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.environ["EFFICIENT_KAN_PATH"], "src"))
from efficient_kan import KAN  # noqa: E402  (the path is set just above)


def blas_name() -> str:
    """The BLAS library this process loaded: Debian's torch calls the generic libblas.so.3, which the alternatives system
    points at OpenBLAS when libopenblas0-pthread is installed (without it, the reference BLAS: a 3x slower peer)."""
    torch.ones(8, 8) @ torch.ones(8, 8)
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if ".so" in line}
    except OSError:
        return "unknown"
    for name in ("openblas", "mkl", "blis"):
        if any(name in path.lower() for path in paths):
            return name
    return "reference" if any("libblas" in path for path in paths) else "unknown"


def main() -> None:
    case = json.loads(sys.argv[1])
    torch.set_num_threads(int(case["threads"]))
    dtype = torch.float64 if case["dtype"] == "float64" else torch.float32
    torch.manual_seed(1)
    widths, batch = case["widths"], int(case["batch"])
    rng = np.random.default_rng(1)
    x = torch.tensor(rng.uniform(-1, 1, size=(batch, widths[0])), dtype=dtype)
    y = (x[:, 0] * x[:, 1]).unsqueeze(1)
    model = KAN(widths, grid_size=int(case["grid"])).to(dtype)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step() -> None:
        optimizer.zero_grad()
        loss = torch.mean((model(x) - y) ** 2)
        loss.backward()
        optimizer.step()

    budget = float(case["seconds"])
    warm_until = time.perf_counter() + budget / 4
    while time.perf_counter() < warm_until:
        step()
    times = []
    until = time.perf_counter() + budget
    while time.perf_counter() < until or len(times) < 3:
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    print(json.dumps({"secondsPerStep": statistics.median(times), "torch": torch.__version__, "blas": blas_name()}))


if __name__ == "__main__":
    main()
