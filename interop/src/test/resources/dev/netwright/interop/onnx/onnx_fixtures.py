"""Writes ONNX files with Debian's python3-torch for the ONNX import tests: for each model NAME, NAME.onnx (written by
torch.onnx.export in eval mode), NAME.x.npy (20 random inputs, PyTorch's layout) and NAME.y.npy (PyTorch's outputs).
Usage: onnx_fixtures.py OUT_DIR"""
import os, sys, warnings
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

warnings.filterwarnings("ignore")
torch.manual_seed(17)


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b, self.c, self.d = nn.Linear(784, 64), nn.Linear(64, 32), nn.Linear(32, 16), nn.Linear(16, 10)

    def forward(self, x):
        x = x.reshape(x.shape[0], -1)
        x = F.leaky_relu(self.a(x), 0.01)
        x = torch.tanh(self.b(x))
        x = F.elu(torch.sigmoid(self.c(x)))
        return torch.softmax(self.d(x), dim=1)


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 8, 3, padding=1), nn.Conv2d(8, 16, 3)
        self.drop = nn.Dropout(0.25)
        self.fc1, self.fc2 = nn.Linear(16 * 6 * 6, 32), nn.Linear(32, 10)

    def forward(self, x):
        x = F.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = F.avg_pool2d(torch.relu(self.conv2(x)), 2)
        x = self.drop(torch.flatten(x, 1))
        return torch.softmax(self.fc2(torch.relu(self.fc1(x))), dim=1)


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8)
        self.conv2, self.conv3 = nn.Conv2d(8, 8, 3, padding=1), nn.Conv2d(8, 4, 1)
        self.fc = nn.Linear(12, 5)

    def forward(self, x):
        a = torch.relu(self.bn1(self.conv1(x)))
        b = torch.relu(self.conv2(a)) + a
        c = torch.cat([b, self.conv3(b)], 1)
        return torch.softmax(self.fc(torch.flatten(F.adaptive_avg_pool2d(c, 1), 1)), dim=1)


class Lstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm, self.fc = nn.LSTM(28, 16, num_layers=2, batch_first=True), nn.Linear(16, 10)

    def forward(self, x):
        out, _ = self.lstm(x)
        return torch.softmax(self.fc(out[:, -1, :]), dim=1)


class Unsupported(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru, self.fc = nn.GRU(8, 4, batch_first=True), nn.Linear(4, 3)

    def forward(self, x):
        out, _ = self.gru(torch.sin(x))
        return self.fc(out[:, -1, :])


def randomise_batch_norm(model):
    # fresh BatchNorm statistics are 0 and 1: give them values so that a wrong layout shows
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.5, 0.5)


MODELS = [("mlp", Mlp, (1, 28, 28), 13), ("cnn", Cnn, (1, 28, 28), 13), ("cnn17", Cnn, (1, 28, 28), 17),
          ("residual", Residual, (3, 12, 12), 13), ("lstm", Lstm, (28, 28), 13), ("lstm17", Lstm, (28, 28), 17),
          ("unsupported", Unsupported, (6, 8), 13)]

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, make, shape, opset in MODELS:
    model = make()
    randomise_batch_norm(model)
    model.eval()
    x = torch.randn(20, *shape)
    with torch.no_grad():
        y = model(x)
    torch.onnx.export(model, x[:1], os.path.join(out, name + ".onnx"), opset_version=opset, training=torch.onnx.TrainingMode.PRESERVE, input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    np.save(os.path.join(out, name + ".x.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(out, name + ".y.npy"), y.numpy().astype(np.float32))
print("wrote", len(MODELS), "models")
