package dev.netwright.interop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Two ONNX models of one network (float and int8) run side by side in ONNX Runtime's CPU provider with the same session
 * settings: their accuracy on labelled examples, how often they agree, and their latency for a batch of 1 and of
 * {@value #BATCH} (the median of timed runs after a warm-up, the two models taking turns so that a busy machine
 * slows both alike).
 */
public final class OnnxModelComparison {
    /** The larger batch timed. */
    public static final int BATCH = 64;
    /** ONNX Runtime's operators that compute in integers: what a QDQ model should have become once optimised. */
    public static final Set<String> INT8_KERNELS = Set.of("QLinearConv", "NhwcQLinearConv", "QLinearMatMul",
            "MatMulInteger", "MatMulIntegerToFloat", "ConvInteger", "QGemm", "DynamicQuantizeMatMul");
    private static final int WARM_UP = 10;
    private static final int TIMED_SINGLE = 1000;
    private static final int TIMED_BATCH = 100;

    /**
     * Labelled examples in the models' layout.
     *
     * @param batches the examples, in batches
     * @param labels  every example's class index, in order
     */
    public record Labelled(List<OnnxCalibration.Batch> batches, int[] labels) {
    }

    /**
     * One model's figures.
     *
     * @param accuracy     the share of examples whose largest output is their class
     * @param singleMillis median milliseconds for a batch of 1
     * @param batchMillis  median milliseconds for a batch of {@link #BATCH}
     * @param singleCpuMillis median CPU time of the calling thread for a batch of 1: with one intra-op thread ONNX
     *                        Runtime computes on it, so this leaves out the time other processes took the core
     * @param batchCpuMillis  the same for a batch of {@link #BATCH}
     */
    public record Figures(double accuracy, double singleMillis, double batchMillis, double singleCpuMillis,
                          double batchCpuMillis) {
    }

    /**
     * Both models' figures.
     *
     * @param agreement the share of examples where the two models give the same class
     * @param threads   ONNX Runtime's intra-op threads for both
     */
    public record Result(Figures floatModel, Figures int8Model, double agreement, int examples, int threads,
                         String runtimeVersion) {
    }

    private OnnxModelComparison() {
    }

    /** Both models on {@code data}, each in a session with {@code threads} intra-op threads and all optimisations. */
    public static Result compare(Path floatModel, Path int8Model, Labelled data, int threads) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = options(threads);
             OrtSession f = env.createSession(floatModel.toString(), options);
             OrtSession q = env.createSession(int8Model.toString(), options)) {
            int correctF = 0;
            int correctQ = 0;
            int agree = 0;
            int at = 0;
            for (OnnxCalibration.Batch batch : data.batches()) {
                int[] classesF = classes(run(f, batch));
                int[] classesQ = classes(run(q, batch));
                for (int i = 0; i < classesF.length; i++, at++) {
                    correctF += classesF[i] == data.labels()[at] ? 1 : 0;
                    correctQ += classesQ[i] == data.labels()[at] ? 1 : 0;
                    agree += classesF[i] == classesQ[i] ? 1 : 0;
                }
            }
            OnnxCalibration.Batch one = first(data, 1);
            OnnxCalibration.Batch many = first(data, BATCH);
            double[][] single = alternately(f, q, one, TIMED_SINGLE);
            double[][] batched = alternately(f, q, many, TIMED_BATCH);
            return new Result(new Figures((double) correctF / at, median(single[0]), median(batched[0]),
                    median(single[2]), median(batched[2])),
                    new Figures((double) correctQ / at, median(single[1]), median(batched[1]), median(single[3]),
                            median(batched[3])), (double) agree / at, at, threads, env.getVersion());
        }
    }

    /**
     * The operators ONNX Runtime runs for {@code model} once it has optimised it (the session settings of
     * {@link #compare}), by type, with their counts: the evidence that int8 kernels run rather than dequantised floats.
     */
    public static Map<String, Integer> optimisedOperators(Path model, int threads) throws OrtException, IOException {
        Path optimised = Files.createTempFile("netwright-optimised", ".onnx");
        try {
            try (OrtSession.SessionOptions options = options(threads)) {
                options.setOptimizedModelFilePath(optimised.toString());
                // it warns that a file optimised at this level suits this machine only: this one reads it, here
                options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
                OrtEnvironment.getEnvironment().createSession(model.toString(), options).close();
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (NodeProto node : ModelProto.parseFrom(Files.readAllBytes(optimised)).getGraph().getNodeList()) {
                counts.merge(node.getOpType(), 1, Integer::sum);
            }
            return counts;
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("ONNX Runtime's optimised model cannot be read: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(optimised);
        }
    }

    /** Bytes of the model's initializers (its weights and constants). */
    public static long initializerBytes(ModelProto model) {
        long bytes = 0;
        for (TensorProto t : model.getGraph().getInitializerList()) {
            bytes += t.getRawData().size() + 4L * t.getFloatDataCount() + 8L * t.getInt64DataCount()
                    + 4L * t.getInt32DataCount();
        }
        return bytes;
    }

    static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    private static double[][] alternately(OrtSession f, OrtSession q, OnnxCalibration.Batch batch, int timed)
            throws OrtException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] times = new double[4][timed]; // wall float, wall int8, CPU float, CPU int8
        for (int i = 0; i < WARM_UP + timed; i++) {
            for (int m = 0; m < 2; m++) {
                long cpuStart = cpu.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                run(m == 0 ? f : q, batch);
                if (i >= WARM_UP) {
                    times[m][i - WARM_UP] = (System.nanoTime() - start) / 1e6;
                    times[m + 2][i - WARM_UP] = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e6;
                }
            }
        }
        return times;
    }

    /** The first {@code size} examples as one batch, the examples repeated where there are fewer. */
    private static OnnxCalibration.Batch first(Labelled data, int size) {
        OnnxCalibration.Batch b0 = data.batches().get(0);
        int length = (int) (b0.values().length / b0.shape()[0]);
        float[] all = new float[size * length];
        int filled = 0;
        while (filled < size) {
            for (OnnxCalibration.Batch b : data.batches()) {
                int n = (int) Math.min(b.shape()[0], size - filled);
                System.arraycopy(b.values(), 0, all, filled * length, n * length);
                filled += n;
                if (filled == size) {
                    break;
                }
            }
        }
        long[] shape = b0.shape().clone();
        shape[0] = size;
        return new OnnxCalibration.Batch(all, shape);
    }

    private static float[][] run(OrtSession session, OnnxCalibration.Batch batch) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String input = session.getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.values()), batch.shape());
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            Object value = result.get(0).getValue();
            if (!(value instanceof float[][] rows)) {
                throw new IllegalArgumentException("the model's output is not [N, classes]");
            }
            return rows;
        }
    }

    private static int[] classes(float[][] outputs) {
        int[] classes = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            for (int c = 1; c < outputs[i].length; c++) {
                if (outputs[i][c] > outputs[i][classes[i]]) {
                    classes[i] = c;
                }
            }
        }
        return classes;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
