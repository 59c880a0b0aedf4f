"""A ResNet-style CNN trained briefly in PyTorch on Fashion-MNIST and written by torch.onnx.export, for
Netwright's ONNX import (bench/onnx-import.sh). Prints PyTorch's accuracy on the 10,000 test images.

Usage: python3 bench/pytorch_resnet_onnx.py OUT.onnx [TRAIN_IMAGES]
Reads Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist); pixels scaled to 0..1."""
import gzip, os, sys
import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(42)
torch.set_num_threads(2)
FOLDER = os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def read(name, offset):
    with gzip.open(os.path.join(FOLDER, name)) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        self.block1 = Block(16, 16, 1)
        self.block2 = Block(16, 32, 1)
        self.pool = nn.MaxPool2d(2)
        self.block3 = Block(32, 32, 1)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = F.relu(self.bn(self.stem(x)))
        x = self.pool(self.block2(self.block1(x)))
        x = self.block3(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return torch.softmax(self.fc(x), dim=1)


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    images = torch.from_numpy(read("train-images-idx3-ubyte.gz", 16).astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    labels = torch.from_numpy(read("train-labels-idx1-ubyte.gz", 8).astype(np.int64))
    model = ResNet()
    optimiser = torch.optim.Adam(model.parameters(), 1e-3)
    model.train()
    for start in range(0, count, 64):
        x, y = images[start:start + 64], labels[start:start + 64]
        optimiser.zero_grad()
        loss = F.nll_loss(torch.log(model(x) + 1e-9), y)
        loss.backward()
        optimiser.step()
    model.eval()
    test_x = torch.from_numpy(read("t10k-images-idx3-ubyte.gz", 16).astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    test_y = torch.from_numpy(read("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64))
    with torch.no_grad():
        correct = sum(int((model(test_x[i:i + 500]).argmax(1) == test_y[i:i + 500]).sum()) for i in range(0, 10000, 500))
    print(f"PyTorch {torch.__version__}: trained on {count} images, test accuracy {correct / 10000:.4f}")
    torch.onnx.export(model, images[:1], out, opset_version=13, input_names=["input"], output_names=["probabilities"],
                      dynamic_axes={"input": {0: "N"}, "probabilities": {0: "N"}})
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
