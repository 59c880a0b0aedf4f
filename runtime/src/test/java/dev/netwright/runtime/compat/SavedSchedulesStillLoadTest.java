package dev.netwright.runtime.compat;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.layers.dl4j.OneCycleSchedule;
import dev.netwright.runtime.layers.dl4j.WarmupCosineSchedule;
import dev.netwright.runtime.train.ModelZip;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model zip saved with Netwright's own learning-rate schedules (the engine's {@link WarmupCosineSchedule} on one
 * layer, {@link OneCycleSchedule} on the other) still loads with them: DL4J writes their class names and fields into
 * the configuration, so renaming, moving or changing the fields of one breaks every model and checkpoint trained with
 * it. The fixture {@value #FIXTURE} was written by {@link #writeFixture} when the schedules came
 * ({@code -Dnetwright.fixtures=DIR}).
 */
class SavedSchedulesStillLoadTest {
    static final String FIXTURE = "schedules-lr1.zip";
    private static final ISchedule COSINE = new WarmupCosineSchedule(0.1, 0.01, 4, 12);
    private static final ISchedule ONE_CYCLE = new OneCycleSchedule(0.1, 10, 0.01, 3, 12);

    @Test
    void aModelSavedWithTheSchedulesLoadsWithThem() throws Exception {
        ComputationGraph graph = ModelZip.read(fixture(), true);

        assertThat(graph.getConfiguration().getIterationCount()).isEqualTo(1);
        for (int i = 0; i < 12; i++) {
            assertThat(rate(graph, "dense", i)).as("dense at %d", i).isEqualTo(COSINE.valueAt(i, 0));
            assertThat(rate(graph, "output", i)).as("output at %d", i).isEqualTo(ONE_CYCLE.valueAt(i, 0));
        }
        assertThat(Files.size(fixture())).as("a few kilobytes").isLessThan(20_000);
    }

    @Test
    @EnabledIfSystemProperty(named = "netwright.fixtures", matches = ".+")
    void writeFixture() throws Exception {
        ComputationGraph graph = new DesignCompiler().compile(TestDesigns.start().vector(4)
                .then("dense", "Dense", "units", 5).then("output", "Output", "units", 3).build(),
                TrainingSettings.defaults()).newNetwork();
        graph.setLearningRate("dense", COSINE);
        graph.setLearningRate("output", ONE_CYCLE);
        Nd4j.getRandom().setSeed(7);
        graph.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 2, 4), Nd4j.eye(3).getRows(0, 1).castTo(DataType.FLOAT)));
        ModelZip.write(graph, Path.of(System.getProperty("netwright.fixtures")).resolve(FIXTURE));
    }

    private static double rate(ComputationGraph graph, String layer, int iteration) {
        return graph.getLayer(layer).conf().getLayer().getUpdaterByParam("W").getLearningRate(iteration, 0);
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(SavedSchedulesStillLoadTest.class.getResource(FIXTURE), FIXTURE).toURI());
    }
}
