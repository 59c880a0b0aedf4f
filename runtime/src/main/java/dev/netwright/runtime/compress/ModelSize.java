package dev.netwright.runtime.compress;

import dev.netwright.runtime.train.ModelZip;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How big a Deeplearning4j network is: its parameters, those not zero, and its model.zip's bytes. */
public final class ModelSize {
    private ModelSize() {
    }

    /** Parameters that are not exactly zero, counted in Java (ND4J's comparisons have an epsilon). */
    public static long nonZeros(ComputationGraph graph) {
        long n = 0;
        for (float v : graph.params().castTo(DataType.FLOAT).dup().data().asFloat()) {
            n += v != 0.0f ? 1 : 0;
        }
        return n;
    }

    /**
     * The bytes of {@code graph} written as a model.zip, which compresses runs of zeros; without optimizer state for a
     * network read without it ({@code ModelZip.read(file, false)}), as compressed models and their parents are compared.
     */
    public static long zipBytes(ComputationGraph graph) throws IOException {
        Path file = Files.createTempFile("netwright-size", ".zip");
        try {
            ModelZip.write(graph, file);
            return Files.size(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
