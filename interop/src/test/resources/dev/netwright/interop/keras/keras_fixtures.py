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


def conv_valid(x, k, b):
    n, h, w, c = x.shape
    kh, kw, _, o = k.shape
    y = np.zeros((n, h - kh + 1, w - kw + 1, o), dtype=np.float64)
    for i in range(h - kh + 1):
        for j in range(w - kw + 1):
            y[:, i, j, :] = np.tensordot(x[:, i:i + kh, j:j + kw, :], k, axes=([1, 2, 3], [0, 1, 2]))
    return y + b


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


# ---------------------------------------------------------------- the files

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
        for name in names:
            g = weights_group.create_group(name)
            arrays = params.get(name, [])
            weight_names = [f"{name}/{w}:0" for w in ["kernel", "bias"][:len(arrays)]]
            g.attrs["weight_names"] = np.array([w.encode("utf8") for w in weight_names], dtype="S")
            for weight_name, array in zip(weight_names, arrays):
                g.create_dataset(weight_name, data=array)


def keras3_zip(path, config, layers, params):
    h5_path = path.with_suffix(".weights.tmp.h5")
    with h5py.File(h5_path, "w") as f:
        layers_group = f.create_group("layers")
        for spec in layers:
            name = spec["config"]["name"]
            v = layers_group.create_group(name).create_group("vars")
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
