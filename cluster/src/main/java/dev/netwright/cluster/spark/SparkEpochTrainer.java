package dev.netwright.cluster.spark;

import dev.netwright.runtime.train.ClusterTraining;
import dev.netwright.runtime.train.RunFailure;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Trains a run's epochs on a Spark application's executors with Deeplearning4j's {@link SparkComputationGraph} and a
 * {@link ParameterAveragingTrainingMaster} (decision 16: the training master that came closest to one machine's epoch
 * and the only one that trained with separate executor JVMs on one host). The epoch's minibatches, in the session's
 * shuffled order, go to the cluster one split at a time: {@value #AVERAGING_FREQUENCY} consecutive minibatches for each
 * worker; each worker trains its share from the driver's network and updater state, and the parameters and updater
 * state are averaged back into the driver's network. The workers report each minibatch's loss ({@link LossReporter}).
 * A run asked to stop ends its epoch before the next split ({@link Progress#stopRequested()}).
 * <p>
 * Netwright makes the splits itself rather than let the training master split an epoch's RDD: the master splits it
 * into {@code minibatches / (workers * averaging)} random splits, rounded down, while each worker trains at most
 * {@value #AVERAGING_FREQUENCY} minibatches per split and drops the rest (dl4j-spark 1.0.0-M2's
 * {@code ExecuteWorkerMultiDataSetFlatMap}): of the 19 minibatches of 1,200 images, 4 went untrained with one worker, 9
 * with two.
 */
final class SparkEpochTrainer implements ClusterTraining.Trainer {
    /** Minibatches each worker trains between averagings, as in the probe of decision 16. */
    static final int AVERAGING_FREQUENCY = 5;
    private static final Logger LOG = LoggerFactory.getLogger(SparkEpochTrainer.class);

    private final JavaSparkContext spark;
    private final String master;

    SparkEpochTrainer(JavaSparkContext spark, String master) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.master = Objects.requireNonNull(master, "master");
    }

    @Override
    public String where() {
        int executors = SparkApplication.executors(spark);
        return String.format(Locale.ROOT, "Spark %s, data-parallel: %d %s, %d workers, parameter averaging every %d "
                        + "minibatches", master, executors, executors == 1 ? "executor" : "executors", workers(),
                AVERAGING_FREQUENCY);
    }

    /** Workers that train at once: the application's default parallelism (its executors' cores). */
    private int workers() {
        return Math.max(1, spark.defaultParallelism());
    }

    @Override
    public Fitted fitEpoch(ComputationGraph graph, List<DataSet> minibatches, Progress progress) throws RunFailure {
        if (minibatches.isEmpty()) {
            throw new RunFailure("There are no training examples to train on.");
        }
        int workers = workers();
        int batch = minibatches.get(0).numExamples();
        ParameterAveragingTrainingMaster averaging = new IterationCountingTrainingMaster(
                new ParameterAveragingTrainingMaster.Builder(workers, batch).batchSizePerWorker(batch)
                        .averagingFrequency(AVERAGING_FREQUENCY).workerPrefetchNumBatches(0)
                        // the Builder leaves saveUpdater false (its Javadoc says "enabled by default"): each split
                        // would start again from the driver's first updater state, Adam's moments zero
                        .saveUpdater(true).rddTrainingApproach(RDDTrainingApproach.Direct)
                        .storageLevel(null)); // each split's RDD is read twice from the driver's list: nothing to cache
        LossCollector losses = new LossCollector(progress);
        averaging.setListeners(losses, List.of(new LossReporter()));
        SparkComputationGraph network = new SparkComputationGraph(spark, graph, averaging);
        int epoch = graph.getConfiguration().getEpochCount();
        int split = workers * AVERAGING_FREQUENCY;
        boolean stopped = false;
        try {
            for (int from = 0; from < minibatches.size(); from += split) {
                stopped = progress.stopRequested();
                if (stopped) {
                    break; // Stop: the network as the rounds so far averaged it (maybe none), for the session
                }
                // one slice of AVERAGING_FREQUENCY minibatches per worker: the training master keeps them as they are
                network.fit(spark.parallelize(
                        new ArrayList<>(minibatches.subList(from, Math.min(from + split, minibatches.size()))), workers));
                graph.getConfiguration().setEpochCount(epoch); // fit(JavaRDD) counts an epoch each time
            }
        } catch (Exception e) { // Spark's SparkException (a job aborted, the cluster lost), unchecked in Java's eyes
            LOG.warn("data-parallel epoch failed on {}", master, e);
            throw new RunFailure("The Spark cluster " + master + " could not train the epoch: " + SparkApplication.firstLine(e.getMessage())
                    + ". The run ended there; the design is untouched.");
        }
        if (losses.latestIteration() >= 0) {
            // the master adds AVERAGING_FREQUENCY per split; a short last split trained fewer
            graph.getConfiguration().setIterationCount((int) losses.latestIteration() + 1);
        }
        return stopped ? Fitted.stopped(network.getNetwork(), network.getScore())
                : new Fitted(network.getNetwork(), network.getScore());
    }

    @Override
    public void close() {
        spark.stop();
    }
}
