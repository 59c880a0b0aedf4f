package dev.netwright.runtime.compile;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.LearningRateSchedules;
import dev.netwright.runtime.train.ModelZip;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.schedule.ISchedule;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The run's rate and schedule reach each layer times its node's learning-rate factor, and survive the model file. */
class LayerRatesTest {
    private static final double BASE = 0.01;

    @TempDir
    Path dir;

    private static Design design() {
        Design d = TestDesigns.start().vector(4).then("dense", "Dense", "units", 8).then("dense2", "Dense", "units", 8)
                .output();
        return d.withNode(d.requireNode("dense").withLearnRateFactor(10)).withNode(d.requireNode("dense2")
                .withTrainable(false));
    }

    private static double rate(ComputationGraph graph, String layer, int iteration) {
        return graph.getLayer(layer).getConfig().getUpdaterByParam("W").getLearningRate(iteration, 0);
    }

    @Test
    void aScheduleIsScaledByEachNodesFactorAndReadsBackFromTheModelFile() throws Exception {
        Design design = design();
        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()
                .withLearningRate(BASE)).newNetwork();
        ISchedule cosine = LearningRates.schedule(LearningRateSchedules.parse("cosine:warmup=1,floor=0.1"), BASE, 4, 3)
                .orElseThrow();
        LayerRates.set(graph, design, cosine);
        for (int i = 0; i < 12; i++) {
            assertThat(rate(graph, "output", i)).isCloseTo(cosine.valueAt(i, 0), within(1e-12));
            assertThat(rate(graph, "dense", i)).isCloseTo(10 * cosine.valueAt(i, 0), within(1e-12));
            assertThat(graph.getLayer("dense2").getConfig().getUpdaterByParam("W").hasLearningRate()).isFalse();
        }
        ModelZip.write(graph, dir.resolve("model.zip"));
        ComputationGraph read = ModelZip.read(dir.resolve("model.zip"), true);
        assertThat(rate(read, "dense", 5)).isCloseTo(10 * cosine.valueAt(5, 0), within(1e-12));
        assertThat(read.getLayer("dense2").getConfig().getUpdaterByParam("W").hasLearningRate()).isFalse();
        assertThat(read.getUpdater().getStateViewArray().length())
                .isEqualTo(graph.getUpdater().getStateViewArray().length());
    }

    @Test
    void aNewRateIsScaledByEachNodesFactor() throws Exception {
        Design design = design();
        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()
                .withLearningRate(BASE)).newNetwork();
        assertThat(rate(graph, "dense", 0)).isCloseTo(10 * BASE, within(1e-12));
        LayerRates.set(graph, design, 0.5);
        assertThat(rate(graph, "output", 0)).isEqualTo(0.5);
        assertThat(rate(graph, "dense", 0)).isCloseTo(5.0, within(1e-12));
    }
}
