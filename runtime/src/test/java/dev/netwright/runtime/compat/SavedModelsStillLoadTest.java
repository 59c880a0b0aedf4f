package dev.netwright.runtime.compat;

import dev.netwright.runtime.train.ModelZip;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model zips saved by an earlier release still load and compute what they computed then: they name Netwright's own
 * DL4J layer classes by their full names, so moving or renaming one breaks every saved model, run and checkpoint.
 * The fixtures were written by {@link SavedModelFixtures}: cnn, sequence and tokens with release 0.1.0 (commit before
 * the engine module); layers (GruLayer, ReshapePreProcessor, Deconvolution2D, Upsampling2D) when issue 15 added them.
 */
class SavedModelsStillLoadTest {

    @ParameterizedTest
    @ValueSource(strings = {"cnn-0.1.0", "sequence-0.1.0", "tokens-0.1.0", "layers-issue15"})
    void aModelSavedByAnEarlierReleaseLoadsAndGivesTheSameOutput(String stem) throws Exception {
        ComputationGraph graph = ModelZip.read(fixture(stem + ".zip"), true);

        INDArray output = graph.outputSingle(array(stem + ".input.bin"));

        INDArray expected = array(stem + ".output.bin");
        assertThat(output.shape()).isEqualTo(expected.shape());
        assertThat(output.equalsWithEps(expected, 1e-5)).as("output of %s:%n%s%nexpected%n%s", stem, output, expected).isTrue();
    }

    private static Path fixture(String file) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(SavedModelsStillLoadTest.class.getResource(file), file).toURI());
    }

    private static INDArray array(String file) throws IOException {
        try (InputStream in = Objects.requireNonNull(SavedModelsStillLoadTest.class.getResourceAsStream(file), file);
             DataInputStream data = new DataInputStream(in)) {
            return Nd4j.read(data);
        }
    }
}
