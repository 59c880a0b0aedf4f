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


class LstmHidden(nn.Module):
    """Reads the top layer's last hidden state, h_n[-1], rather than the last step of the output."""
    def __init__(self, layers):
        super().__init__()
        self.lstm, self.fc = nn.LSTM(28, 12, num_layers=layers, batch_first=True), nn.Linear(12, 10)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return torch.softmax(self.fc(h[-1]), dim=1)


class Refused(nn.Module):
    """Operators Netwright has kinds for, with options it cannot honour, one after another."""
    def __init__(self):
        super().__init__()
        self.a, self.b = nn.Conv2d(3, 4, 3, stride=2, padding=1), nn.Conv2d(4, 4, 3, groups=2, dilation=2)
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = F.max_pool2d(self.b(self.a(x)), 2, ceil_mode=True)
        return torch.softmax(self.fc(torch.flatten(F.leaky_relu(x, 0.2), 1)), dim=1)


class Unsupported(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru, self.fc = nn.GRU(8, 4, batch_first=True), nn.Linear(4, 3)

    def forward(self, x):
        out, _ = self.gru(torch.sin(x))
        return self.fc(out[:, -1, :])


class Transformer(nn.Module):
    """Image rows as tokens: a Linear to d_model 16, a learned positional table, post-norm encoder layers, the mean over
    tokens, a Linear to 10 classes."""
    def __init__(self, layers, norm_first=False):
        super().__init__()
        self.proj = nn.Linear(28, 16)
        self.pos = nn.Parameter(torch.randn(28, 16) * 0.1)
        layer = nn.TransformerEncoderLayer(d_model=16, nhead=2, dim_feedforward=32, dropout=0.1, batch_first=True,
                                           norm_first=norm_first)
        self.encoder = nn.TransformerEncoder(layer, layers)
        self.fc = nn.Linear(16, 10)
        # the encoder's layers are copies of one: give each its own values, and the norms more than ones and zeros
        for name, p in self.named_parameters():
            if "norm" in name and name.endswith("weight"):
                p.data.uniform_(0.5, 1.5)
            elif name != "pos":
                p.data.normal_(0, 0.3)

    def forward(self, x):
        x = self.encoder(self.proj(x) + self.pos)
        return torch.softmax(self.fc(x.mean(dim=1)), dim=1)


class TransformerOfImages(Transformer):
    """The same over [N, 1, 28, 28] images, their rows made tokens by a reshape."""
    def forward(self, x):
        return super().forward(x.reshape(x.shape[0], 28, 28))


class MaskedTransformer(Transformer):
    """A causal mask added to the attention's scores: Netwright's block attends to every step, so it is refused."""
    def forward(self, x):
        mask = torch.triu(torch.full((28, 28), float("-inf")), diagonal=1)
        x = self.encoder(self.proj(x) + self.pos, mask=mask)
        return torch.softmax(self.fc(x.mean(dim=1)), dim=1)


class RowsOfThreeChannels(nn.Module):
    """A reshape of a 3-channel image to [N, H, W*C] mixes channels into rows: refused."""
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(24, 5)

    def forward(self, x):
        return torch.softmax(self.fc(x.reshape(x.shape[0], 8, 24).mean(dim=1)), dim=1)


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
          ("lstm_h1", lambda: LstmHidden(1), (28, 28), 13), ("lstm_h2", lambda: LstmHidden(2), (28, 28), 17),
          ("transformer", lambda: Transformer(1), (28, 28), 13), ("transformer17", lambda: Transformer(2), (28, 28), 17),
          ("transformer_images", lambda: TransformerOfImages(1), (1, 28, 28), 13),
          ("rows_of_three_channels", RowsOfThreeChannels, (3, 8, 8), 13),
          ("transformer_masked", lambda: MaskedTransformer(1), (28, 28), 13),
          ("transformer_prenorm", lambda: Transformer(1, norm_first=True), (28, 28), 17),
          ("unsupported", Unsupported, (6, 8), 13), ("refused", Refused, (3, 16, 16), 13)]

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


def tf2onnx_style(name, images):
    """A model as TensorFlow's exporter (tf2onnx) lays it out, built with onnx.helper: channels-last images behind a
    Transpose, a Transpose back before the Reshape that flattens, MatMul + Add for each Dense."""
    from onnx import helper, numpy_helper, TensorProto
    rng = np.random.default_rng(3)
    weights, nodes = {}, []

    def const(n, a):
        weights[n] = a.astype(np.float32) if a.dtype != np.int64 else a
        return n

    x = torch.randn(20, 12, 12, 3) if images else torch.randn(20, 48)
    if images:
        w, b = rng.normal(0, 0.3, (8, 3, 3, 3)), rng.normal(0, 0.1, 8)
        nodes += [helper.make_node("Transpose", ["x"], ["nchw"], name="to_nchw", perm=[0, 3, 1, 2]),
                  helper.make_node("Conv", ["nchw", const("conv.w", w), const("conv.b", b)], ["c"], name="conv",
                                   kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
                  helper.make_node("Relu", ["c"], ["r"], name="conv_relu"),
                  helper.make_node("MaxPool", ["r"], ["p"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
                  helper.make_node("Transpose", ["p"], ["nhwc"], name="to_nhwc", perm=[0, 2, 3, 1]),
                  helper.make_node("Reshape", ["nhwc", const("flat.shape", np.array([-1, 288], dtype=np.int64))],
                                   ["h0"], name="flatten")]
        h = torch.relu(F.conv2d(x.permute(0, 3, 1, 2), torch.tensor(w, dtype=torch.float32),
                                torch.tensor(b, dtype=torch.float32), padding=1))
        h = F.max_pool2d(h, 2).permute(0, 2, 3, 1).reshape(-1, 288)
        width = 288
    else:
        nodes.append(helper.make_node("Identity", ["x"], ["h0"], name="input_identity"))
        h, width = x, 48
    for i, (units, act) in enumerate([(16, "Relu"), (5, "Softmax")]):
        w, b = rng.normal(0, 0.3, (width, units)), rng.normal(0, 0.1, units)
        nodes += [helper.make_node("MatMul", [f"h{i}", const(f"dense{i}.w", w)], [f"m{i}"], name=f"dense{i}/MatMul"),
                  helper.make_node("Add", [f"m{i}", const(f"dense{i}.b", b)], [f"a{i}"], name=f"dense{i}/BiasAdd"),
                  helper.make_node(act, [f"a{i}"], [f"h{i + 1}" if i == 0 else "y"], name=f"dense{i}/{act}")]
        h = h @ torch.tensor(w, dtype=torch.float32) + torch.tensor(b, dtype=torch.float32)
        h = torch.relu(h) if act == "Relu" else torch.softmax(h, dim=1)
        width = units
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N"] + list(x.shape[1:]))],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", width])],
                              [numpy_helper.from_array(a, n) for n, a in weights.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="tf2onnx-style")
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, name + ".onnx"))
    np.save(os.path.join(out, name + ".x.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(out, name + ".y.npy"), h.numpy().astype(np.float32))


import onnx
tf2onnx_style("tf_mlp", False)
tf2onnx_style("tf_cnn", True)
print("wrote", len(MODELS) + 2, "models")
