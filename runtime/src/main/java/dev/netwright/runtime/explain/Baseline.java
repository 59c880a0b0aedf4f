package dev.netwright.runtime.explain;

import java.util.Locale;

/**
 * The input that stands for "nothing" in an explanation: integrated gradients' path starts from it, KernelSHAP's and
 * LIME's absent segments and occlusion's patch take its values, and its output is KernelSHAP's E[f]. Which one is
 * chosen changes the answer (Sturmfels, Lundberg and Lee 2020, "Visualizing the impact of feature attribution
 * baselines"), so it is a setting rather than a constant.
 */
public enum Baseline {
    /** Zero after normalisation: black for images scaled to 0..1, the training mean where standardised. */
    BLACK("black", "zero after normalisation (black)"),
    /** The mean of the run's training examples, value by value. */
    MEAN("mean", "the mean of the training data"),
    /** The input itself blurred (images only): its shapes gone, its overall brightness kept. */
    BLUR("blur", "the input blurred");

    private final String id;
    private final String description;

    Baseline(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name the command line and the process use: black, mean or blur. */
    public String id() {
        return id;
    }

    /** In words, for the window and messages. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    /** The baseline named {@code id} (any case); an unknown name is refused, naming the known ones. */
    public static Baseline byId(String id) throws ExplainException {
        for (Baseline b : values()) {
            if (b.id.equals(id.toLowerCase(Locale.ROOT).strip())) {
                return b;
            }
        }
        throw new ExplainException("Unknown baseline '" + id + "': black, mean or blur");
    }

    /**
     * {@code x} (one input, flat in [C,H,W] order) blurred channel by channel with a Gaussian of σ = a tenth of the
     * image's longer side, edges extended; the kernel sums to 1, so a per-channel normalisation commutes with it.
     */
    static double[] blurred(double[] x, InputLayout layout) {
        int h = layout.height();
        int w = layout.width();
        double sigma = Math.max(h, w) / 10.0;
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        double[] out = new double[x.length];
        double[] across = new double[h * w];
        for (int c = 0; c < layout.channels(); c++) {
            int base = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        v += kernel[k + radius] * x[base + y * w + Math.max(0, Math.min(w - 1, i + k))];
                    }
                    across[y * w + i] = v;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        v += kernel[k + radius] * across[Math.max(0, Math.min(h - 1, y + k)) * w + i];
                    }
                    out[base + y * w + i] = v;
                }
            }
        }
        return out;
    }
}
