package dev.netwright.runtime.train;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.LstmEngine;

import java.util.Objects;

/**
 * A run's choices of engine, recorded in {@code run.json}: what its LSTMs compile to, and for a CPU worker whether
 * DL4J uses its oneDNN helpers and how many native threads it gets ({@link NativeTuning}). The defaults come from
 * {@link #forDesign(Design)}.
 *
 * @param lstmEngine what LSTM nodes compile to
 * @param oneDnn     whether DL4J may use its oneDNN helpers (convolution, pooling, batch norm) on the CPU
 * @param threads    the CPU worker's OpenMP/OpenBLAS threads, or {@link NativeTuning#LIBRARY_DEFAULT} for ND4J's
 *                   choice (one per core)
 */
public record EngineChoices(LstmEngine lstmEngine, boolean oneDnn, int threads) {

    public EngineChoices {
        Objects.requireNonNull(lstmEngine, "lstmEngine");
        new NativeTuning(oneDnn, threads); // the same rule for the thread count
    }

    /** The default choices for a design on this machine: {@link LstmEngine#DEFAULT}, {@link NativeTuning#forDesign}. */
    public static EngineChoices forDesign(Design design) {
        return of(LstmEngine.DEFAULT, NativeTuning.forDesign(design));
    }

    /** The default choices for a design on a machine with {@code cores} cores. */
    public static EngineChoices forDesign(Design design, int cores) {
        return of(LstmEngine.DEFAULT, NativeTuning.forDesign(design, cores));
    }

    public static EngineChoices of(LstmEngine lstmEngine, NativeTuning tuning) {
        return new EngineChoices(lstmEngine, tuning.oneDnnHelpers(), tuning.threads());
    }

    /** How a CPU worker sets up the native code for these choices. */
    public NativeTuning nativeTuning() {
        return new NativeTuning(oneDnn, threads);
    }

    public EngineChoices withLstmEngine(LstmEngine value) {
        return new EngineChoices(value, oneDnn, threads);
    }

    public EngineChoices withOneDnn(boolean value) {
        return new EngineChoices(lstmEngine, value, threads);
    }

    public EngineChoices withThreads(int value) {
        return new EngineChoices(lstmEngine, oneDnn, value);
    }
}
