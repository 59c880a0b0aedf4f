package probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * Does dl4j-spark_2.12 1.0.0-M2 train a ComputationGraph with the DL4J/ND4J jars on its classpath (M2.1 by default)?
 * Trains one epoch of a 784-32-10 network on a Fashion-MNIST subset on one machine without Spark, then with
 * SparkComputationGraph + ParameterAveragingTrainingMaster (pa) and SharedTrainingMaster (shared) on local[2], and
 * prints the accuracies and times.
 *
 * Arguments: [trainCount] [testCount] [sparkMaster] [pa,shared]; defaults 2000 500 local[2] pa,shared.
 */
public final class SparkProbe {
    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");
    private static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        int trainCount = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int testCount = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        String master = args.length > 2 ? args[2] : "local[2]";
        String masters = args.length > 3 ? args[3] : "pa,shared";

        System.out.println("probe: dl4j-spark from " + jarOf(SparkComputationGraph.class));
        System.out.println("probe: deeplearning4j-nn from " + jarOf(ComputationGraph.class));
        System.out.println("probe: nd4j-api from " + jarOf(Nd4j.class));
        System.out.println("probe: spark-core from " + jarOf(SparkConf.class) + " (Spark "
                + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")");
        System.out.println("probe: backend " + Nd4j.getBackend().getClass().getName());

        List<DataSet> train = batches("train", trainCount);
        List<DataSet> test = batches("t10k", testCount);

        long start = System.nanoTime();
        ComputationGraph local = new ComputationGraph(configuration());
        local.init();
        local.fit(new ListDataSetIterator<>(train, 1));
        long localMs = (System.nanoTime() - start) / 1_000_000;
        Evaluation localEval = local.evaluate(new ListDataSetIterator<>(test, 1));
        System.out.printf("probe: local   1 epoch  %d ms  accuracy %.4f%n", localMs, localEval.accuracy());

        SparkConf conf = new SparkConf().setMaster(master).setAppName("netwright-spark-probe")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            for (String name : masters.split(",")) {
                try {
                    fitOnSpark(sc, name, master, train, test);
                } catch (Exception | LinkageError e) {
                    System.out.println("probe: spark   " + name + " FAILED: " + e);
                    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                        System.out.println("probe:         caused by " + cause);
                    }
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    StackTraceElement[] frames = root.getStackTrace();
                    for (int i = 0; i < Math.min(8, frames.length); i++) {
                        System.out.println("probe:           at " + frames[i]);
                    }
                }
            }
        }
    }

    private static void fitOnSpark(JavaSparkContext sc, String name, String master, List<DataSet> train,
            List<DataSet> test) {
        TrainingMaster<?, ?> trainingMaster = switch (name) {
            // Builder(BATCH): each RDD element already holds BATCH examples.
            case "pa" -> new ParameterAveragingTrainingMaster.Builder(BATCH)
                    .batchSizePerWorker(BATCH).averagingFrequency(5).workerPrefetchNumBatches(0)
                    .rddTrainingApproach(RDDTrainingApproach.Direct).build();
            case "shared" -> new SharedTrainingMaster.Builder(VoidConfiguration.builder().unicastPort(40123)
                    .networkMask("127.0.0.0/8").controllerAddress("127.0.0.1").build(), BATCH)
                    .batchSizePerWorker(BATCH).workersPerNode(1).workerPrefetchNumBatches(0)
                    .rddTrainingApproach(RDDTrainingApproach.Direct).build();
            default -> throw new IllegalArgumentException("training master pa or shared, not " + name);
        };
        SparkComputationGraph spark = new SparkComputationGraph(sc, configuration(), trainingMaster);
        long start = System.nanoTime();
        spark.fit(sc.parallelize(train, 2));
        long sparkMs = (System.nanoTime() - start) / 1_000_000;
        Evaluation sparkEval = spark.getNetwork().evaluate(new ListDataSetIterator<>(test, 1));
        System.out.printf("probe: spark   1 epoch  %d ms  accuracy %.4f  (%s, %s)%n", sparkMs, sparkEval.accuracy(),
                master, trainingMaster.getClass().getSimpleName());
        Evaluation onExecutors = spark.evaluate(sc.parallelize(test, 2));
        System.out.printf("probe: spark   evaluate on executors  accuracy %.4f%n", onExecutors.accuracy());
    }

    private static ComputationGraphConfiguration configuration() {
        return new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(1e-3)).graphBuilder()
                .addInputs("in")
                .addLayer("dense1", new DenseLayer.Builder().nIn(784).nOut(32).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "dense1")
                .setOutputs("out").build();
    }

    // ListDataSetIterator's batch size counts list elements; each element here is already a minibatch, hence 1.

    /** The first {@code count} images of a Fashion-MNIST file pair, in minibatches of {@link #BATCH}. */
    private static List<DataSet> batches(String prefix, int count) throws IOException {
        float[][] pixels = new float[count][784];
        float[][] labels = new float[count][10];
        try (DataInputStream images = open(prefix + "-images-idx3-ubyte.gz");
                DataInputStream classes = open(prefix + "-labels-idx1-ubyte.gz")) {
            images.skipBytes(16);
            classes.skipBytes(8);
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < 784; p++) {
                    pixels[i][p] = images.readUnsignedByte() / 255f;
                }
                labels[i][classes.readUnsignedByte()] = 1f;
            }
        }
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < count; from += BATCH) {
            int to = Math.min(count, from + BATCH);
            INDArray features = Nd4j.create(java.util.Arrays.copyOfRange(pixels, from, to));
            INDArray targets = Nd4j.create(java.util.Arrays.copyOfRange(labels, from, to));
            batches.add(new DataSet(features, targets));
        }
        return batches;
    }

    private static DataInputStream open(String name) throws IOException {
        InputStream in = Files.newInputStream(DATA.resolve(name));
        return new DataInputStream(new GZIPInputStream(in));
    }

    private static String jarOf(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).getFileName().toString();
    }
}
