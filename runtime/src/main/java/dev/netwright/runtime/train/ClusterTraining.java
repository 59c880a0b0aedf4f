package dev.netwright.runtime.train;

import dev.netwright.runtime.design.LearningRateSchedule;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one run data-parallel on a cluster ({@code netwright train --cluster MASTER}). The implementation lives in
 * the optional cluster module (netwright-cluster: Deeplearning4j's Spark training) and is found with
 * {@link java.util.ServiceLoader}, so that the desktop app and its installer do not carry Spark
 * (docs/decisions/0020-data-parallel-runs-through-a-service.md).
 */
public interface ClusterTraining {
    /** A connection to a cluster that trains a {@link TrainingSession}'s epochs on its executors. */
    interface Trainer extends EpochTrainer, AutoCloseable {
        /** Ends the connection to the cluster. */
        @Override
        void close();
    }

    /**
     * Connects to {@code master} ({@code spark://HOST:PORT} or {@code local[N]}) and waits for an executor.
     *
     * @throws IOException naming the master when it cannot be reached, gives no executor, or the URL is not one taken
     */
    Trainer connect(String master) throws IOException;

    /**
     * What of {@code request} a data-parallel run cannot do as a run on one machine does (each worker trains its
     * share of an epoch on its own, and the parameters are averaged): the settings named as the user gives them.
     * Empty when it can train as asked.
     */
    static List<String> unsupported(RunRequest request) {
        List<String> problems = new ArrayList<>();
        if (request.backend() == Backend.GPU) {
            problems.add("--backend gpu (the executors train on their own backend)");
        }
        if (!request.augmentation().isNone()) {
            problems.add("--augment (augmentation happens in the one-machine training loop)");
        }
        if (request.distillation() != null) {
            problems.add("distillation (--distil-from, or a teacher saved with the design)");
        }
        if (!request.fineTuning().isNone()) {
            problems.add("fine-tuning settings (--pretrained-lr-factor, --head-first, --unfreeze-every, or ones saved with the design)");
        }
        if (!(request.lrSchedule() instanceof LearningRateSchedule.Constant)) {
            problems.add("--lr-schedule other than constant (the executors count their own minibatches)");
        }
        return problems;
    }
}
