package dev.netwright.app.training;

import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.train.TrainingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The line under the progress bar. */
class ProgressTextTest {
    private final RunMetrics metrics = new RunMetrics();

    ProgressTextTest() {
        // 1,000 samples per epoch, 2 epochs, half of the first done at 100 samples/s: 1,500 samples left, 15 s
        metrics.accept(new TrainingEvent.RunStarted("CPU", "cpu", 10, 1000, 100, 1, 2, 100, "data"));
        metrics.accept(new TrainingEvent.Iteration(1, 5, 1.0, 0.001, 100));
    }

    @Test
    void aRunningRunShowsItsEta() {
        assertThat(ProgressText.of(metrics, RunState.RUNNING)).startsWith("Epoch 1/2").contains("100 samples/s").contains(" · ETA 0:");
    }

    @Test
    void aPausedRunSaysItIsPausedInsteadOfAnEtaThatStandsStill() {
        String text = ProgressText.of(metrics, RunState.PAUSED);

        assertThat(text).doesNotContain("ETA").contains("paused, 0:").endsWith("left when resumed");
    }

    @Test
    void aRunThatEndedBeforeItsFirstMinibatchShowsNoEpoch() {
        RunMetrics stoppedAtOnce = new RunMetrics();
        stoppedAtOnce.accept(new TrainingEvent.RunStarted("CPU", "cpu", 10, 1000, 100, 1, 2, 100, "data"));

        assertThat(ProgressText.of(stoppedAtOnce, RunState.RUNNING)).as("while it runs").startsWith("Epoch 1/2");
        assertThat(ProgressText.of(stoppedAtOnce, RunState.IDLE)).as("once it has ended").isEmpty();
    }

    @Test
    void anEndedRunShowsNoTimeLeft() {
        assertThat(ProgressText.of(metrics, RunState.IDLE)).doesNotContain("ETA").doesNotContain("left");
    }
}
