package dev.netwright.runtime.layers;

import org.deeplearning4j.nn.conf.ConvolutionMode;

import java.util.List;
import java.util.Optional;

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

    /**
     * Where Deeplearning4j's output of a transposed convolution lies along one axis within the full transposed
     * convolution, (input - 1) * stride + kernel long: 'valid' is all of it; 'same' keeps input * stride of it,
     * starting at libnd4j's top-left padding ((full - output) / 2, C's division), which can leave one more row cut at
     * the end than at the start. Where the kernel is shorter than the stride the output reaches {@code extend} rows
     * past the full one (bias alone there).
     *
     * @param start  rows cut at the start
     * @param end    rows cut at the end (of the full output plus {@code extend})
     * @param extend rows past the full output
     */
    public record TransposedCrop(int start, int end, int extend) {
        /** The crop for one axis; empty where DL4J's output starts before the full one's first row. */
        public static Optional<TransposedCrop> of(int input, int output, int kernel, int stride) {
            int full = (input - 1) * stride + kernel;
            int start = (full - output) / 2;
            if (start < 0) {
                return Optional.empty();
            }
            int extend = Math.max(0, start + output - full);
            return Optional.of(new TransposedCrop(start, full + extend - start - output, extend));
        }

        /** Whether anything is cut. */
        public boolean cuts() {
            return start > 0 || end > 0;
        }
    }

    public static ConvolutionMode toDl4j(String padding) {
        // Truncate is DL4J's name for Keras' "valid" (floor division, no padding).
        return SAME.equals(padding) ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }
}
