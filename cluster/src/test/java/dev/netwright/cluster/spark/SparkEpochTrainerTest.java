package dev.netwright.cluster.spark;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
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

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * {@link SparkEpochTrainer} with one worker ({@code local[1]}), where parameter averaging averages one network and so
 * must change nothing: its epoch must train the network exactly as the same minibatches fitted one after the other on
 * one machine, across the splits (a driver-to-worker-to-driver round trip every
 * {@value SparkEpochTrainer#AVERAGING_FREQUENCY} minibatches), each minibatch's loss reported as it comes back.
 */
class SparkEpochTrainerTest {
    /** Two splits of {@value SparkEpochTrainer#AVERAGING_FREQUENCY} and a short one of 2. */
    private static final int MINIBATCHES = 2 * SparkEpochTrainer.AVERAGING_FREQUENCY + 2;
    /**
     * Far below what each fault made (largest parameter difference, with 10 identical minibatches: 0.065 with the
     * training master's updater state lost, 0.020 with its iteration count restarted each split).
     */
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
    void oneWorkerTrainsTheEpochAsOneMachineDoesAndReportsEachMinibatch() throws Exception {
        ComputationGraph driver = network();
        ComputationGraph oneMachine = driver.clone();
        List<DataSet> minibatches = minibatches();
        List<Double> oneMachineLosses = new ArrayList<>();
        for (DataSet minibatch : minibatches) {
            oneMachine.fit(minibatch);
            oneMachineLosses.add(oneMachine.score());
        }
        List<List<EpochTrainer.Minibatch>> reports = new ArrayList<>();

        EpochTrainer.Fitted fitted = trainer.fitEpoch(driver, minibatches, reports::add);

        ComputationGraph spark = fitted.graph();
        assertThat(maxDifference(spark.params(), oneMachine.params())).as("parameters: largest difference")
                .isLessThan(SAME);
        assertThat(maxDifference(spark.getUpdater().getStateViewArray(), oneMachine.getUpdater().getStateViewArray()))
                .as("Adam's moments: largest difference").isLessThan(SAME);
        assertThat(spark.getConfiguration().getIterationCount()).as("iterations (Adam's bias correction reads them)")
                .isEqualTo(oneMachine.getConfiguration().getIterationCount()).isEqualTo(MINIBATCHES);
        assertThat(spark.getConfiguration().getEpochCount()).as("epochs: the session counts them").isZero();
        assertThat(fitted.loss()).isCloseTo(oneMachine.score(), offset(SAME));

        assertThat(reports).as("one report per split").extracting(List::size).containsExactly(5, 5, 2);
        List<EpochTrainer.Minibatch> reported = reports.stream().flatMap(List::stream).toList();
        assertThat(reported).extracting(EpochTrainer.Minibatch::examples).containsOnly(16);
        for (int i = 0; i < MINIBATCHES; i++) {
            assertThat(reported.get(i).loss()).as("loss of minibatch " + (i + 1))
                    .isCloseTo(oneMachineLosses.get(i), offset(SAME));
        }
    }

    @Test
    void aStopAskedForEndsTheEpochBeforeTheNextSplitWithTheNetworkAsTrainedSoFar() throws Exception {
        ComputationGraph driver = network();
        ComputationGraph oneMachine = driver.clone();
        List<DataSet> minibatches = minibatches();
        for (DataSet minibatch : minibatches.subList(0, 5)) {
            oneMachine.fit(minibatch);
        }
        List<List<EpochTrainer.Minibatch>> reports = new ArrayList<>();
        EpochTrainer.Progress stopAfterTheFirstSplit = new EpochTrainer.Progress() {
            @Override
            public void trained(List<EpochTrainer.Minibatch> trained) {
                reports.add(trained);
            }

            @Override
            public boolean stopRequested() {
                return !reports.isEmpty(); // Stop pressed while the first split trained
            }
        };

        EpochTrainer.Fitted fitted = trainer.fitEpoch(driver, minibatches, stopAfterTheFirstSplit);

        assertThat(reports).as("the first split only").extracting(List::size).containsExactly(5);
        assertThat(fitted.graph().getConfiguration().getIterationCount()).isEqualTo(5);
        assertThat(maxDifference(fitted.graph().params(), oneMachine.params()))
                .as("parameters against one machine's first 5 minibatches").isLessThan(SAME);
    }

    @Test
    void aStopAskedForBeforeTheFirstSplitTrainsNothingAndSaysTheEpochWasCutShort() throws Exception {
        ComputationGraph driver = network();
        INDArray before = driver.params().dup();
        List<List<EpochTrainer.Minibatch>> reports = new ArrayList<>();
        EpochTrainer.Progress stoppedAlready = new EpochTrainer.Progress() {
            @Override
            public void trained(List<EpochTrainer.Minibatch> trained) {
                reports.add(trained);
            }

            @Override
            public boolean stopRequested() {
                return true; // Stop pressed before the first averaging round
            }
        };

        EpochTrainer.Fitted fitted = trainer.fitEpoch(driver, minibatches(), stoppedAlready);

        assertThat(fitted.wholeEpoch()).isFalse();
        assertThat(reports).isEmpty();
        assertThat(maxDifference(fitted.graph().params(), before)).as("parameters untouched").isZero();
    }

    @Test
    void anEpochTrainedToItsEndIsWhole() throws Exception {
        EpochTrainer.Fitted fitted = trainer.fitEpoch(network(), minibatches(), trained -> { });

        assertThat(fitted.wholeEpoch()).isTrue();
    }

    /**
     * The seed CNN as Netwright compiles it (its own convolution layers included), on random images: what the dense
     * network above shows must hold for the network the benchmark trains.
     */
    @Test
    void theSeedCnnTrainsOnOneWorkerAsOnOneMachine() throws Exception {
        Design design;
        try (InputStream json = Objects.requireNonNull(getClass().getResourceAsStream("/dev/netwright/samples/cnn.json"))) {
            design = new DesignJson().read(new String(json.readAllBytes(), StandardCharsets.UTF_8), "cnn.json");
        }
        ComputationGraph driver = new ComputationGraph(
                new DesignCompiler().compile(design, TrainingSettings.defaults()).configuration());
        driver.init();
        ComputationGraph oneMachine = driver.clone();
        Nd4j.getRandom().setSeed(5);
        List<DataSet> minibatches = new ArrayList<>();
        for (int i = 0; i < SparkEpochTrainer.AVERAGING_FREQUENCY + 2; i++) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 10);
            for (int row = 0; row < 8; row++) {
                labels.putScalar(row, (row * 3 + i) % 10, 1);
            }
            minibatches.add(new DataSet(Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28), labels));
        }
        minibatches.forEach(oneMachine::fit);

        ComputationGraph spark = trainer.fitEpoch(driver, minibatches, reported -> { }).graph();

        assertThat(maxDifference(spark.params(), oneMachine.params())).as("parameters: largest difference")
                .isLessThan(SAME);
        assertThat(spark.getConfiguration().getIterationCount()).isEqualTo(minibatches.size());
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

    /** Minibatches of 16 random examples each, all different: the order they train in matters. */
    private static List<DataSet> minibatches() {
        Nd4j.getRandom().setSeed(11);
        List<DataSet> minibatches = new ArrayList<>();
        for (int i = 0; i < MINIBATCHES; i++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, 16, 6);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 3);
            for (int row = 0; row < 16; row++) {
                labels.putScalar(row, (row + i) % 3, 1);
            }
            minibatches.add(new DataSet(features, labels));
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
