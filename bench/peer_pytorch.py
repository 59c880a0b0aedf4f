#!/usr/bin/python3
"""PyTorch peer for the bench scripts (training.sh, lstm.sh, engine.sh, memory.sh): the seed CNN, the seed stacked LSTM, the Transformer encoder sample or the
residual CNN sample, trained on the same data.

Usage: OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/peer_pytorch.py cnn|lstm|transformer|resnet|transformer-tutorial IDX_DIR BATCH WARMUP
       MEASURED [THREADS]

transformer and resnet mirror Netwright's samples (samples/.../transformer.json, resnet.json) layer for layer, with
the same parameter counts (69,450 and 77,898; Netwright counts BatchNorm's running mean and variance, which PyTorch
keeps as buffers). Weights start from PyTorch's default initialisation, not Netwright's Xavier; they train in
train() mode, so dropout is active and BatchNorm uses the minibatch statistics, as in Netwright's training.

Reads the Fashion-MNIST IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz) in IDX_DIR, the
same files as Netwright's `fashion-mnist-sample` (bench/training.sh passes the bundled subset's folder), scales
pixels to 0..1, shuffles with a fixed seed and trains with Adam (lr 1e-3), softmax cross-entropy, like the
Netwright samples. Timing matches Netwright's: from the end of batch WARMUP to the end of batch
WARMUP + MEASURED, full batches only. Prints one JSON line on stdout (with the process's peak resident
memory, peakRssKiB).

Debian's python3-torch imports only under /usr/bin/python3; install libopenblas0-pthread for a fast BLAS.
"""
import gzip
import json
import resource
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


def sinusoidal_positions(steps, width):
    # PE[t, 2i] = sin(t / 10000^(2i/F)), PE[t, 2i+1] = cos(t / 10000^(2i/F)), as PositionalEncodingLayerImpl
    position = torch.arange(steps, dtype=torch.float64).unsqueeze(1)
    rate = torch.pow(10000.0, -(torch.arange(width) - torch.arange(width) % 2).double() / width)
    angle = position * rate
    return torch.where(torch.arange(width) % 2 == 0, torch.sin(angle), torch.cos(angle)).float()


class EncoderBlock(nn.Module):
    # Netwright's TransformerEncoderBlock: post-norm. x = LayerNorm(x + Dropout(SelfAttention(x))), then
    # x = LayerNorm(x + Dropout(Dense(ReLU(Dense(x))))). Attention: Q/K/V/output projections with biases, heads take
    # consecutive slices of the features, softmax(QK^T / sqrt(d_head)) with no dropout on the weights; no dropout
    # inside the feed-forward network. (nn.TransformerEncoderLayer also drops attention weights and the ReLU output.)
    def __init__(self, width, heads, feed_forward, dropout, eps):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads, dropout=0.0, bias=True, batch_first=True)
        self.attn_dropout = nn.Dropout(dropout)
        self.norm1 = nn.LayerNorm(width, eps=eps)
        self.ff1 = nn.Linear(width, feed_forward)
        self.ff2 = nn.Linear(feed_forward, width)
        self.ff_dropout = nn.Dropout(dropout)
        self.norm2 = nn.LayerNorm(width, eps=eps)

    def forward(self, x):
        attended, _ = self.attn(x, x, x, need_weights=False)
        x = self.norm1(x + self.attn_dropout(attended))
        return self.norm2(x + self.ff_dropout(self.ff2(torch.relu(self.ff1(x)))))


class TransformerSample(nn.Module):
    # 28 steps x 28 features, Dense 64 per step (identity), sinusoidal positional encoding (no parameters),
    # 2 x encoder block (4 heads, feed-forward 128, dropout 0.1, LayerNorm eps 1e-5), average over time, Dense 10
    def __init__(self, steps=28, features=28, width=64):
        super().__init__()
        self.embed = nn.Linear(features, width)
        self.register_buffer("positions", sinusoidal_positions(steps, width))
        self.encoders = nn.Sequential(*(EncoderBlock(width, 4, 128, 0.1, 1e-5) for _ in range(2)))
        self.out = nn.Linear(width, 10)

    def forward(self, x):
        seq = self.embed(x.reshape(-1, 28, 28)) + self.positions  # image row h is time step h
        return self.out(self.encoders(seq).mean(dim=1))


class TutorialTransformer(nn.Module):
    # The tutorial's Transformer on image rows as tokens (samples/.../transformer-tutorial.json): 28 steps x 28
    # features, Dense 512 per step, sinusoidal positions, nn.TransformerEncoder of 6 post-norm layers (8 heads,
    # feed-forward 2048, ReLU, dropout 0.1), average over time, Dense 10. 18,934,282 parameters, as Netwright counts.
    # nn.TransformerEncoderLayer also drops attention weights and the feed-forward's ReLU output, which Netwright's
    # block does not: the same arithmetic, slightly more dropout work.
    def __init__(self, steps=28, features=28, width=512):
        super().__init__()
        self.embed = nn.Linear(features, width)
        self.register_buffer("positions", sinusoidal_positions(steps, width))
        layer = nn.TransformerEncoderLayer(width, 8, 2048, 0.1, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 6, enable_nested_tensor=False)
        self.out = nn.Linear(width, 10)

    def forward(self, x):
        seq = self.embed(x.reshape(-1, 28, 28)) + self.positions  # image row h is time step h
        return self.out(self.encoder(seq).mean(dim=1))


def conv_bn(channels_in, channels_out):
    # Conv2D 3x3 'same' with bias, identity activation, then BatchNorm (DL4J decay 0.9 = PyTorch momentum 0.1)
    return [nn.Conv2d(channels_in, channels_out, 3, padding=1), nn.BatchNorm2d(channels_out, eps=1e-5, momentum=0.1)]


class ResidualSample(nn.Module):
    # Conv 32 + BN + ReLU; [Conv 32 + BN + ReLU, Conv 32 + BN] + identity skip, ReLU; MaxPool 2;
    # [Conv 64 + BN + ReLU, Conv 64 + BN] + 1x1 Conv 64 projection skip, ReLU; average over H and W, Dense 10
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(*conv_bn(1, 32), nn.ReLU())
        self.block1 = nn.Sequential(*conv_bn(32, 32), nn.ReLU(), *conv_bn(32, 32))
        self.pool = nn.MaxPool2d(2)
        self.block2 = nn.Sequential(*conv_bn(32, 64), nn.ReLU(), *conv_bn(64, 64))
        self.proj = nn.Conv2d(32, 64, 1)
        self.out = nn.Linear(64, 10)

    def forward(self, x):
        x = self.stem(x)
        x = self.pool(torch.relu(self.block1(x) + x))
        x = torch.relu(self.block2(x) + self.proj(x))
        return self.out(x.mean(dim=(2, 3)))


MODELS = {"cnn": seed_cnn, "lstm": StackedLstm, "transformer": TransformerSample, "resnet": ResidualSample,
          "transformer-tutorial": TutorialTransformer}


def main():
    model_name, idx_dir, batch, warmup, measured = sys.argv[1], Path(sys.argv[2]), *map(int, sys.argv[3:6])
    if model_name not in MODELS:
        sys.exit("MODEL must be one of " + "|".join(MODELS) + ", got " + model_name)
    threads = int(sys.argv[6]) if len(sys.argv) > 6 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    images = read_idx(idx_dir / "train-images-idx3-ubyte.gz").float().div_(255.0).unsqueeze(1)
    labels = read_idx(idx_dir / "train-labels-idx1-ubyte.gz").long()
    model = MODELS[model_name]()
    model.train()
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
                      "torch": torch.__version__,
                      "peakRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
