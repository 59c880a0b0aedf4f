package dev.netwright.runtime.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * Trains a run's network one whole epoch at a time somewhere other than {@link TrainingSession}'s own minibatch loop:
 * data-parallel on a cluster ({@code netwright train --cluster}, {@link ClusterTraining}). The session keeps all the
 * rest (the data, validation, checkpoints, early stopping, the evaluation and the model file), so the run folder is an
 * ordinary one.
 */
public interface EpochTrainer {
    /** Where the run trains, in words, for its RunStarted event's device: "Spark spark://host:7077, 2 executors, ...". */
    String where();

    /**
     * Trains {@code graph} one epoch on {@code minibatches} (this epoch's shuffle, each a minibatch of the run's batch
     * size but maybe the last), telling {@code progress} of the minibatches trained as the cluster reports them.
     *
     * @return the network trained (it may be {@code graph}, changed in place) and the training loss it reports
     * @throws RunFailure naming why the epoch could not be trained (the cluster was lost)
     */
    Fitted fitEpoch(ComputationGraph graph, List<DataSet> minibatches, Progress progress)
            throws RunFailure, InterruptedException;

    /**
     * An epoch trained elsewhere: the network with its new parameters and updater state, its training loss, and whether
     * the trainer trained the whole epoch (false where, asked to stop, it returned before the epoch's end: maybe before
     * its first part, the network untouched).
     */
    record Fitted(ComputationGraph graph, double loss, boolean wholeEpoch) {
        /** The whole epoch trained. */
        public Fitted(ComputationGraph graph, double loss) {
            this(graph, loss, true);
        }

        /** The network as trained so far by a trainer that, asked to stop, returned before the epoch's end. */
        public static Fitted stopped(ComputationGraph graph, double loss) {
            return new Fitted(graph, loss, false);
        }
    }

    /** One minibatch trained elsewhere: its training loss, as DL4J scores it, and the examples it held. */
    record Minibatch(double loss, int examples) {
    }

    /** Hears of the minibatches trained, on the thread that called {@link #fitEpoch}; a trainer may report none. */
    @FunctionalInterface
    interface Progress {
        /** The minibatches trained since the last report, in the order trained (Spark: after each averaging). */
        void trained(List<Minibatch> minibatches);

        /**
         * Whether the run has been asked to stop. A trainer that trains an epoch in parts (Spark: one averaging round
         * at a time) asks before each part and, when it is true, returns the network as trained so far
         * ({@link Fitted#stopped}); the session then saves it as a stopped run's model, or none where nothing was
         * trained yet. One that cannot stop mid-epoch need not ask.
         */
        default boolean stopRequested() {
            return false;
        }
    }
}
