package dev.netwright.cluster.spark;

import dev.netwright.runtime.train.EpochTrainer;
import dev.netwright.runtime.train.SerialFilter;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * {@link SparkEpochTrainer} with one worker ({@code local[1]}), where parameter averaging averages one network and so
 * must change nothing: its epoch must train the network exactly as the same minibatches fitted one after the other on
 * one machine, across the training master's splits (its driver-to-worker-to-driver round trips every
 * {@value SparkEpochTrainer#AVERAGING_FREQUENCY} minibatches). Every minibatch is the same, so the order in which the
 * training master hands them to the worker (its random splits) cannot matter.
 */
class SparkEpochTrainerTest {
    /** Two splits of {@value SparkEpochTrainer#AVERAGING_FREQUENCY}: one round trip carries the network between them. */
    private static final int MINIBATCHES = 2 * SparkEpochTrainer.AVERAGING_FREQUENCY;
    /** Far below the difference a lost updater state makes (seen: about 1e-2 after the second split). */
    private static final double SAME = 1e-5;

    private static SparkEpochTrainer trainer;

    @BeforeAll
    static void startSpark() throws Exception {
        SerialFilter.installForSparkTraining(); // as ./netwright does: in local[N] the executors are this JVM
        System.setProperty("spark.ui.enabled", "false");
        trainer = new SparkEpochTrainer(SparkApplication.start("local[1]", "SparkEpochTrainerTest", "this test"),
                "local[1]");
    }

    @AfterAll
    static void stopSpark() {
        if (trainer != null) {
            trainer.close();
        }
        System.clearProperty("spark.ui.enabled");
    }

    @Test
    void oneWorkerTrainsTheEpochAsOneMachineDoesAdamStateIncluded() throws Exception {
        ComputationGraph driver = network();
        ComputationGraph oneMachine = driver.clone();
        List<DataSet> minibatches = minibatches();
        for (DataSet minibatch : minibatches) {
            oneMachine.fit(minibatch);
        }

        EpochTrainer.Fitted fitted = trainer.fitEpoch(driver, minibatches);

        ComputationGraph spark = fitted.graph();
        assertThat(maxDifference(spark.params(), oneMachine.params())).as("parameters: largest difference")
                .isLessThan(SAME);
        assertThat(maxDifference(spark.getUpdater().getStateViewArray(), oneMachine.getUpdater().getStateViewArray()))
                .as("Adam's moments: largest difference").isLessThan(SAME);
        assertThat(spark.getConfiguration().getIterationCount()).as("iterations (Adam's bias correction reads them)")
                .isEqualTo(oneMachine.getConfiguration().getIterationCount()).isEqualTo(MINIBATCHES);
        assertThat(fitted.loss()).isCloseTo(oneMachine.score(), offset(SAME));
    }

    /** A small classifier trained with Adam, as Netwright's designs are by default. */
    private static ComputationGraph network() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-2))
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(6).nOut(12).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(12).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static List<DataSet> minibatches() {
        Nd4j.getRandom().setSeed(11);
        INDArray features = Nd4j.rand(DataType.FLOAT, 16, 6);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int row = 0; row < 16; row++) {
            labels.putScalar(row, row % 3, 1);
        }
        List<DataSet> minibatches = new ArrayList<>();
        for (int i = 0; i < MINIBATCHES; i++) {
            minibatches.add(new DataSet(features.dup(), labels.dup()));
        }
        return minibatches;
    }

    /** Compared element by element in Java: ND4J's own comparisons allow an epsilon. */
    private static double maxDifference(INDArray a, INDArray b) {
        assertThat(a.length()).isEqualTo(b.length());
        double[] x = a.dup().data().asDouble();
        double[] y = b.dup().data().asDouble();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
