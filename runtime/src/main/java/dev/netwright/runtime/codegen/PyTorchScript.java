package dev.netwright.runtime.codegen;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.OutputKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The parts of the exported PyTorch file around the module: imports, the parameter count, data and training. */
final class PyTorchScript {
    private PyTorchScript() {
    }

    /** The imports, helpers and docstring; {@code weightsFile} is the trained weights' file name, or null for none. */
    static void header(PythonWriter py, Design design, Shape input, Shape output, Set<String> kinds, String weightsFile,
                       Optional<Integer> vocabulary) {
        py.line("\"\"\"" + oneLine(design.name()) + ": a Netwright design exported as PyTorch code " + (weightsFile == null
                ? "(architecture only, freshly initialised weights)."
                : "with its trained weights, which it loads from " + oneLine(weightsFile) + " beside this file."));
        if (!design.description().isBlank()) {
            py.blank();
            py.line(oneLine(design.description()));
        }
        py.blank();
        py.line("Input " + layout(input) + " (Netwright's " + input.label() + "); output [N, "
                + ((Shape.Vector) output).size() + "], the logits.");
        vocabulary.ifPresent(v -> py.line("The input holds token ids 0 to " + (v - 1) + " as whole-number floats, one"
                + " feature per step, as Netwright feeds them; the Embedding reads them as integers (.long())."));
        py.line("  python3 THIS_FILE.py                     trains with the design's settings");
        py.line("  python3 THIS_FILE.py --count-parameters  prints the parameter count as Netwright counts it");
        py.line("  python3 THIS_FILE.py --forward-check     runs one random batch and prints the output's shape");
        if (weightsFile != null) {
            py.line("  python3 THIS_FILE.py --predict X.npy     prints the predicted class of each example in X.npy");
            py.line("Training starts from the trained weights (fine-tuning); --weights names another file of them.");
        }
        py.line("\"\"\"");
        py.line("import argparse");
        py.line("import gzip");
        py.line("import os");
        py.blank();
        py.line("import numpy as np");
        py.line("import torch");
        py.line("import torch.nn.functional as F");
        py.line("from torch import nn");
        py.blank();
        py.blank();
        py.line("def single_bias(rnn):");
        py.line("    \"\"\"DL4J's LSTM and SimpleRnn have one bias per gate where PyTorch adds two: keep the second at zero.\"\"\"");
        py.line("    for name, parameter in rnn.named_parameters():");
        py.line("        if name.startswith(\"bias_hh\"):");
        py.line("            nn.init.zeros_(parameter)");
        py.line("            parameter.requires_grad_(False)");
        py.line("    return rnn");
        py.blank();
        py.blank();
        if (kinds.contains("PositionalEncoding")) {
            positionalEncoding(py);
        }
        if (kinds.contains("TransformerEncoderBlock")) {
            encoderBlock(py);
        }
        if (weightsFile != null) {
            loadWeights(py, weightsFile);
        }
        py.line("def netwright_parameter_count(model):");
        py.line("    \"\"\"Trained parameters plus BatchNorm's running mean and variance, which DL4J and Netwright count.\"\"\"");
        py.line("    count = sum(p.numel() for p in model.parameters() if p.requires_grad)");
        py.line("    for module in model.modules():");
        py.line("        if isinstance(module, nn.modules.batchnorm._BatchNorm):");
        py.line("            count += module.running_mean.numel() + module.running_var.numel()");
        py.line("    return count");
        py.blank();
        py.blank();
    }

    private static void loadWeights(PythonWriter py, String weightsFile) {
        py.line("WEIGHTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), " + pythonString(weightsFile) + ")");
        py.blank();
        py.blank();
        py.line("def load_weights(model, path=WEIGHTS):");
        py.line("    \"\"\"Netwright's trained weights, by the module's state_dict names; every name and shape must fit.\"\"\"");
        py.line("    with np.load(path) as archive:");
        py.line("        state = {name: torch.from_numpy(archive[name]) for name in archive.files}");
        py.line("    for name, value in model.state_dict().items():");
        py.line("        if name.endswith(\"num_batches_tracked\"):  # PyTorch's own counter, not a weight");
        py.line("            state.setdefault(name, value)");
        py.line("    model.load_state_dict(state, strict=True)");
        py.line("    return model");
        py.blank();
        py.blank();
    }

    private static void positionalEncoding(PythonWriter py) {
        py.line("class PositionalEncoding(nn.Module):");
        py.line("    \"\"\"Netwright's position signal added to each step: sin on even features, cos on odd ones, or learned.\"\"\"");
        py.blank();
        py.line("    def __init__(self, steps, features, learned=False):");
        py.line("        super().__init__()");
        py.line("        f = torch.arange(features)");
        py.line("        rate = torch.pow(10000.0, -(f - f % 2).double() / features)");
        py.line("        angles = torch.arange(steps).double()[:, None] * rate[None, :]");
        py.line("        table = torch.where(f % 2 == 0, torch.sin(angles), torch.cos(angles)).float()");
        py.line("        if learned:");
        py.line("            self.table = nn.Parameter(table)");
        py.line("        else:");
        py.line("            self.register_buffer(\"table\", table, persistent=False)");
        py.blank();
        py.line("    def forward(self, x):");
        py.line("        return x + self.table");
        py.blank();
        py.blank();
    }

    private static void encoderBlock(PythonWriter py) {
        py.line("class EncoderBlock(nn.Module):");
        py.line("    \"\"\"Netwright's post-norm encoder block: attention, add, LayerNorm; Dense relu, Dense, add, LayerNorm.\"\"\"");
        py.blank();
        py.line("    def __init__(self, features, heads, feed_forward, dropout, eps):");
        py.line("        super().__init__()");
        py.line("        self.attn = nn.MultiheadAttention(features, heads, batch_first=True)");
        py.line("        self.attn_dropout = nn.Dropout(dropout)");
        py.line("        self.norm1 = nn.LayerNorm(features, eps=eps)");
        py.line("        self.ff1 = nn.Linear(features, feed_forward)");
        py.line("        self.ff2 = nn.Linear(feed_forward, features)");
        py.line("        self.ff_dropout = nn.Dropout(dropout)");
        py.line("        self.norm2 = nn.LayerNorm(features, eps=eps)");
        py.blank();
        py.line("    def forward(self, x):");
        py.line("        x = self.norm1(x + self.attn_dropout(self.attn(x, x, x, need_weights=False)[0]))");
        py.line("        return self.norm2(x + self.ff_dropout(self.ff2(F.relu(self.ff1(x)))))");
        py.blank();
        py.blank();
    }

    /**
     * The class attributes of a design with frozen nodes or learning-rate factors: the frozen modules (no gradient,
     * and kept in eval mode while training, as Deeplearning4j's frozen layers run in inference mode, so BatchNorm's
     * statistics stay) and each module's factor on the learning rate.
     */
    static void fineTuning(PythonWriter py, List<String> frozen, Map<String, Double> factors) {
        py.line("# Netwright's frozen nodes: not trained, and run in eval mode (BatchNorm statistics stay as they are).");
        py.line("frozen = (" + frozen.stream().map(PyTorchScript::pythonString).map(s -> s + ", ")
                .collect(Collectors.joining()).strip() + ")");
        py.line("# Netwright's learning-rate factors: these modules train at the rate times the factor.");
        py.line("learn_rate_factors = {" + factors.entrySet().stream()
                .map(e -> pythonString(e.getKey()) + ": " + PyTorchLayers.number(e.getValue()))
                .collect(Collectors.joining(", ")) + "}");
        py.blank();
    }

    static void trailer(PythonWriter py, Design design, String className, Shape input, String loss, boolean trained,
                        boolean fineTuned) {
        TrainingPlan plan = design.training().orElse(CodeExports.DEFAULT_PLAN);
        String source = design.data().map(d -> d.source()).orElse("");
        py.line("def load_data():");
        py.line("    \"\"\"The design's data: " + oneLine(source.isEmpty() ? "none named" : source) + ".\"\"\"");
        boolean fashion = source.startsWith("fashion-mnist") && input.elements() == 784;
        if (fashion) {
            py.line("    # Fashion-MNIST's training IDX files, as Debian's dataset-fashion-mnist installs them (Netwright's bundled");
            py.line("    # subset is inside its jar), pixels scaled to 0..1; set FASHION_MNIST to another folder holding them.");
            py.line("    folder = os.environ.get(\"FASHION_MNIST\", \"/usr/share/datasets/fashion-mnist\")");
            py.blank();
            py.line("    def read(name, offset):");
            py.line("        with gzip.open(os.path.join(folder, name)) as f:");
            py.line("            return np.frombuffer(f.read(), np.uint8, offset=offset)");
            py.blank();
            py.line("    images = read(\"train-images-idx3-ubyte.gz\", 16).astype(np.float32) / 255.0");
            py.line("    labels = read(\"train-labels-idx1-ubyte.gz\", 8).astype(np.int64)");
            py.line("    return torch.from_numpy(images).reshape(-1, *" + className + ".input_shape), torch.from_numpy(labels)");
        } else {
            py.line("    raise SystemExit(\"Load your data here: features shaped [N, *" + className
                    + ".input_shape] (float32) and labels [N] (class indices).\")");
        }
        py.blank();
        py.blank();
        if (fineTuned) {
            parameterGroups(py);
        }
        py.line("def train(model, epochs=" + plan.epochs() + ", batch_size=" + plan.batchSize() + "):");
        py.line("    torch.manual_seed(" + plan.seed() + ")");
        py.line("    features, labels = load_data()");
        py.line(fineTuned ? "    trainable = parameter_groups(model, " + PyTorchLayers.number(plan.learningRate()) + ")"
                : "    trainable = [p for p in model.parameters() if p.requires_grad]");
        py.line("    optimizer = " + optimizer(plan));
        if (!"constant".equals(plan.lrSchedule().type())) {
            py.line("    # Netwright's learning-rate schedule (" + oneLine(schedule(plan.lrSchedule()))
                    + ") is not exported: the rate stays constant.");
        }
        if (!plan.augmentation().isNone()) {
            py.line("    # Netwright's augmentation of the training images is not exported.");
        }
        py.line("    loss_function = " + lossFunction(loss));
        py.line("    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(features, labels),");
        py.line("                                         batch_size=batch_size, shuffle=True)");
        py.line("    for epoch in range(epochs):");
        py.line("        model.train()");
        if (fineTuned) {
            py.line("        for name in model.frozen:");
            py.line("            getattr(model, name).eval()");
        }
        py.line("        total, batches = 0.0, 0");
        py.line("        for x, y in loader:");
        py.line("            optimizer.zero_grad()");
        py.line("            loss = loss_function(model(x), " + target(loss, "y") + ")");
        py.line("            loss.backward()");
        py.line("            optimizer.step()");
        py.line("            total, batches = total + loss.item(), batches + 1");
        py.line("        print(f\"epoch {epoch + 1}/{epochs}: loss {total / max(batches, 1):.4f}\")");
        py.blank();
        py.blank();
        py.line("if __name__ == \"__main__\":");
        py.line("    parser = argparse.ArgumentParser(description=" + pythonString(design.name() + " in PyTorch") + ")");
        py.line("    parser.add_argument(\"--count-parameters\", action=\"store_true\", help=\"print the parameter count and stop\")");
        py.line("    parser.add_argument(\"--forward-check\", action=\"store_true\", help=\"run one random batch of 2 and stop\")");
        py.line("    parser.add_argument(\"--epochs\", type=int, default=" + plan.epochs() + ")");
        py.line("    parser.add_argument(\"--batch-size\", type=int, default=" + plan.batchSize() + ")");
        if (trained) {
            py.line("    parser.add_argument(\"--weights\", default=WEIGHTS, help=\"the trained weights (.npz)\")");
            py.line("    parser.add_argument(\"--predict\", metavar=\"X.npy\",");
            py.line("                        help=\"print the predicted class of each example in a numpy array [N, *input_shape]\")");
        }
        py.line("    args = parser.parse_args()");
        py.line("    model = " + className + "()");
        if (trained) {
            py.line("    load_weights(model, args.weights)");
            py.line("    if args.predict:");
            py.line("        model.eval()");
            py.line("        x = torch.from_numpy(np.load(args.predict).astype(np.float32)).reshape(-1, *" + className + ".input_shape)");
            py.line("        print(model.predict(x).argmax(dim=1).tolist())");
        }
        py.line("    if args.count_parameters:");
        py.line("        print(netwright_parameter_count(model))");
        py.line("    if args.forward_check:");
        py.line("        model.eval()");
        py.line("        print(list(model(torch.rand(2, *" + className + ".input_shape)).shape))");
        py.line("    if not (args.count_parameters or args.forward_check" + (trained ? " or args.predict" : "") + "):");
        py.line("        train(model, args.epochs, args.batch_size)");
    }

    /** The optimizer's parameter groups: frozen modules left out, factored modules at their own rate. */
    private static void parameterGroups(PythonWriter py) {
        py.line("def parameter_groups(model, lr):");
        py.line("    \"\"\"Freezes the design's frozen modules; one group at lr, one per module with a learning-rate factor.\"\"\"");
        py.line("    for name in model.frozen:");
        py.line("        getattr(model, name).requires_grad_(False)");
        py.line("    factored = {id(p): name for name in model.learn_rate_factors for p in getattr(model, name).parameters()}");
        py.line("    groups = [{\"params\": [p for p in model.parameters() if p.requires_grad and id(p) not in factored]}]");
        py.line("    for name, factor in model.learn_rate_factors.items():");
        py.line("        groups.append({\"params\": list(getattr(model, name).parameters()), \"lr\": lr * factor})");
        py.line("    return [g for g in groups if g[\"params\"]]");
        py.blank();
        py.blank();
    }

    private static String optimizer(TrainingPlan plan) {
        String lr = PyTorchLayers.number(plan.learningRate());
        String decay = plan.l2() > 0 ? ", weight_decay=" + PyTorchLayers.number(plan.l2()) : "";
        return switch (plan.optimizer().toUpperCase(Locale.ROOT)) {
            case "SGD" -> "torch.optim.SGD(trainable, lr=" + lr + decay + ")";
            // DL4J's Nesterovs defaults to momentum 0.9, its RmsProp to decay 0.95 and epsilon 1e-8.
            case "NESTEROV" -> "torch.optim.SGD(trainable, lr=" + lr + ", momentum=0.9, nesterov=True" + decay + ")";
            case "RMSPROP" -> "torch.optim.RMSprop(trainable, lr=" + lr + ", alpha=0.95, eps=1e-08" + decay + ")";
            default -> "torch.optim.Adam(trainable, lr=" + lr + decay + ")";
        };
    }

    private static String schedule(LearningRateSchedule schedule) {
        return schedule.spec();
    }

    private static String lossFunction(String loss) {
        return switch (loss) {
            case OutputKind.SIGMOID -> "nn.BCEWithLogitsLoss()  # the Output's sigmoid is inside the loss";
            case OutputKind.MSE -> "nn.MSELoss()";
            default -> "nn.CrossEntropyLoss()  # on the logits: the Output's softmax is inside the loss";
        };
    }

    private static String target(String loss, String y) {
        return OutputKind.SOFTMAX.equals(loss) ? y : y + ".float()";
    }

    static String prediction(String loss) {
        return switch (loss) {
            case OutputKind.SIGMOID -> "sigmoid of the logits";
            case OutputKind.MSE -> "the outputs as they are";
            default -> "softmax of the logits";
        };
    }

    static String predictionOf(String loss, String logits) {
        return switch (loss) {
            case OutputKind.SIGMOID -> "torch.sigmoid(" + logits + ")";
            case OutputKind.MSE -> logits;
            default -> "torch.softmax(" + logits + ", dim=1)";
        };
    }

    /** The PyTorch layout of one batch of this shape, e.g. {@code [N, 1, 28, 28]}. */
    static String layout(Shape shape) {
        return "[N, " + tuple(shape).replaceAll("[(),]+$", "").replace("(", "") + "]";
    }

    /** The shape of one example as PyTorch holds it: images channels first, sequences steps first. */
    static String tuple(Shape shape) {
        if (shape instanceof Shape.Image i) {
            return "(" + i.channels() + ", " + i.height() + ", " + i.width() + ")";
        }
        if (shape instanceof Shape.Sequence s) {
            return "(" + s.steps() + ", " + s.features() + ")";
        }
        return "(" + ((Shape.Vector) shape).size() + ",)";
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").replace("\\", "/").replace("\"\"\"", "'''").trim();
    }

    private static String pythonString(String text) {
        return "\"" + oneLine(text).replace("\"", "\\\"") + "\"";
    }
}
