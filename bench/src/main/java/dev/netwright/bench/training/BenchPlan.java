package dev.netwright.bench.training;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What every contender of the training benchmark trains on: the data, the batch size, and the window that
 * is timed. Batches 1..warmup are not timed; the clock runs from the end of batch {@code warmup} to the end
 * of batch {@code warmup + measured}, so JVM start-up, data loading, compiling and the first (slow, JIT and
 * allocator warm-up) batches are left out. Every batch in the window is a full one.
 *
 * @param data       the data reference Netwright reads (the bundled Fashion-MNIST subset)
 * @param idxDir     the same data as IDX files, for the PyTorch peer
 * @param classPath  the class path of the Java contenders' JVMs (worker and bare loop alike)
 * @param scratch    where run folders and logs go
 */
record BenchPlan(String data, Path idxDir, int batchSize, int warmup, int measured, String classPath, Path scratch) {
    /** The bundled subset has 5,000 training images: 78 full batches of 64. */
    static final int TRAIN_EXAMPLES = 5000;

    BenchPlan {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(idxDir, "idxDir");
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(scratch, "scratch");
        if (warmup < 1 || measured < 1) {
            throw new IllegalArgumentException("warm-up and measured batches must be at least 1");
        }
        if ((warmup + measured) * batchSize > TRAIN_EXAMPLES) {
            throw new IllegalArgumentException("the timed window must fit in one epoch of full batches: "
                    + (warmup + measured) + " batches of " + batchSize + " > " + TRAIN_EXAMPLES + " examples");
        }
    }

    /** This JVM's class path with absolute entries: the contenders run in their own folders. */
    static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    int lastBatch() {
        return warmup + measured;
    }

    int measuredSamples() {
        return measured * batchSize;
    }
}
