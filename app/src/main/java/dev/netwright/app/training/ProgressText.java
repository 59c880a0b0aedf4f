package dev.netwright.app.training;

import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.train.TrainingEvent;

import java.util.Locale;

/** The line under the progress bar: epoch, throughput and time left (which a pause holds, and says so). */
final class ProgressText {
    private ProgressText() {
    }

    static String of(RunMetrics metrics, RunState state) {
        TrainingEvent.RunStarted started = metrics.started();
        if (started == null) {
            return state == RunState.IDLE ? "" : "Loading data and building the network…";
        }
        if (state == RunState.IDLE && metrics.iteration() == 0) {
            return ""; // it ended before its first minibatch (stopped or failed): no epoch was reached
        }
        int lastEpoch = started.firstEpoch() + started.epochs() - 1;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d", Math.max(metrics.epoch(), started.firstEpoch()), lastEpoch));
        if (!metrics.samplesPerSecond().isEmpty()) {
            double rate = metrics.samplesPerSecond().lastY();
            text.append(String.format(Locale.ROOT, " · %,.0f samples/s", rate));
            if (state.isActive() && rate > 0) {
                double left = (1 - metrics.progress()) * started.samplesPerEpoch() * started.epochs() / rate;
                // A paused run's time left does not run down: say so rather than show an ETA that stands still.
                text.append(state == RunState.PAUSED ? " · paused, " + duration(left) + " left when resumed" : " · ETA " + duration(left));
            }
        }
        if (!metrics.validationAccuracy().isEmpty()) {
            text.append(String.format(Locale.ROOT, " · validation accuracy %.3f", metrics.validationAccuracy().lastY()));
        }
        return text.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
