package dev.netwright.cluster.spark;

import dev.netwright.runtime.train.ClusterTraining;

import java.io.IOException;

/**
 * {@code netwright train --cluster MASTER} on Apache Spark: one run trained data-parallel with Deeplearning4j's own
 * Spark training ({@link SparkEpochTrainer}), its driver this JVM. Found by {@link java.util.ServiceLoader} from the
 * app's command line (docs/decisions/0020-data-parallel-runs-through-a-service.md).
 */
public final class SparkDataParallel implements ClusterTraining {
    @Override
    public Trainer connect(String master) throws IOException {
        return new SparkEpochTrainer(SparkApplication.start(master, "Netwright training", "this run"), master);
    }
}
