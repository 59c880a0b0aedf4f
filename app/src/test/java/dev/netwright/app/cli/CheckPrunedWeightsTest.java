package dev.netwright.app.cli;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.compress.MagnitudePruning;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netwright check} on a design whose weights were pruned: parameters, non-zeros and each node's share. */
class CheckPrunedWeightsTest {
    @TempDir
    Path dir;

    @Test
    void aPrunedDesignsNonZerosAndEachLayersZeroShareArePrinted() throws Exception {
        Design cnn = Samples.load("cnn");
        DesignWeights dense = DesignWeights.extract(
                new DesignCompiler().compile(cnn, TrainingSettings.defaults()).newNetwork(), cnn);
        MagnitudePruning.Pruned pruned = MagnitudePruning.prune(dense, 0.5, MagnitudePruning.Scope.LAYER);
        Path weights = dir.resolve("pruned" + DesignWeights.SUFFIX);
        pruned.weights().write(weights);
        Path file = dir.resolve("pruned.json");
        new DesignJson().write(cnn.withWeights(weights.toString()), file);
        long total = dense.parameterCount();
        long zeros = pruned.prunable() - pruned.nonZeros();
        CapturedCli cli = new CapturedCli();

        assertThat(cli.run("check", file.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("Weights: pruned.weights.npz (5 node(s) pretrained)")
                .contains(String.format(Locale.ROOT, "Non-zero: %,d of %,d parameters; zero weights: ",
                        total - zeros, total))
                .containsPattern("zero weights: conv1 50%, conv2 50%, conv3 50%, dense1 50%, output 50%");
    }

    @Test
    void anUnreadableWeightsFileIsNamedAndTheDesignIsStillChecked() throws Exception {
        Path weights = dir.resolve("broken" + DesignWeights.SUFFIX);
        Files.writeString(weights, "not a zip");
        Path file = dir.resolve("broken.json");
        new DesignJson().write(Samples.load("cnn").withWeights(weights.toString()), file);
        CapturedCli cli = new CapturedCli();

        assertThat(cli.run("check", file.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("Weights: broken.weights.npz cannot be read (")
                .contains("warning design: The weights file broken.weights.npz cannot be read")
                .doesNotContain("Non-zero");
    }
}
