package dev.netwright.runtime.layers;

import org.deeplearning4j.nn.conf.ConvolutionMode;

import java.util.List;

/** Padding of convolutions and pooling: "valid" (no padding) or "same" (output = ceil(input / stride)). */
public final class Padding {
    public static final String VALID = "valid";
    public static final String SAME = "same";

    private Padding() {
    }

    public static ParamSpec param() {
        return ParamSpec.choice("padding", "Padding", "Window", VALID, List.of(VALID, SAME),
                "valid: no padding, the output shrinks by the window size; same: pad so that output = input / stride.");
    }

    /** The output length along one axis, or -1 when the window does not fit. */
    public static int outputLength(String padding, int input, int window, int stride) {
        if (SAME.equals(padding)) {
            return (input + stride - 1) / stride;
        }
        return input < window ? -1 : (input - window) / stride + 1;
    }

    /**
     * The padding 'same' adds along one axis in all (Deeplearning4j puts the odd one at the end, as PyTorch's and
     * ONNX's SAME_UPPER do), so that the output is ceil(input / stride).
     */
    public static int sameTotal(int input, int window, int stride) {
        int out = (input + stride - 1) / stride;
        return Math.max((out - 1) * stride + window - input, 0);
    }

    public static ConvolutionMode toDl4j(String padding) {
        // Truncate is DL4J's name for Keras' "valid" (floor division, no padding).
        return SAME.equals(padding) ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }
}
