package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.LearningRates;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.LearningRateSchedules;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * DL4J uses the schedules: the step SGD takes at iteration k is the schedule's rate there, and a model saved with a
 * schedule loads again with it.
 */
class LearningRatesAppliedTest {
    private static final double BASE = 0.1;
    private static final int PER_EPOCH = 4;
    private static final int EPOCHS = 3;

    @TempDir
    Path dir;

    @Test
    void dl4jsSchedulesGiveTheSameRatesAsTheModel() {
        for (String type : new String[] {"step:every=1,factor=0.5", "exponential:factor=0.8", "cosine:warmup=1,floor=0.1",
                "onecycle:peak=5,at=0.25"}) {
            LearningRateSchedule schedule = LearningRateSchedules.parse(type);
            ISchedule dl4j = LearningRates.schedule(schedule, BASE, PER_EPOCH, EPOCHS).orElseThrow();
            for (int i = 0; i < PER_EPOCH * EPOCHS; i++) {
                assertThat(dl4j.valueAt(i, i / PER_EPOCH)).as(type + " at " + i)
                        .isCloseTo(schedule.rate(BASE, i, PER_EPOCH, EPOCHS), within(1e-12));
            }
        }
        assertThat(LearningRates.schedule(LearningRateSchedule.constant(), BASE, PER_EPOCH, EPOCHS)).isEmpty();
        assertThat(LearningRates.schedule(new LearningRateSchedule.Plateau(0.5, 1), BASE, PER_EPOCH, EPOCHS)).isEmpty();
    }

    @Test
    void sgdStepsByTheScheduledRateAtEachIteration() throws Exception {
        for (String type : new String[] {"step:every=1,factor=0.5", "cosine:warmup=1,floor=0.1", "onecycle:peak=5,at=0.25"}) {
            LearningRateSchedule schedule = LearningRateSchedules.parse(type);
            ComputationGraph graph = tinyNetwork();
            graph.setLearningRate(LearningRates.schedule(schedule, BASE, PER_EPOCH, EPOCHS).orElseThrow());
            DataSet example = oneExample();
            for (int i = 0; i < PER_EPOCH * EPOCHS; i++) {
                graph.getConfiguration().setEpochCount(i / PER_EPOCH); // as the worker does
                assertThat(stepRate(graph, example)).as(type + " at " + i)
                        .isCloseTo(schedule.rate(BASE, i, PER_EPOCH, EPOCHS), within(1e-9));
            }
        }
    }

    @Test
    void aModelSavedWithAScheduleLoadsWithIt() throws Exception {
        for (String type : new String[] {"step:every=2,factor=0.5", "exponential:factor=0.9", "cosine:warmup=1,floor=0.01",
                "onecycle:peak=10,at=0.3"}) {
            ComputationGraph graph = tinyNetwork();
            ISchedule dl4j = LearningRates.schedule(LearningRateSchedules.parse(type), BASE, PER_EPOCH, EPOCHS).orElseThrow();
            graph.setLearningRate(dl4j);
            graph.fit(oneExample());
            Path zip = dir.resolve(type.substring(0, type.indexOf(':')) + ".zip");
            ModelZip.write(graph, zip);

            ComputationGraph loaded = ModelZip.read(zip, true);
            String json = loaded.getConfiguration().toJson();
            assertThat(ComputationGraphConfiguration.fromJson(json).toJson()).isEqualTo(json);
            assertThat(loaded.getConfiguration().getIterationCount()).isEqualTo(1);
            for (int i = 0; i < PER_EPOCH * EPOCHS; i++) {
                assertThat(loaded.getLearningRate("output")).isNotNull();
                assertThat(rateOf(loaded, i, i / PER_EPOCH)).as(type + " at " + i).isEqualTo(dl4j.valueAt(i, i / PER_EPOCH));
            }
        }
    }

    private static double rateOf(ComputationGraph graph, int iteration, int epoch) {
        var layer = graph.getLayer("output");
        return layer.conf().getLayer().getUpdaterByParam("W").getLearningRate(iteration, epoch);
    }

    private static ComputationGraph tinyNetwork() throws Exception {
        var design = TestDesigns.start().vector(4).then("output", "Output", "units", 3).build();
        TrainingSettings settings = TrainingSettings.defaults().withOptimizer(TrainingSettings.Optimizer.SGD)
                .withLearningRate(BASE).withDataType(DataType.DOUBLE);
        return new DesignCompiler().compile(design, settings).newNetwork();
    }

    private static DataSet oneExample() {
        INDArray features = Nd4j.create(new double[][] {{0.5, -1.0, 2.0, 0.25}});
        INDArray labels = Nd4j.create(new double[][] {{0, 1, 0}});
        return new DataSet(features, labels);
    }

    /** Fits one minibatch of one example and returns the rate SGD used: -Δθ·g / g·g for the gradient g. */
    private static double stepRate(ComputationGraph graph, DataSet example) {
        graph.setInputs(example.getFeatures());
        graph.setLabels(example.getLabels());
        graph.computeGradientAndScore();
        INDArray gradient = graph.gradient().gradient().dup();
        INDArray before = graph.params().dup();
        graph.fit(example);
        INDArray delta = graph.params().sub(before);
        return -delta.mul(gradient).sumNumber().doubleValue() / gradient.mul(gradient).sumNumber().doubleValue();
    }
}
