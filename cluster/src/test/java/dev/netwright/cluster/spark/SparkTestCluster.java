package dev.netwright.cluster.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.deploy.master.Master$;
import org.apache.spark.deploy.worker.Worker$;
import org.apache.spark.rpc.RpcEnv;
import scala.Option;
import scala.Tuple3;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Spark standalone cluster on 127.0.0.1 for the tests: Spark's own {@code Master} and {@code Worker} classes
 * (what {@code start-master.sh} and {@code start-worker.sh} run), each with an RPC endpoint of its own, started in the
 * test's JVM. The workers launch every executor as a JVM of its own, as on a real cluster, from {@code $SPARK_HOME}
 * (surefire sets it to target/sparkhome: an empty "distribution" made here); the executors' class path is the test's
 * own, given to them as spark.executor.extraClassPath by {@link #driverProperties()}.
 */
final class SparkTestCluster implements AutoCloseable {
    private final RpcEnv master;
    private final List<RpcEnv> workers;
    private final String url;

    private SparkTestCluster(RpcEnv master, List<RpcEnv> workers, String url) {
        this.master = master;
        this.workers = workers;
        this.url = url;
    }

    /** A master and {@code workers} workers of one core and {@code memoryMb} each, their folders under {@code dir}. */
    static SparkTestCluster start(int workers, int memoryMb, Path dir) throws IOException {
        prepareSparkHome();
        SparkConf conf = new SparkConf(false).set("spark.master.rest.enabled", "false");
        Tuple3<RpcEnv, Object, Option<Object>> started = Master$.MODULE$.startRpcEnvAndEndpoint("127.0.0.1", 0, 0, conf);
        RpcEnv master = started._1();
        String url = "spark://127.0.0.1:" + master.address().port();
        List<RpcEnv> workerEnvs = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
            workerEnvs.add(Worker$.MODULE$.startRpcEnvAndEndpoint("127.0.0.1", 0, 0, 1, memoryMb,
                    new String[] {url}, workDir.toString(), Option.apply((Object) i), new SparkConf(false),
                    Option.apply(null)));
        }
        return new SparkTestCluster(master, workerEnvs, url);
    }

    /**
     * A master and two workers of one core and 1 GB each, their folders under {@code dir}, and the
     * {@link #driverProperties() driver's settings} for it: a test class's cluster. Stop it with {@link #stop}.
     */
    static SparkTestCluster startForDriver(Path dir) throws IOException {
        SparkTestCluster cluster = start(2, 1024, dir);
        driverProperties();
        return cluster;
    }

    /** Clears the driver's settings and stops {@code cluster}, if it started (null if it did not). */
    static void stop(SparkTestCluster cluster) {
        clearDriverProperties();
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A master URL on 127.0.0.1 where nothing listens: a port that was free a moment ago. */
    static String unreachableMaster() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "spark://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** spark://127.0.0.1:PORT */
    String url() {
        return url;
    }

    /**
     * The driver's settings for this cluster, as -Dspark.* system properties (the CLI's SparkConf reads them): the
     * executors get the test's class path, little memory (a trial trains in a worker process of its own), no UI.
     */
    static void driverProperties() {
        System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        System.setProperty("spark.executor.memory", "512m");
        System.setProperty("spark.ui.enabled", "false");
    }

    static void clearDriverProperties() {
        List.of("spark.executor.extraClassPath", "spark.executor.memory", "spark.ui.enabled", "spark.task.maxFailures")
                .forEach(System::clearProperty);
    }

    /** $SPARK_HOME with an empty jars folder and a RELEASE file: what a worker's executor launcher looks for. */
    private static void prepareSparkHome() throws IOException {
        String home = System.getenv("SPARK_HOME");
        if (home == null) {
            throw new IllegalStateException("SPARK_HOME is not set (the cluster module's surefire sets it)");
        }
        Files.createDirectories(Path.of(home, "jars"));
        if (!Files.exists(Path.of(home, "RELEASE"))) {
            Files.createFile(Path.of(home, "RELEASE"));
        }
    }

    /** Stops the workers (which kill their executors) and the master, and waits until they have. */
    @Override
    public void close() {
        for (RpcEnv worker : workers) {
            worker.shutdown();
            worker.awaitTermination();
        }
        master.shutdown();
        master.awaitTermination();
    }
}
