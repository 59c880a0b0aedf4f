package dev.netwright.cluster.spark;

import dev.netwright.runtime.train.EpochTrainer;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * On the driver of a data-parallel run: receives the minibatches the workers reported ({@link LossReporter}) after each
 * averaging, as DL4J's training master hands them over, and passes them on in the order trained: by iteration, and the
 * workers of one iteration by their id.
 */
final class LossCollector implements StatsStorageRouter {
    private static final Comparator<MinibatchLoss> ORDER = Comparator.comparingLong(MinibatchLoss::iteration)
            .thenComparing(MinibatchLoss::getWorkerID);

    private final EpochTrainer.Progress progress;
    private long latestIteration = -1;

    LossCollector(EpochTrainer.Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        List<MinibatchLoss> trained = updates.stream().filter(MinibatchLoss.class::isInstance)
                .map(MinibatchLoss.class::cast).sorted(ORDER).toList();
        if (trained.isEmpty()) {
            return;
        }
        latestIteration = Math.max(latestIteration, trained.get(trained.size() - 1).iteration());
        progress.trained(trained.stream().map(m -> new EpochTrainer.Minibatch(m.loss(), m.examples())).toList());
    }

    @Override
    public void putUpdate(Persistable update) {
        putUpdate(List.of(update));
    }

    /** The last iteration a worker reported having trained, -1 before any report. */
    long latestIteration() {
        return latestIteration;
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        // DL4J's own UI listeners send these; Netwright's reporter does not
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        // as above
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        // as above
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        // as above
    }
}
