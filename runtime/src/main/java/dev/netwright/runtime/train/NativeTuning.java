package dev.netwright.runtime.train;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a CPU worker JVM sets up DL4J's native code for one design: whether DL4J uses its oneDNN helpers
 * (convolution, pooling, batch norm) and how many threads ND4J's OpenMP and OpenBLAS get. Both must be
 * fixed before ND4J loads, so they travel as a system property and an environment variable of the worker.
 * Measured in docs/benchmarks.md ("Training", 2 cores): the helpers make the sample CNNs several times
 * faster and leave accuracy as it was. ND4J's own thread count (one per core) collapses whenever another
 * process wants a core, because OpenMP threads wait for each other at every operation; sequence designs
 * (LSTM, attention) were also faster on one thread on an idle machine, their per-step operations being too
 * small to share.
 *
 * @param oneDnnHelpers whether DL4J may use its oneDNN helpers
 * @param threads       OpenMP/OpenBLAS threads, or {@link #LIBRARY_DEFAULT} to let ND4J choose (one per core)
 */
public record NativeTuning(boolean oneDnnHelpers, int threads) {
    /** Leave the thread count to ND4J and OpenBLAS. */
    public static final int LIBRARY_DEFAULT = 0;
    /** DL4J reads this property each time a layer creates its helper; it defaults to {@code true}. */
    static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    static final String THREADS_VARIABLE = "OMP_NUM_THREADS";

    public NativeTuning {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be positive, or 0 for the library's choice, not " + threads);
        }
    }

    /** DL4J 1.0.0-M2.1 as it comes: helpers off, one thread per core. */
    public static NativeTuning libraryDefaults() {
        return new NativeTuning(false, LIBRARY_DEFAULT);
    }

    /** {@link #forDesign(Design, int)} for the cores this JVM may use. */
    public static NativeTuning forDesign(Design design) {
        return forDesign(design, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The settings for a design on a machine with {@code cores} cores: oneDNN helpers on; one thread when one of
     * the design's layers {@linkplain LayerKind#prefersOneThread() prefers one} (recurrent and attention layers);
     * otherwise one thread per core but one, so that the app, the JVM's own threads and the rest of the desktop
     * keep a core (measured on 2 cores only, where this means one thread for every design).
     */
    public static NativeTuning forDesign(Design design, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("a machine has at least one core, not " + cores);
        }
        return new NativeTuning(true, hasOneThreadLayer(design) ? 1 : Math.max(1, cores - 1));
    }

    public NativeTuning withOneDnnHelpers(boolean value) {
        return new NativeTuning(value, threads);
    }

    public NativeTuning withThreads(int value) {
        return new NativeTuning(oneDnnHelpers, value);
    }

    /** System properties for the worker's command line. */
    public List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-D" + HELPERS_PROPERTY + "=" + !oneDnnHelpers);
        return options;
    }

    /** Environment variables for the worker; empty when the libraries choose. */
    public Map<String, String> environment() {
        return threads == LIBRARY_DEFAULT ? Map.of() : Map.of(THREADS_VARIABLE, Integer.toString(threads));
    }

    /** For logs and the bench tables, e.g. "oneDNN on, 1 thread". */
    public String describe() {
        return "oneDNN " + (oneDnnHelpers ? "on" : "off") + ", "
                + (threads == LIBRARY_DEFAULT ? "default threads" : threads + (threads == 1 ? " thread" : " threads"));
    }

    /** Whether one of the design's layers trains fastest on one thread ({@link LayerKind#prefersOneThread()}). */
    private static boolean hasOneThreadLayer(Design design) {
        LayerCatalog catalog = StandardKinds.catalog();
        return design.nodes().stream()
                .map(node -> catalog.find(node.kind()))
                .flatMap(Optional::stream)
                .anyMatch(LayerKind::prefersOneThread);
    }
}
