package dev.netwright.app.training;

import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The runs list's settings column. */
class RunRecordTest {
    private static final RunRequest RUN = RunRequest.of(Samples.load("cnn"), "fashion-mnist-sample");

    @Test
    void aConstantRateReadsAsBefore() {
        assertThat(new RunRecord(Path.of("runs/a"), RUN, new RunMetrics()).settings())
                .isEqualTo("ADAM lr 0.001, batch 64, 1 epoch(s)");
    }

    @Test
    void aScheduleIsNamedAfterTheRate() {
        RunRequest stepped = RUN.withLrSchedule(new LearningRateSchedule.Step(2, 0.5));
        assertThat(new RunRecord(Path.of("runs/b"), stepped, new RunMetrics()).settings())
                .isEqualTo("ADAM lr 0.001 (step:every=2,factor=0.5), batch 64, 1 epoch(s)");
    }

    @Test
    void anAugmentationIsNamedLast() {
        RunRequest augmented = RUN.withAugmentation(dev.netwright.runtime.design.Augmentation.parse("flip,crop=4"));
        assertThat(new RunRecord(Path.of("runs/c"), augmented, new RunMetrics()).settings())
                .isEqualTo("ADAM lr 0.001, batch 64, 1 epoch(s), augmented flip,crop=4");
    }
}
