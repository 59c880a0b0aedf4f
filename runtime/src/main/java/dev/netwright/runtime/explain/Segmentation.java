package dev.netwright.runtime.explain;

/**
 * How LIME and KernelSHAP cut an input into the segments they switch on and off. Most depend on the input (superpixels
 * follow its edges), so the explainers ask for the segments of each input they explain; a {@link Segments} is its own,
 * fixed, segmentation.
 */
@FunctionalInterface
public interface Segmentation {
    /** The default: a 7×7 grid up to 28×28, about 49 SLIC superpixels above, each feature of a row or sequence. */
    Segmentation AUTOMATIC = Segments::defaultFor;

    /** The segments of input {@code x} (flat, [C,H,W], as normalised for the model) laid out as {@code layout}. */
    Segments of(InputLayout layout, double[] x) throws ExplainException;
}
