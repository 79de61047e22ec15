"""One training step of the training bench's workloads in PyTorch (nn.Linear layers, tanh or relu, MSE or cross-entropy,
Adam lr 1e-3, loss read back), timed as bench/training-workloads.ts times curvenet's: ~0.5 s of warm-up, then seven rounds
of ≥ 0.3 s; the median round's samples/s and CPU/wall, the rounds' spread, and the peak RSS.

    python3 pytorch_training_step.py <batches.json>   (written by bench/peers/pytorch.ts: the workload, dtype, threads and data)
"""
import json
import resource
import sys
import time

import torch


def main():
    spec = json.load(open(sys.argv[1]))
    torch.set_num_threads(int(spec["threads"]))
    torch.manual_seed(1)
    dtype = torch.float64 if spec["dtype"] == "float64" else torch.float32
    sizes, hidden, regression, batch = spec["sizes"], spec["hidden"], spec["loss"] == "mse", spec["batch"]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.Tanh() if hidden == "tanh" else torch.nn.ReLU())
    model = torch.nn.Sequential(*layers).to(dtype)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    batches = [(torch.tensor(b["x"], dtype=dtype).reshape(batch, sizes[0]),
                torch.tensor(b["y"], dtype=dtype).reshape(batch, 1) if regression else torch.tensor(b["y"], dtype=torch.long))
               for b in spec["batches"]]
    loss_function = torch.nn.MSELoss() if regression else torch.nn.CrossEntropyLoss()
    index = [0]

    def step():
        x, y = batches[index[0] % len(batches)]
        index[0] += 1
        optimizer.zero_grad()
        loss = loss_function(model(x), y)
        loss.backward()
        loss.item()
        optimizer.step()

    def run_for(seconds):
        start, start_cpu, steps = time.perf_counter(), time.process_time(), 0
        while True:
            step()
            steps += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds and steps >= 3:
                break
        return steps * batch / elapsed, (time.process_time() - start_cpu) / elapsed

    run_for(0.5)
    rounds = sorted((run_for(0.3) for _ in range(7)), key=lambda r: r[0])
    median = rounds[3]
    print(json.dumps({"samplesPerSecond": median[0], "cpuPerWall": median[1], "spread": (rounds[6][0] - rounds[0][0]) / median[0],
                      "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
