package dev.netwright.charts;

import dev.netwright.runtime.train.TrainingEvent;

import java.util.ArrayList;
import java.util.List;

/** Made-up training events for chart tests. */
public final class Events {
    private Events() {
    }

    public static TrainingEvent.RunStarted started(int epochs, int samples, int batch) {
        return new TrainingEvent.RunStarted("CPU", "test CPU", 1000, samples, 100, 1, epochs, batch, "test data");
    }

    /** A run of {@code iterations} iterations with an epoch end every {@code perEpoch}. */
    public static List<TrainingEvent> run(int iterations, int perEpoch) {
        List<TrainingEvent> events = new ArrayList<>();
        events.add(started(Math.max(1, iterations / perEpoch), perEpoch * 10, 10));
        for (int i = 1; i <= iterations; i++) {
            int epoch = (i - 1) / perEpoch + 1;
            events.add(new TrainingEvent.Iteration(epoch, i, 2.3 * Math.exp(-i / 200.0) + 0.05 * Math.sin(i), 1e-3, 500));
            if (i % perEpoch == 0) {
                events.add(new TrainingEvent.EpochEnd(epoch, i, 0.5, 0.8, 0.6, 0.75, 3.0));
            }
        }
        return events;
    }

    public static TrainingEvent.Evaluation evaluation() {
        int[][] confusion = {{5, 1, 0}, {2, 6, 0}, {0, 1, 9}};
        return new TrainingEvent.Evaluation(1, 20.0 / 24, List.of("cat", "dog", "bird"), confusion,
                new double[] {5.0 / 7, 6.0 / 8, 1.0}, new double[] {5.0 / 6, 6.0 / 8, 0.9},
                new double[] {0.77, 0.75, 0.95},
                List.of(new TrainingEvent.Misclassified(3, 0, 1, 0.6), new TrainingEvent.Misclassified(8, 1, 0, 0.7),
                        new TrainingEvent.Misclassified(9, 1, 0, 0.55), new TrainingEvent.Misclassified(15, 2, 1, 0.51)));
    }
}
