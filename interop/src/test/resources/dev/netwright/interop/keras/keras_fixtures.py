"""Keras model files for KerasImportTest, written without TensorFlow: h5py in Keras 2's HDF5 layout and Keras 3's
.keras zip, random weights, and numpy's forward pass of the same weights on a few inputs (MODEL_x.npy, MODEL_y.npy).

usage: python3 keras_fixtures.py OUT_DIR
"""
import json
import sys
import zipfile
from pathlib import Path

import h5py
import numpy as np

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(16)


def relu(x):
    return np.maximum(x, 0)


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def lstm(x, kernel, recurrent, bias, return_sequences, activation=np.tanh):
    """Keras' LSTM: the gate blocks of the kernel's columns are i, f, c, o."""
    u = recurrent.shape[0]
    h = np.zeros((x.shape[0], u))
    c = np.zeros((x.shape[0], u))
    steps = []
    for t in range(x.shape[1]):
        z = x[:, t] @ kernel + h @ recurrent + bias
        i, f, g, o = sigmoid(z[:, :u]), sigmoid(z[:, u:2 * u]), activation(z[:, 2 * u:3 * u]), sigmoid(z[:, 3 * u:])
        c = f * c + i * g
        h = o * activation(c)
        steps.append(h)
    return np.stack(steps, axis=1) if return_sequences else h


def gru(x, kernel, recurrent, bias, return_sequences):
    """Keras' GRU with reset_after=True: blocks z, r, h; bias row 0 on the input's product, row 1 on the state's."""
    u = recurrent.shape[0]
    h = np.zeros((x.shape[0], u))
    steps = []
    for t in range(x.shape[1]):
        xz = x[:, t] @ kernel + bias[0]
        hz = h @ recurrent + bias[1]
        z = sigmoid(xz[:, :u] + hz[:, :u])
        r = sigmoid(xz[:, u:2 * u] + hz[:, u:2 * u])
        candidate = np.tanh(xz[:, 2 * u:] + r * hz[:, 2 * u:])
        h = z * h + (1 - z) * candidate
        steps.append(h)
    return np.stack(steps, axis=1) if return_sequences else h


def simple_rnn(x, kernel, recurrent, bias, return_sequences):
    h = np.zeros((x.shape[0], recurrent.shape[0]))
    steps = []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ kernel + h @ recurrent + bias)
        steps.append(h)
    return np.stack(steps, axis=1) if return_sequences else h


def batch_norm(x, gamma, beta, mean, variance, epsilon):
    return (x - mean) / np.sqrt(variance + epsilon) * gamma + beta


def layer_norm(x, gamma, beta, epsilon):
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + epsilon) * gamma + beta


def conv1d_valid(x, k, b):
    n, steps, f = x.shape
    width, _, o = k.shape
    y = np.zeros((n, steps - width + 1, o))
    for t in range(steps - width + 1):
        y[:, t, :] = np.tensordot(x[:, t:t + width, :], k, axes=([1, 2], [0, 1]))
    return y + b


def pool1d(x, size, reduce):
    n, steps, f = x.shape
    return reduce(x[:, :steps // size * size].reshape(n, steps // size, size, f), axis=2)


def conv_valid(x, k, b):
    n, h, w, c = x.shape
    kh, kw, _, o = k.shape
    y = np.zeros((n, h - kh + 1, w - kw + 1, o), dtype=np.float64)
    for i in range(h - kh + 1):
        for j in range(w - kw + 1):
            y[:, i, j, :] = np.tensordot(x[:, i:i + kh, j:j + kw, :], k, axes=([1, 2, 3], [0, 1, 2]))
    return y + b


def conv_transpose(x, k, b, stride, padding):
    """Keras' Conv2DTranspose, kernel (kh, kw, out, in): each input pixel adds the kernel times itself at stride steps;
    'same' keeps input × stride of the full output, cropping max(kernel - stride, 0) // 2 rows (columns) from the top
    (left) as TensorFlow's gradient of a 'same' convolution does."""
    n, h, w, c = x.shape
    kh, kw, o, _ = k.shape
    full = np.zeros((n, (h - 1) * stride + kh, (w - 1) * stride + kw, o))
    for i in range(h):
        for j in range(w):
            full[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :] += np.einsum("nc,abkc->nabk", x[:, i, j, :], k)
    if padding == "same":
        top, left = max(kh - stride, 0) // 2, max(kw - stride, 0) // 2
        full = full[:, top:top + h * stride, left:left + w * stride, :]
    return full + b


def maxpool2(x):
    n, h, w, c = x.shape
    return x[:, :h // 2 * 2, :w // 2 * 2, :].reshape(n, h // 2, 2, w // 2, 2, c).max(axis=(2, 4))


def weights(*shape):
    return (rng.standard_normal(shape) * 0.5).astype(np.float32)


def layer(class_name, name, **config):
    return {"class_name": class_name, "config": dict(name=name, trainable=True, dtype="float32", **config)}


def dense(name, units, activation):
    return layer("Dense", name, units=units, activation=activation, use_bias=True,
                 kernel_initializer={"class_name": "GlorotUniform", "config": {"seed": None}},
                 bias_initializer={"class_name": "Zeros", "config": {}}, kernel_regularizer=None)


# ---------------------------------------------------------------- the models

def cnn():
    k1, b1 = weights(3, 3, 2, 4), weights(4)
    k2, b2 = weights(36, 16), weights(16)
    k3, b3 = weights(16, 3), weights(3)
    layers = [
        layer("InputLayer", "image", batch_input_shape=[None, 8, 8, 2], batch_shape=[None, 8, 8, 2], sparse=False),
        layer("Conv2D", "conv2d", filters=4, kernel_size=[3, 3], strides=[1, 1], padding="valid",
              data_format="channels_last", dilation_rate=[1, 1], groups=1, activation="relu", use_bias=True),
        layer("MaxPooling2D", "max_pooling2d", pool_size=[2, 2], padding="valid", strides=[2, 2],
              data_format="channels_last"),
        layer("Flatten", "flatten", data_format="channels_last"),
        dense("dense", 16, "relu"),
        layer("Dropout", "dropout", rate=0.5, noise_shape=None, seed=None),
        dense("dense_1", 3, "softmax"),
    ]
    params = {"conv2d": [k1, b1], "dense": [k2, b2], "dense_1": [k3, b3]}
    x = rng.standard_normal((5, 8, 8, 2)).astype(np.float32)
    h = maxpool2(relu(conv_valid(x.astype(np.float64), k1, b1))).reshape(5, -1)
    y = softmax(relu(h @ k2 + b2) @ k3 + b3)
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}
    return config, layers, params, x, y


def functional(keras3):
    ka, ba = weights(6, 8), weights(8)
    kb, bb = weights(6, 8), weights(8)
    kc, bc = weights(8, 8), weights(8)
    ko, bo = weights(16, 3), weights(3)

    def wired(spec, *inputs):
        name = spec["config"]["name"]
        spec = dict(spec, name=name)
        if keras3:
            tensors = [{"class_name": "__keras_tensor__",
                        "config": {"shape": [None, 8], "dtype": "float32", "keras_history": [i, 0, 0]}} for i in inputs]
            args = [tensors] if len(tensors) > 1 else tensors
            spec["inbound_nodes"] = [{"args": args, "kwargs": {}}] if inputs else []
            spec["module"] = "keras.layers"
        else:
            spec["inbound_nodes"] = [[[i, 0, 0, {}] for i in inputs]] if inputs else []
        return spec

    layers = [
        wired(layer("InputLayer", "features", batch_input_shape=[None, 6], batch_shape=[None, 6], sparse=False)),
        wired(dense("a", 8, "relu"), "features"),
        wired(dense("b", 8, "tanh"), "features"),
        wired(layer("Add", "add"), "a", "b"),
        wired(dense("c", 8, "relu"), "add"),
        wired(layer("Concatenate", "concatenate", axis=-1), "add", "c"),
        wired(dense("out", 3, "softmax"), "concatenate"),
    ]
    params = {"a": [ka, ba], "b": [kb, bb], "c": [kc, bc], "out": [ko, bo]}
    x = rng.standard_normal((5, 6)).astype(np.float32)
    xd = x.astype(np.float64)
    s = relu(xd @ ka + ba) + np.tanh(xd @ kb + bb)
    y = softmax(np.concatenate([s, relu(s @ kc + bc)], axis=1) @ ko + bo)
    outputs = ["out", 0, 0] if keras3 else [["out", 0, 0]]
    config = {"class_name": "Functional", "config": {"name": "model", "layers": layers,
                                                     "input_layers": [["features", 0, 0]], "output_layers": outputs}}
    return config, layers, params, x, y


def recurrent_layer(class_name, name, units, return_sequences, **extra):
    config = dict(units=units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                  return_sequences=return_sequences, return_state=False, go_backwards=False, stateful=False,
                  unroll=False, dropout=0.0, recurrent_dropout=0.0)
    if class_name == "SimpleRNN":
        del config["recurrent_activation"]
    config.update(extra)
    return layer(class_name, name, **config)


def sequential(name, layers):
    return {"class_name": "Sequential", "config": {"name": name, "layers": layers}}


def sequence():
    """LSTM (every step) into GRU (last step) into a softmax Dense: Keras' recurrent gate orders."""
    k1, r1, b1 = weights(6, 32), weights(8, 32), weights(32)
    k2, r2, b2 = weights(8, 15), weights(5, 15), weights(2, 15)
    k3, b3 = weights(5, 3), weights(3)
    layers = [
        layer("InputLayer", "steps", batch_input_shape=[None, 10, 6], batch_shape=[None, 10, 6], sparse=False),
        recurrent_layer("LSTM", "lstm", 8, True, unit_forget_bias=True, implementation=2),
        recurrent_layer("GRU", "gru", 5, False, reset_after=True, implementation=2),
        dense("dense", 3, "softmax"),
    ]
    params = {"lstm": [k1, r1, b1], "gru": [k2, r2, b2], "dense": [k3, b3]}
    x = rng.standard_normal((4, 10, 6)).astype(np.float32)
    h = gru(lstm(x.astype(np.float64), k1, r1, b1, True), k2, r2, b2, False)
    return sequential("sequence", layers), layers, params, x, softmax(h @ k3 + b3)


def relu_lstm():
    """An LSTM with activation 'relu', which Netwright compiles to DL4J's own LSTM (gate blocks c, f, o, i)."""
    k1, r1, b1 = weights(3, 16), weights(4, 16), weights(16)
    k2, b2 = weights(4, 2), weights(2)
    layers = [
        layer("InputLayer", "steps", batch_input_shape=[None, 6, 3], batch_shape=[None, 6, 3], sparse=False),
        recurrent_layer("LSTM", "lstm", 4, False, activation="relu"),
        dense("dense", 2, "softmax"),
    ]
    params = {"lstm": [k1, r1, b1], "dense": [k2, b2]}
    x = rng.standard_normal((4, 6, 3)).astype(np.float32)
    h = lstm(x.astype(np.float64), k1, r1, b1, False, activation=relu)
    return sequential("relu_lstm", layers), layers, params, x, softmax(h @ k2 + b2)


def batchnorm():
    """Conv2D, BatchNormalization, ReLU, global pooling, and a Dense followed by Activation('softmax')."""
    k1, b1 = weights(3, 3, 3, 4), weights(4)
    gamma, beta, mean = weights(4) + 1, weights(4), weights(4)
    variance = rng.uniform(0.5, 2.0, 4).astype(np.float32)
    k2, b2 = weights(4, 5), weights(5)
    layers = [
        layer("InputLayer", "image", batch_input_shape=[None, 6, 6, 3], batch_shape=[None, 6, 6, 3], sparse=False),
        layer("Conv2D", "conv2d", filters=4, kernel_size=[3, 3], strides=[1, 1], padding="valid",
              data_format="channels_last", dilation_rate=[1, 1], groups=1, activation="linear", use_bias=True),
        layer("BatchNormalization", "batch_normalization", axis=-1, momentum=0.99, epsilon=0.001, center=True,
              scale=True),
        layer("Activation", "activation", activation="relu"),
        layer("GlobalAveragePooling2D", "global_average_pooling2d", data_format="channels_last", keepdims=False),
        dense("dense", 5, "linear"),
        layer("Activation", "softmax", activation="softmax"),
    ]
    params = {"conv2d": [k1, b1], "batch_normalization": [gamma, beta, mean, variance], "dense": [k2, b2]}
    x = rng.standard_normal((5, 6, 6, 3)).astype(np.float32)
    h = relu(batch_norm(conv_valid(x.astype(np.float64), k1, b1), gamma, beta, mean, variance, 0.001))
    return sequential("batchnorm", layers), layers, params, x, softmax(h.mean(axis=(1, 2)) @ k2 + b2)


def conv1d():
    """Conv1D, max pooling, LayerNormalization per step, average pooling and global average pooling."""
    k1, b1 = weights(3, 4, 6), weights(6)
    gamma, beta = weights(6) + 1, weights(6)
    k2, b2 = weights(6, 3), weights(3)
    layers = [
        layer("InputLayer", "signal", batch_input_shape=[None, 14, 4], batch_shape=[None, 14, 4], sparse=False),
        layer("Conv1D", "conv1d", filters=6, kernel_size=[3], strides=[1], padding="valid",
              data_format="channels_last", dilation_rate=[1], groups=1, activation="relu", use_bias=True),
        layer("MaxPooling1D", "max_pooling1d", pool_size=[2], strides=[2], padding="valid", data_format="channels_last"),
        layer("LayerNormalization", "layer_normalization", axis=[-1], epsilon=0.001, center=True, scale=True),
        layer("AveragePooling1D", "average_pooling1d", pool_size=[2], strides=None, padding="valid",
              data_format="channels_last"),
        layer("GlobalAveragePooling1D", "global_average_pooling1d", data_format="channels_last", keepdims=False),
        dense("dense", 3, "softmax"),
    ]
    params = {"conv1d": [k1, b1], "layer_normalization": [gamma, beta], "dense": [k2, b2]}
    x = rng.standard_normal((4, 14, 4)).astype(np.float32)
    h = pool1d(relu(conv1d_valid(x.astype(np.float64), k1, b1)), 2, np.max)
    h = pool1d(layer_norm(h, gamma, beta, 0.001), 2, np.mean).mean(axis=1)
    return sequential("conv1d", layers), layers, params, x, softmax(h @ k2 + b2)


def tokens():
    """Embedding of token ids into a SimpleRNN (every step), global max pooling, LayerNormalization, softmax."""
    table = weights(20, 4)
    k1, r1, b1 = weights(4, 6), weights(6, 6), weights(6)
    gamma, beta = weights(6) + 1, weights(6)
    k2, b2 = weights(6, 3), weights(3)
    layers = [
        layer("InputLayer", "tokens", batch_input_shape=[None, 9], batch_shape=[None, 9], sparse=False),
        layer("Embedding", "embedding", input_dim=20, output_dim=4, mask_zero=False, input_length=9),
        recurrent_layer("SimpleRNN", "simple_rnn", 6, True),
        layer("GlobalMaxPooling1D", "global_max_pooling1d", data_format="channels_last", keepdims=False),
        layer("LayerNormalization", "layer_normalization", axis=-1, epsilon=0.001, center=True, scale=True),
        dense("dense", 3, "softmax"),
    ]
    params = {"embedding": [table], "simple_rnn": [k1, r1, b1], "layer_normalization": [gamma, beta],
              "dense": [k2, b2]}
    x = rng.integers(0, 20, (5, 9)).astype(np.float32)
    h = simple_rnn(table[x.astype(int)].astype(np.float64), k1, r1, b1, True).max(axis=1)
    return sequential("tokens", layers), layers, params, x, softmax(layer_norm(h, gamma, beta, 0.001) @ k2 + b2)


def upsampling(padding):
    """Conv2DTranspose, UpSampling2D (nearest), Reshape to a sequence, global average pooling over its steps."""
    side = 8 if padding == "same" else 9  # the transposed convolution's output; half an upsampled row is one step
    features = side * 3
    k1, b1 = weights(3, 3, 3, 2), weights(3)
    k2, b2 = weights(features, 3), weights(3)
    layers = [
        layer("InputLayer", "image", batch_input_shape=[None, 4, 4, 2], batch_shape=[None, 4, 4, 2], sparse=False),
        layer("Conv2DTranspose", "conv2d_transpose", filters=3, kernel_size=[3, 3], strides=[2, 2], padding=padding,
              output_padding=None, data_format="channels_last", dilation_rate=[1, 1], activation="relu",
              use_bias=True),
        layer("UpSampling2D", "up_sampling2d", size=[2, 2], data_format="channels_last", interpolation="nearest"),
        layer("Reshape", "reshape", target_shape=[4 * side, features]),
        layer("GlobalAveragePooling1D", "global_average_pooling1d", data_format="channels_last", keepdims=False),
        dense("dense", 3, "softmax"),
    ]
    params = {"conv2d_transpose": [k1, b1], "dense": [k2, b2]}
    x = rng.standard_normal((5, 4, 4, 2)).astype(np.float32)
    h = relu(conv_transpose(x.astype(np.float64), k1, b1, 2, padding))
    h = h.repeat(2, axis=1).repeat(2, axis=2).reshape(5, 4 * side, features).mean(axis=1)
    return sequential("upsampling", layers), layers, params, x, softmax(h @ k2 + b2)


def upsampling_same():
    return upsampling("same")


def upsampling_valid():
    return upsampling("valid")


# ---------------------------------------------------------------- the files

# Each class's weights by their Keras names, in Keras 3's order; a recurrent layer keeps them in its cell
WEIGHT_NAMES = {"BatchNormalization": ["gamma", "beta", "moving_mean", "moving_variance"],
                "LayerNormalization": ["gamma", "beta"], "Embedding": ["embeddings"],
                "LSTM": ["kernel", "recurrent_kernel", "bias"], "GRU": ["kernel", "recurrent_kernel", "bias"],
                "SimpleRNN": ["kernel", "recurrent_kernel", "bias"]}
CELLS = {"LSTM": "lstm_cell", "GRU": "gru_cell", "SimpleRNN": "simple_rnn_cell"}

def keras2_h5(path, config, layers, params):
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = b"2.13.1"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(config).encode("utf8")
        f.attrs["training_config"] = json.dumps({"loss": "categorical_crossentropy"}).encode("utf8")
        weights_group = f.create_group("model_weights")
        names = [spec["config"]["name"] for spec in layers]
        weights_group.attrs["layer_names"] = np.array([n.encode("utf8") for n in names])
        weights_group.attrs["backend"] = b"tensorflow"
        weights_group.attrs["keras_version"] = b"2.13.1"
        for spec in layers:
            name, class_name = spec["config"]["name"], spec["class_name"]
            g = weights_group.create_group(name)
            arrays = params.get(name, [])
            prefix = f"{name}/{CELLS[class_name]}" if class_name in CELLS else name
            weight_names = [f"{prefix}/{w}:0" for w in WEIGHT_NAMES.get(class_name, ["kernel", "bias"])[:len(arrays)]]
            g.attrs["weight_names"] = np.array([w.encode("utf8") for w in weight_names], dtype="S")
            for weight_name, array in zip(weight_names, arrays):
                g.create_dataset(weight_name, data=array)


def keras3_zip(path, config, layers, params):
    h5_path = path.with_suffix(".weights.tmp.h5")
    with h5py.File(h5_path, "w") as f:
        layers_group = f.create_group("layers")
        for spec in layers:
            name = spec["config"]["name"]
            group = layers_group.create_group(name)
            if spec["class_name"] in CELLS:
                group.create_group("vars")
                group = group.create_group("cell")
            v = group.create_group("vars")
            for i, array in enumerate(params.get(name, [])):
                v.create_dataset(str(i), data=array)
        f.create_group("optimizer").create_group("vars")
    config = dict(config, module="keras.src.models.functional", registered_name=None)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.3.3", "date_saved": "2026-12-06@14:00:00"}))
        z.writestr("config.json", json.dumps(config))
        z.write(h5_path, "model.weights.h5")
    h5_path.unlink()


config, layers, params, x, y = cnn()
keras2_h5(out / "cnn.h5", config, layers, params)
keras3_zip(out / "cnn.keras", config, layers, params)
# the architecture alone, as model.to_json() writes it, here from a Keras 2.1-style model without an InputLayer
bare = [dict(l) for l in layers[1:]]
bare[0] = {"class_name": "Conv2D", "config": dict(bare[0]["config"], batch_input_shape=[None, 8, 8, 2])}
(out / "cnn.json").write_text(json.dumps({"class_name": "Sequential", "config": {"name": "sequential", "layers": bare},
                                          "keras_version": "2.13.1", "backend": "tensorflow"}))
np.save(out / "cnn_x.npy", x)
np.save(out / "cnn_y.npy", y.astype(np.float32))

config, layers, params, x, y = functional(False)
keras2_h5(out / "functional.h5", config, layers, params)
config3, layers3, _, _, _ = functional(True)
keras3_zip(out / "functional.keras", config3, layers3, params)
np.save(out / "functional_x.npy", x)
np.save(out / "functional_y.npy", y.astype(np.float32))

for make in [sequence, batchnorm, conv1d, tokens, relu_lstm, upsampling_same, upsampling_valid]:
    config, layers, params, x, y = make()
    keras2_h5(out / f"{make.__name__}.h5", config, layers, params)
    keras3_zip(out / f"{make.__name__}.keras", config, layers, params)
    np.save(out / f"{make.__name__}_x.npy", x)
    np.save(out / f"{make.__name__}_y.npy", y.astype(np.float32))
