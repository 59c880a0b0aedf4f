package dev.netwright.runtime.layers;

/**
 * What an LSTM node compiles to. A run's choice (its engine choices in {@code run.json}), handed to the kinds through
 * {@link EmitContext#lstmEngine()}.
 */
public enum LstmEngine {
    /**
     * The default: Netwright's NativeLstmLayer, whose forward and backward passes are oneDNN's LSTM primitives, where
     * oneDNN's LSTM loads and the activation is tanh (the only one it has; docs/decisions/0006-onednn-lstm.md);
     * DL4J's own LSTM otherwise.
     */
    ONEDNN,
    /**
     * NativeLstmLayer for every activation libnd4j's fused op has, also where oneDNN does not apply (experiments: its
     * backward op then leaks native memory, ~8.8 MB per call at batch 64; decision 0004's amendment).
     */
    NATIVE,
    /** DL4J's own LSTM always (the benchmarks' baseline, and the way back if the native layer misbehaves). */
    DL4J;

    /** The engine a run gets unless it asks for another. */
    public static final LstmEngine DEFAULT = ONEDNN;
}
