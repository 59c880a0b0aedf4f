#!/usr/bin/python3
"""PyTorch peer for bench/training.sh: the seed CNN or the seed stacked LSTM, trained on the same data.

Usage: OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/peer_pytorch.py cnn|lstm IDX_DIR BATCH WARMUP MEASURED [THREADS]

Reads the Fashion-MNIST IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz) in IDX_DIR, the
same files as Netwright's `fashion-mnist-sample` (bench/training.sh passes the bundled subset's folder), scales
pixels to 0..1, shuffles with a fixed seed and trains with Adam (lr 1e-3), softmax cross-entropy, like the
Netwright samples. Timing matches Netwright's: from the end of batch WARMUP to the end of batch
WARMUP + MEASURED, full batches only. Prints one JSON line on stdout.

Debian's python3-torch imports only under /usr/bin/python3; install libopenblas0-pthread for a fast BLAS.
"""
import gzip
import json
import struct
import sys
import time
from pathlib import Path

import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def seed_cnn():
    # Conv 32 3x3 relu, MaxPool 2, Conv 64 3x3 relu, MaxPool 2, Conv 64 3x3 relu, Flatten, Dense 64 relu, Dense 10
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(3 * 3 * 64, 64), nn.ReLU(), nn.Linear(64, 10))


class StackedLstm(nn.Module):
    # 28 steps x 28 features, LSTM 128 returning sequences, LSTM 128 (last step), Dense 10
    def __init__(self):
        super().__init__()
        self.lstm1 = nn.LSTM(28, 128, batch_first=True)
        self.lstm2 = nn.LSTM(128, 128, batch_first=True)
        self.out = nn.Linear(128, 10)

    def forward(self, x):
        seq, _ = self.lstm1(x.reshape(-1, 28, 28))  # image row h is time step h
        seq, _ = self.lstm2(seq)
        return self.out(seq[:, -1, :])


def main():
    model_name, idx_dir, batch, warmup, measured = sys.argv[1], Path(sys.argv[2]), *map(int, sys.argv[3:6])
    threads = int(sys.argv[6]) if len(sys.argv) > 6 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    images = read_idx(idx_dir / "train-images-idx3-ubyte.gz").float().div_(255.0).unsqueeze(1)
    labels = read_idx(idx_dir / "train-labels-idx1-ubyte.gz").long()
    model = seed_cnn() if model_name == "cnn" else StackedLstm()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    order = torch.randperm(len(labels))
    full_batches = len(labels) // batch
    start = None
    loss = float("nan")
    for i in range(1, warmup + measured + 1):
        b = (i - 1) % full_batches
        if b == 0 and i > 1:
            order = torch.randperm(len(labels))
        idx = order[b * batch:(b + 1) * batch]
        optimizer.zero_grad()
        out = loss_fn(model(images[idx]), labels[idx])
        out.backward()
        optimizer.step()
        loss = out.item()  # also waits for the step, like DL4J's synchronous fit
        if i == warmup:
            start = time.perf_counter()
    seconds = time.perf_counter() - start
    print(json.dumps({"samplesPerSecond": measured * batch / seconds, "seconds": seconds,
                      "samples": measured * batch, "loss": loss, "threads": torch.get_num_threads(),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
