package dev.netwright.runtime.codegen;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.OutputKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The parts of the exported Keras file around the model: imports, helper layers, data, compile and fit. */
final class KerasScript {
    private KerasScript() {
    }

    static void header(PythonWriter py, Design design, Shape input, Set<String> kinds) {
        py.line("\"\"\"" + PyTorchScript.oneLine(design.name()) + ": a Netwright design exported as tf.keras code "
                + "(architecture only, freshly initialised weights).");
        if (!design.description().isBlank()) {
            py.blank();
            py.line(PyTorchScript.oneLine(design.description()));
        }
        py.blank();
        py.line("Input " + KerasLayers.shapeTuple(input) + " per example, channels last; the model gives logits.");
        py.line("\"\"\"");
        py.line("import numpy as np");
        py.line("import tensorflow as tf");
        py.line("from tensorflow import keras");
        py.line("from tensorflow.keras import layers");
        py.blank();
        py.blank();
        if (kinds.stream().anyMatch(k -> k.equals("Dense") || k.equals("Conv1D") || k.equals("Conv2D")
                || k.equals("Conv2DTranspose") || k.equals("Activation") || k.equals("LSTM") || k.equals("GRU")
                || k.equals("SimpleRNN"))) {
            py.line("def leaky_relu(x):");
            py.line("    \"\"\"Netwright's leaky relu (DL4J's slope 0.01; Keras's own defaults to 0.2 or 0.3).\"\"\"");
            py.line("    return tf.nn.leaky_relu(x, alpha=0.01)");
            py.blank();
            py.blank();
        }
        if (kinds.contains("PositionalEncoding")) {
            positionalEncoding(py);
        }
        if (kinds.contains("TransformerEncoderBlock")) {
            encoderBlock(py);
        }
    }

    private static void positionalEncoding(PythonWriter py) {
        py.line("class PositionalEncoding(layers.Layer):");
        py.line("    \"\"\"Netwright's position signal added to each step: sin on even features, cos on odd ones, or learned.\"\"\"");
        py.blank();
        py.line("    def __init__(self, mode=\"sinusoidal\", **kwargs):");
        py.line("        super().__init__(**kwargs)");
        py.line("        self.mode = mode");
        py.blank();
        py.line("    def build(self, input_shape):");
        py.line("        steps, features = int(input_shape[-2]), int(input_shape[-1])");
        py.line("        f = np.arange(features)");
        py.line("        angles = np.arange(steps)[:, None] * np.power(10000.0, -(f - f % 2) / features)[None, :]");
        py.line("        table = np.where(f % 2 == 0, np.sin(angles), np.cos(angles)).astype(\"float32\")");
        py.line("        if self.mode == \"learned\":");
        py.line("            self.table = self.add_weight(name=\"table\", shape=(steps, features),");
        py.line("                                         initializer=keras.initializers.Constant(table))");
        py.line("        else:");
        py.line("            self.table = tf.constant(table)");
        py.blank();
        py.line("    def call(self, x):");
        py.line("        return x + self.table");
        py.blank();
        py.blank();
    }

    private static void encoderBlock(PythonWriter py) {
        py.line("def transformer_encoder_block(x, heads, feed_forward, dropout, epsilon, name):");
        py.line("    \"\"\"Netwright's post-norm encoder block: attention, add, LayerNorm; Dense relu, Dense, add, LayerNorm.\"\"\"");
        py.line("    features = x.shape[-1]");
        py.line("    attention = layers.MultiHeadAttention(num_heads=heads, key_dim=features // heads, name=name + \"_attn\")(x, x)");
        py.line("    x = layers.Add(name=name + \"_add1\")([x, layers.Dropout(dropout, name=name + \"_attn_dropout\")(attention)])");
        py.line("    x = layers.LayerNormalization(epsilon=epsilon, name=name + \"_norm1\")(x)");
        py.line("    hidden = layers.Dense(feed_forward, activation=\"relu\", name=name + \"_ff1\")(x)");
        py.line("    hidden = layers.Dense(features, name=name + \"_ff2\")(hidden)");
        py.line("    x = layers.Add(name=name + \"_add2\")([x, layers.Dropout(dropout, name=name + \"_ff_dropout\")(hidden)])");
        py.line("    return layers.LayerNormalization(epsilon=epsilon, name=name)(x)");
        py.blank();
        py.blank();
    }

    /**
     * Learning-rate factors have no Keras equivalent without a custom optimizer: the code names them as not exported.
     * (Frozen nodes are written as their layers' {@code trainable=False}.)
     */
    static void fineTuning(PythonWriter py, List<Node> nodes) {
        List<String> factored = nodes.stream().filter(n -> n.trainable() && n.learnRateFactor() != 1)
                .map(n -> n.id() + " x" + PyTorchLayers.number(n.learnRateFactor())).toList();
        if (!factored.isEmpty()) {
            py.line("# Netwright's learning-rate factors (" + String.join(", ", factored) + ") are not exported: Keras "
                    + "trains every layer at the optimizer's rate.");
        }
    }

    static void trailer(PythonWriter py, Design design, Shape input, String loss) {
        TrainingPlan plan = design.training().orElse(CodeExports.DEFAULT_PLAN);
        py.line("model.summary()");
        py.blank();
        String source = design.data().map(d -> d.source()).orElse("");
        if (input.elements() == 784) {
            py.line("# Fashion-MNIST as Keras downloads it" + (source.isEmpty() ? "" : " (the design names "
                    + PyTorchScript.oneLine(source) + ")") + ", pixels scaled to 0..1, shaped as the design's input");
            py.line("(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()");
            py.line("x_train = x_train.reshape((-1,) + " + KerasLayers.shapeTuple(input) + ").astype(\"float32\") / 255.0");
            py.line("x_test = x_test.reshape((-1,) + " + KerasLayers.shapeTuple(input) + ").astype(\"float32\") / 255.0");
        } else {
            py.line("raise SystemExit(\"Load your data here: x_train shaped (N,) + " + KerasLayers.shapeTuple(input)
                    + " (float32) and y_train (class indices).\")");
        }
        py.blank();
        if (!"constant".equals(plan.lrSchedule().type())) {
            py.line("# Netwright's learning-rate schedule (" + PyTorchScript.oneLine(plan.lrSchedule().spec())
                    + ") is not exported: the rate stays constant.");
        }
        if (!plan.augmentation().isNone()) {
            py.line("# Netwright's augmentation of the training images is not exported.");
        }
        if (plan.l2() > 0) {
            py.line("# Netwright's L2 of " + KerasLayers.number(plan.l2()) + " is not exported.");
        }
        py.line("model.compile(optimizer=" + optimizer(plan) + ",");
        py.line("              loss=" + lossFunction(loss) + ",");
        py.line("              metrics=[\"accuracy\"])");
        py.line("model.fit(x_train, y_train, epochs=" + plan.epochs() + ", batch_size=" + plan.batchSize()
                + ", validation_data=(x_test, y_test))");
    }

    private static String optimizer(TrainingPlan plan) {
        String lr = KerasLayers.number(plan.learningRate());
        return switch (plan.optimizer().toUpperCase(Locale.ROOT)) {
            case "SGD" -> "keras.optimizers.SGD(learning_rate=" + lr + ")";
            // DL4J's Nesterovs defaults to momentum 0.9, its RmsProp to decay 0.95 and epsilon 1e-8.
            case "NESTEROV" -> "keras.optimizers.SGD(learning_rate=" + lr + ", momentum=0.9, nesterov=True)";
            case "RMSPROP" -> "keras.optimizers.RMSprop(learning_rate=" + lr + ", rho=0.95, epsilon=1e-08)";
            default -> "keras.optimizers.Adam(learning_rate=" + lr + ")";
        };
    }

    private static String lossFunction(String loss) {
        return switch (loss) {
            case OutputKind.SIGMOID -> "keras.losses.BinaryCrossentropy(from_logits=True)";
            case OutputKind.MSE -> "keras.losses.MeanSquaredError()";
            default -> "keras.losses.SparseCategoricalCrossentropy(from_logits=True)";
        };
    }
}
