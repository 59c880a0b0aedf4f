package dev.netwright.runtime.sweep;

import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.worker.WorkerClient;
import dev.netwright.runtime.train.worker.WorkerHandle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/** Trains each trial as an ordinary run, in a worker process of its own ({@link WorkerClient}). */
public final class WorkerTrialLauncher implements TrialLauncher {
    private final WorkerClient workers;
    private final Set<WorkerHandle> running = ConcurrentHashMap.newKeySet();

    public WorkerTrialLauncher(WorkerClient workers) {
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    @Override
    public Outcome run(RunRequest request, Path runDir) throws InterruptedException {
        BestEpoch best = new BestEpoch();
        WorkerHandle worker;
        try {
            worker = workers.start(request, runDir, best::onEvent);
        } catch (IOException e) {
            return Outcome.failure("Cannot start the training worker: " + e.getMessage());
        }
        running.add(worker);
        try {
            TrainingEvent end = worker.end().get();
            if (end instanceof TrainingEvent.Failed failed) {
                return new Outcome(true, failed.reason(), best.epoch, best.accuracy, best.loss);
            }
            return new Outcome(false, null, best.epoch, best.accuracy, best.loss);
        } catch (ExecutionException e) {
            return Outcome.failure("The training worker failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            worker.kill();
            throw e;
        } finally {
            running.remove(worker);
        }
    }

    @Override
    public void stopAll() {
        running.forEach(WorkerHandle::kill);
    }

    /** The epoch with the best validation accuracy the run reported. */
    private static final class BestEpoch {
        private volatile int epoch;
        private volatile double accuracy = Double.NaN;
        private volatile double loss = Double.NaN;

        void onEvent(TrainingEvent event) {
            if (event instanceof TrainingEvent.EpochEnd end) {
                epoch = end.epoch();
                if (Double.isNaN(accuracy) || end.validationAccuracy() > accuracy) {
                    accuracy = end.validationAccuracy();
                    loss = end.validationLoss();
                }
            }
        }
    }
}
