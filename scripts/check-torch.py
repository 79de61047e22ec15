"""Runs curvenet's exported models in PyTorch: `python3 scripts/check-torch.py tests/fixtures/torch` (npm run torch-fixture
writes the directory first). For each <name>.py (toPyTorchModule) with <name>.safetensors (toSafetensors) and
<name>.data.json (inputs and curvenet's predictions): loads the module and the weights (the safetensors format parsed
here: Debian has no python3-safetensors), compares PyTorch's outputs with curvenet's, trains 5 Adam steps on the
training data, and writes the trained weights back (<name>.trained.safetensors, same names, dtypes and layouts) with
<name>.result.json: the largest difference, PyTorch's predictions with the trained weights, and the torch version.
tests/pytorch.node.test.ts reads those, so CI needs no Python.
"""
import importlib.util
import json
import struct
import sys
from pathlib import Path

import numpy as np
import torch

DTYPES = {"F32": np.float32, "F64": np.float64}


def read_safetensors(path):
    raw = path.read_bytes()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    data = raw[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors, header.get("__metadata__", {})


def write_safetensors(path, tensors, metadata):
    header, offset, chunks = {"__metadata__": metadata}, 0, []
    for name, value in tensors.items():
        array = value.detach().cpu().numpy()
        dtype = "F32" if array.dtype == np.float32 else "F64"
        payload = array.astype("<f4" if dtype == "F32" else "<f8").tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(payload)]}
        chunks.append(payload)
        offset += len(payload)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def check(directory, name):
    spec = importlib.util.spec_from_file_location(f"curvenet_{name.replace('-', '_')}", directory / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.CurvenetModel()
    weights, metadata = read_safetensors(directory / f"{name}.safetensors")
    model.load_state_dict(weights, strict=False)
    missing = set(model.state_dict()) - set(weights) - {n for n, _ in model.named_buffers() if n.endswith("binomials")}
    if missing:
        raise SystemExit(f"{name}: the module has tensors the file lacks: {sorted(missing)}")
    data = json.loads((directory / f"{name}.data.json").read_text())
    dtype = torch.float64 if data["dtype"] == "float64" else torch.float32
    x = torch.tensor(data["x"], dtype=dtype)
    expected = torch.tensor(data["predictions"], dtype=dtype)
    with torch.no_grad():
        got = model(x)
    scale = expected.abs().max().item()
    difference = (got - expected).abs().max().item() / scale
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    train, targets = torch.tensor(data["train"], dtype=dtype), torch.tensor(data["targets"], dtype=dtype)
    for _ in range(5):
        optimizer.zero_grad()
        loss = torch.mean((model(train) - targets) ** 2)
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        trained = model(x)
    state = {key: value for key, value in model.state_dict().items() if key in weights}
    write_safetensors(directory / f"{name}.trained.safetensors", state, metadata)
    result = {"maxRelativeDifference": difference, "trainedPredictions": trained.tolist(), "torch": torch.__version__}
    (directory / f"{name}.result.json").write_text(json.dumps(result))
    print(f"{name}: PyTorch vs curvenet, largest difference / largest output = {difference:.3e}; 5 Adam steps, weights written back")


def main():
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/torch")
    torch.set_num_threads(1)
    for path in sorted(directory.glob("*.py")):
        check(directory, path.stem)


if __name__ == "__main__":
    main()
