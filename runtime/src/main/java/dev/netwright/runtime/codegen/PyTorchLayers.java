package dev.netwright.runtime.codegen;

import dev.netwright.runtime.layers.Padding;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.Shape;
import java.math.BigDecimal;
import java.util.List;

/**
 * How each covered layer kind reads in PyTorch. Tensors are laid out as PyTorch computes them: images NCHW
 * [N, C, H, W], sequences batch first [N, steps, features], vectors [N, size]. Parameter counts equal
 * Netwright's (and DL4J's): see the generated script's {@code netwright_parameter_count}.
 */
final class PyTorchLayers {
    /** The kinds this class covers; any other kind makes the whole design refused. */
    static final List<String> COVERED = List.of("Input", "Conv2D", "BatchNorm", "LayerNorm", "Activation",
            "MaxPool2D", "AvgPool2D", "MaxPool1D", "AvgPool1D", "GlobalPooling", "Flatten", "Dense", "Dropout",
            "Add", "Concat", "ToSequence", "LSTM", "GRU", "SimpleRNN", "PositionalEncoding", "MultiHeadSelfAttention",
            "TransformerEncoderBlock", "Output", "Embedding", "Conv1D", "Reshape", "UpSampling2D", "Conv2DTranspose");

    /** A covered kind whose settings PyTorch cannot express as Netwright means them; the text says which. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String setting) {
            super(setting, null, false, false);
        }
    }

    /**
     * One node as the generator sees it.
     *
     * @param attr   the module's attribute name, e.g. {@code conv1} (used as {@code self.conv1})
     * @param params the node's parameters with the kind's defaults
     * @param inputs the shapes flowing in, in edge order
     * @param vars   the Python variables holding those inputs, in the same order
     * @param output the shape the node gives, as Netwright infers it
     */
    record NodeCode(String attr, Params params, List<Shape> inputs, List<String> vars, Shape output) {
        Shape in() {
            return inputs.get(0);
        }

        String x() {
            return vars.get(0);
        }

        String self() {
            return "self." + attr;
        }
    }

    private PyTorchLayers() {
    }

    /** The node's code; the kind must be one of {@link #COVERED} other than Input. */
    static PyTorchLayer map(String kind, NodeCode c) throws Unsupported {
        Params p = c.params();
        return switch (kind) {
            case "Conv2D" -> conv2d(c);
            case "BatchNorm" -> batchNorm(c);
            case "LayerNorm" -> new PyTorchLayer("nn.LayerNorm(" + lastAxis(c.in()) + ", eps=" + number(p.getDouble("epsilon")) + ")",
                    c.self() + "(" + c.x() + ")");
            case "Activation" -> PyTorchLayer.stateless(activation(p.getChoice("activation"), c.x(), c.in()));
            case "MaxPool2D", "AvgPool2D" -> pool(c, kind.startsWith("Max") ? "max" : "avg", "2d");
            case "MaxPool1D", "AvgPool1D" -> pool(c, kind.startsWith("Max") ? "max" : "avg", "1d");
            case "GlobalPooling" -> {
                String dims = c.in() instanceof Shape.Image ? "(2, 3)" : "1";
                yield PyTorchLayer.stateless(c.x() + ("max".equals(p.getChoice("mode")) ? ".amax" : ".mean")
                        + "(dim=" + dims + ")");
            }
            case "Flatten" -> PyTorchLayer.stateless("torch.flatten(" + c.x() + ", 1)");
            case "Dense" -> new PyTorchLayer("nn.Linear(" + lastAxis(c.in()) + ", " + p.getInt("units")
                    + (p.getBool("useBias") ? "" : ", bias=False") + ")",
                    activation(p.getChoice("activation"), c.self() + "(" + c.x() + ")", c.in()));
            case "Dropout" -> new PyTorchLayer("nn.Dropout(" + number(p.getDouble("rate")) + ")", c.self() + "(" + c.x() + ")");
            case "Add" -> PyTorchLayer.stateless(String.join(" + ", c.vars()));
            case "Concat" -> PyTorchLayer.stateless("torch.cat([" + String.join(", ", c.vars()) + "], dim="
                    + (c.in() instanceof Shape.Sequence ? 2 : 1) + ")");
            case "ToSequence" -> toSequence(c);
            case "LSTM", "GRU", "SimpleRNN" -> recurrent(kind, c);
            case "PositionalEncoding" -> {
                Shape.Sequence in = (Shape.Sequence) c.in();
                yield new PyTorchLayer("PositionalEncoding(" + in.steps() + ", " + in.features() + ", learned="
                        + ("learned".equals(p.getChoice("mode")) ? "True" : "False") + ")", c.self() + "(" + c.x() + ")");
            }
            case "MultiHeadSelfAttention" -> new PyTorchLayer("nn.MultiheadAttention(" + lastAxis(c.in()) + ", "
                    + p.getInt("heads") + ", batch_first=True)",
                    c.self() + "(" + c.x() + ", " + c.x() + ", " + c.x() + ", need_weights=False)[0]");
            case "TransformerEncoderBlock" -> new PyTorchLayer("EncoderBlock(" + lastAxis(c.in()) + ", " + p.getInt("heads")
                    + ", " + p.getInt("feedForward") + ", dropout=" + number(p.getDouble("dropout")) + ", eps="
                    + number(p.getDouble("epsilon")) + ")", c.self() + "(" + c.x() + ")");
            case "Output" -> output(c);
            case "Embedding" -> new PyTorchLayer("nn.Embedding(" + p.getInt("vocabulary") + ", " + p.getInt("dimensions") + ")",
                    // the token ids arrive as floats [N, steps, 1], as Netwright feeds them
                    c.self() + "(" + c.x() + "[:, :, 0].long())");
            case "Conv1D" -> conv1d(c);
            case "Reshape" -> PyTorchLayer.stateless(reshape(c));
            case "UpSampling2D" -> {
                int size = p.getInt("size");
                // each pixel repeated, as DL4J's nearest-neighbour Upsampling2D does; no float scale factor to round
                yield PyTorchLayer.stateless(c.x() + ".repeat_interleave(" + size + ", dim=2).repeat_interleave("
                        + size + ", dim=3)");
            }
            case "Conv2DTranspose" -> PyTorchTransposedConv.map(c);
            default -> throw new IllegalArgumentException("no PyTorch code for kind " + kind);
        };
    }

    private static PyTorchLayer conv2d(NodeCode c) throws Unsupported {
        Params p = c.params();
        Shape.Image in = (Shape.Image) c.in();
        int kh = p.getInt("kernelHeight");
        int kw = p.getInt("kernelWidth");
        int sh = p.getInt("strideHeight");
        int sw = p.getInt("strideWidth");
        boolean same = "same".equals(p.getChoice("padding"));
        String input = c.x();
        String padding = "";
        if (same && sh == 1 && sw == 1) {
            padding = ", padding=\"same\"";
        } else if (same) {
            // DL4J's 'same' with a stride pads so that output = ceil(input / stride), the extra pixel at the end;
            // PyTorch's padding="same" refuses strides, so the padding is spelled out.
            int padH = Padding.sameTotal(in.height(), kh, sh);
            int padW = Padding.sameTotal(in.width(), kw, sw);
            if (padH > 0 || padW > 0) {
                input = "F.pad(" + input + ", (" + padW / 2 + ", " + (padW - padW / 2) + ", " + padH / 2 + ", "
                        + (padH - padH / 2) + "))";
            }
        }
        String module = "nn.Conv2d(" + in.channels() + ", " + p.getInt("filters") + ", (" + kh + ", " + kw + ")"
                + (sh == 1 && sw == 1 ? "" : ", stride=(" + sh + ", " + sw + ")") + padding
                + (p.getBool("useBias") ? "" : ", bias=False") + ")";
        return new PyTorchLayer(module, activation(withoutSoftmax(p.getChoice("activation")), c.self() + "(" + input + ")", in));
    }

    private static PyTorchLayer conv1d(NodeCode c) throws Unsupported {
        Params p = c.params();
        Shape.Sequence in = (Shape.Sequence) c.in();
        int k = p.getInt("kernel");
        int s = p.getInt("stride");
        String input = c.x() + ".transpose(1, 2)"; // PyTorch's Conv1d reads [N, features, steps]
        String padding = "";
        if ("same".equals(p.getChoice("padding"))) {
            // DL4J's 'same': output = ceil(steps / stride), the odd padded step at the end, as PyTorch's "same" for stride 1
            int pad = Padding.sameTotal(in.steps(), k, s);
            if (s == 1) {
                padding = ", padding=\"same\"";
            } else if (pad > 0) {
                input = "F.pad(" + input + ", (" + pad / 2 + ", " + (pad - pad / 2) + "))";
            }
        }
        String module = "nn.Conv1d(" + in.features() + ", " + p.getInt("filters") + ", " + k
                + (s == 1 ? "" : ", stride=" + s) + padding + (p.getBool("useBias") ? "" : ", bias=False") + ")";
        return new PyTorchLayer(module, activation(withoutSoftmax(p.getChoice("activation")),
                c.self() + "(" + input + ").transpose(1, 2)", c.output()));
    }

    /**
     * Netwright's Reshape reads and writes the values in the order the user sees them: an image row by row with each
     * pixel's channels together (H, W, C), a sequence step by step (steps, features), whatever the layouts.
     */
    private static String reshape(NodeCode c) {
        String x = c.x();
        String batch = x + ".shape[0]";
        String flat = c.in() instanceof Shape.Image ? x + ".permute(0, 2, 3, 1).reshape(" + batch + ", -1)"
                : x + ".reshape(" + batch + ", -1)";
        Shape target = c.output();
        if (target instanceof Shape.Image i) {
            return flat + ".reshape(" + batch + ", " + i.height() + ", " + i.width() + ", " + i.channels()
                    + ").permute(0, 3, 1, 2)";
        }
        if (target instanceof Shape.Sequence s) {
            return flat + ".reshape(" + batch + ", " + s.steps() + ", " + s.features() + ")";
        }
        return flat;
    }

    private static PyTorchLayer batchNorm(NodeCode c) {
        Params p = c.params();
        // DL4J's decay keeps that share of the running average; PyTorch's momentum is the share of the new batch.
        String momentum = number(BigDecimal.ONE.subtract(BigDecimal.valueOf(p.getDouble("momentum"))));
        String eps = number(p.getDouble("epsilon"));
        String module = c.in() instanceof Shape.Image i
                ? "nn.BatchNorm2d(" + i.channels() + ", eps=" + eps + ", momentum=" + momentum + ")"
                : "nn.BatchNorm1d(" + lastAxis(c.in()) + ", eps=" + eps + ", momentum=" + momentum + ")";
        return new PyTorchLayer(module, c.self() + "(" + c.x() + ")");
    }

    private static PyTorchLayer pool(NodeCode c, String type, String dims) throws Unsupported {
        Params p = c.params();
        if (!"valid".equals(p.getChoice("padding"))) {
            throw new Unsupported("padding 'same'");
        }
        String call = "F." + type + "_pool" + dims + "(";
        String window = ", " + p.getInt("pool") + ", " + p.getInt("stride") + ")";
        return PyTorchLayer.stateless("2d".equals(dims)
                ? call + c.x() + window
                : call + c.x() + ".transpose(1, 2)" + window + ".transpose(1, 2)");
    }

    private static PyTorchLayer toSequence(NodeCode c) {
        Shape.Image in = (Shape.Image) c.in();
        // Netwright's rows: step = image row, features = (channel, column), channel-major, as its DL4J
        // preprocessor arranges them; columns: step = column, features = (channel, row).
        boolean rows = "rows".equals(c.params().getChoice("direction"));
        String x = c.x();
        return PyTorchLayer.stateless(rows
                ? x + ".permute(0, 2, 1, 3).reshape(" + x + ".shape[0], " + in.height() + ", " + (in.channels() * in.width()) + ")"
                : x + ".permute(0, 3, 1, 2).reshape(" + x + ".shape[0], " + in.width() + ", " + (in.channels() * in.height()) + ")");
    }

    private static PyTorchLayer recurrent(String kind, NodeCode c) throws Unsupported {
        Params p = c.params();
        String activation = p.getChoice("activation");
        String extra = "";
        if ("SimpleRNN".equals(kind)) {
            if (!"tanh".equals(activation) && !"relu".equals(activation)) {
                throw new Unsupported("activation '" + activation + "'");
            }
            extra = ", nonlinearity=\"" + activation + "\"";
        } else if (!"tanh".equals(activation)) {
            throw new Unsupported("activation '" + activation + "'");
        }
        String cls = switch (kind) {
            case "LSTM" -> "nn.LSTM";
            case "GRU" -> "nn.GRU";
            default -> "nn.RNN";
        };
        String module = cls + "(" + lastAxis(c.in()) + ", " + p.getInt("units") + extra + ", batch_first=True"
                + (p.getBool("bidirectional") ? ", bidirectional=True" : "") + ")";
        if (!"GRU".equals(kind)) {
            // DL4J's LSTM and SimpleRnn have one bias per gate, PyTorch two that add up: the second stays zero.
            module = "single_bias(" + module + ")";
        }
        String outputs = c.self() + "(" + c.x() + ")[0]";
        return new PyTorchLayer(module, p.getBool("returnSequences") ? outputs : outputs + "[:, -1, :]");
    }

    private static PyTorchLayer output(NodeCode c) {
        // The logits: the loss in the training loop and predict() apply softmax or sigmoid.
        return new PyTorchLayer("nn.Linear(" + lastAxis(c.in()) + ", " + c.params().getInt("units") + ")",
                c.self() + "(" + c.x() + ")");
    }

    /** Features of a vector or a sequence step. */
    private static int lastAxis(Shape shape) {
        if (shape instanceof Shape.Vector v) {
            return v.size();
        }
        if (shape instanceof Shape.Sequence s) {
            return s.features();
        }
        Shape.Image i = (Shape.Image) shape;
        return i.channels();
    }

    /**
     * The activation of a layer whose softmax DL4J computes along some other axis of its own layout than across the
     * filters (measured on Conv1D and Conv2DTranspose: 1.5 and 3.4 apart from a softmax over the filters; Conv2D's
     * is refused alike, not measured): refused.
     */
    static String withoutSoftmax(String activation) throws Unsupported {
        if ("softmax".equals(activation)) {
            throw new Unsupported("activation 'softmax'");
        }
        return activation;
    }

    static String activation(String name, String x, Shape shape) throws Unsupported {
        return switch (name) {
            case "identity" -> x;
            case "relu" -> "F.relu(" + x + ")";
            case "tanh" -> "torch.tanh(" + x + ")";
            case "sigmoid" -> "torch.sigmoid(" + x + ")";
            case "leakyrelu" -> "F.leaky_relu(" + x + ", 0.01)";
            case "elu" -> "F.elu(" + x + ")";
            // DL4J's GELU is x * sigmoid(1.702 x), not F.gelu's erf form (up to 0.02 apart)
            case "gelu" -> "(" + x + ") * torch.sigmoid(1.702 * (" + x + "))";
            case "swish" -> "F.silu(" + x + ")";
            case "softmax" -> "torch.softmax(" + x + ", dim=" + (shape instanceof Shape.Sequence ? -1 : 1) + ")";
            default -> throw new Unsupported("activation '" + name + "'");
        };
    }

    /** A Python float literal that reads as the decimal the user typed, e.g. {@code 0.1}, {@code 0.00001}. */
    static String number(double value) {
        return number(BigDecimal.valueOf(value));
    }

    private static String number(BigDecimal value) {
        String text = value.stripTrailingZeros().toPlainString();
        return text.contains(".") ? text : text + ".0";
    }
}
