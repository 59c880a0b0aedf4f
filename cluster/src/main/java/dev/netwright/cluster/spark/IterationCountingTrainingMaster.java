package dev.netwright.cluster.spark;

import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * Deeplearning4j's {@link ParameterAveragingTrainingMaster} whose workers carry on the driver network's iteration and
 * epoch counts. dl4j-spark 1.0.0-M2's worker builds its network from {@code ComputationGraphConfiguration.clone()},
 * which copies neither count, so every split of every epoch trained from iteration 0: Adam's bias correction (and any
 * schedule by iteration) restarted each 5 minibatches while its moments went on, and one worker alone trained
 * differently from one machine (docs/benchmarks.md, "Data-parallel training on Spark").
 */
final class IterationCountingTrainingMaster extends ParameterAveragingTrainingMaster {
    IterationCountingTrainingMaster(Builder builder) {
        super(builder);
    }

    /** As DL4J's, with the driver's counts at this split handed to the worker. */
    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        ComputationGraph network = graph.getNetwork();
        ComputationGraphConfiguration conf = network.getConfiguration();
        Broadcast<NetBroadcastTuple> broadcast = graph.getSparkContext()
                .broadcast(new NetBroadcastTuple(conf, network.params(), network.getUpdater().getStateViewArray()));
        WorkerConfiguration worker = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new Worker(broadcast, saveUpdater, worker, this, conf.getIterationCount(), conf.getEpochCount());
    }

    /** DL4J's worker, its network set to the driver's iteration and epoch before it trains. */
    private static final class Worker extends ParameterAveragingTrainingWorker {
        private final int iterations;
        private final int epochs;

        Worker(Broadcast<NetBroadcastTuple> broadcast, boolean saveUpdater, WorkerConfiguration configuration,
               IterationCountingTrainingMaster master, int iterations, int epochs) {
            super(broadcast, saveUpdater, configuration, master.trainingHookList, master.listeners,
                    master.getRouterProvider());
            this.iterations = iterations;
            this.epochs = epochs;
        }

        @Override
        public ComputationGraph getInitialModelGraph() {
            ComputationGraph network = super.getInitialModelGraph();
            network.getConfiguration().setIterationCount(iterations);
            network.getConfiguration().setEpochCount(epochs);
            return network;
        }
    }
}
