package dev.netwright.charts.metrics;

import dev.netwright.charts.Events;
import dev.netwright.runtime.train.TrainingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunMetricsTest {

    @Test
    void iterationsAndEpochsFillTheirSeries() {
        RunMetrics metrics = new RunMetrics();
        Events.run(30, 10).forEach(metrics::accept);

        assertThat(metrics.loss().size()).isEqualTo(30);
        assertThat(metrics.smoothedLoss().size()).isEqualTo(30);
        assertThat(metrics.validationAccuracy().size()).isEqualTo(3);
        assertThat(metrics.epochBoundaries()).containsExactly(10.0, 20.0, 30.0);
        assertThat(metrics.state()).isEqualTo(RunMetrics.State.RUNNING);
        assertThat(metrics.progress()).isEqualTo(1.0);
    }

    @Test
    void theSmoothedLossStartsAtTheFirstValueAndFollowsSlowly() {
        RunMetrics metrics = new RunMetrics();
        metrics.accept(Events.started(1, 100, 10));
        metrics.accept(new TrainingEvent.Iteration(1, 1, 2.0, 1e-3, 1));
        metrics.accept(new TrainingEvent.Iteration(1, 2, 0.0, 1e-3, 1));
        assertThat(metrics.smoothedLoss().y(0)).isEqualTo(2.0, within(1e-12)); // debiased: no pull towards 0
        assertThat(metrics.smoothedLoss().y(1)).isEqualTo(2.0 * 0.9 * 0.1 / (1 - 0.81), within(1e-12));
    }

    @Test
    void pauseResumeAndEndsSetTheState() {
        RunMetrics metrics = new RunMetrics();
        metrics.accept(Events.started(1, 100, 10));
        metrics.accept(new TrainingEvent.Paused(3));
        assertThat(metrics.state()).isEqualTo(RunMetrics.State.PAUSED);
        metrics.accept(new TrainingEvent.Resumed(3));
        assertThat(metrics.state()).isEqualTo(RunMetrics.State.RUNNING);
        metrics.accept(TrainingEvent.Failed.because("The loss became NaN"));
        assertThat(metrics.state()).isEqualTo(RunMetrics.State.FAILED);
        assertThat(metrics.endMessage()).isEqualTo("The loss became NaN");
    }
}
