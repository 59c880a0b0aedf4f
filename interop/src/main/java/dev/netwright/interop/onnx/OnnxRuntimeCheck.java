package dev.netwright.interop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Runs an ONNX model in ONNX Runtime (its CPU provider) on the same examples Netwright computed, and says how far
 * the outputs are apart and how long the runtime takes: the evidence that a model works outside Netwright.
 */
public final class OnnxRuntimeCheck {
    private static final int WARM_UP = 3;
    private static final int TIMED = 20;

    /**
     * What ONNX Runtime gave.
     *
     * @param samples            examples compared
     * @param largestDifference  the largest absolute difference of any output value
     * @param singleMillis       the median time of one example alone, in milliseconds
     * @param batchMillis        the time of all {@code samples} in one batch, in milliseconds
     * @param runtimeVersion     ONNX Runtime's version
     */
    public record Result(int samples, double largestDifference, double singleMillis, double batchMillis,
                         String runtimeVersion) {
        /** One line for the user, e.g. "ONNX Runtime 1.23.2 agrees on 100 validation samples: ...". */
        public String summary(String what) {
            return String.format(java.util.Locale.ROOT, "ONNX Runtime %s on %d %s: largest difference from Netwright's "
                    + "outputs %.2g; %.2f ms for one example, %.1f ms for all %d in one batch.", runtimeVersion,
                    samples, what, largestDifference, singleMillis, batchMillis, samples);
        }
    }

    private OnnxRuntimeCheck() {
    }

    /**
     * ONNX Runtime's outputs for {@code features} given as Netwright holds them (images [N, C, H, W]; sequences
     * [N, features, steps], which the model takes batch first).
     */
    public static INDArray outputs(Path model, INDArray features) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = OrtEnvironment.getEnvironment().createSession(model.toString(), options)) {
            return run(session, modelLayout(features));
        }
    }

    /** ONNX Runtime's outputs for {@code x} given in the model's own layout. */
    static INDArray outputsAsGiven(Path model, INDArray x) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            return outputsAsGiven(model, x, options);
        }
    }

    /** The same, in a session with {@code options}. */
    static INDArray outputsAsGiven(Path model, INDArray x, OrtSession.SessionOptions options) throws OrtException {
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(model.toString(), options)) {
            return run(session, x);
        }
    }

    /** Runs the model on {@code features} (Netwright's layout) and compares its outputs with {@code expected}. */
    public static Result compare(Path model, INDArray features, INDArray expected) throws OrtException {
        Objects.requireNonNull(expected, "expected");
        INDArray x = modelLayout(features);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = OrtEnvironment.getEnvironment().createSession(model.toString(), options)) {
            long start = System.nanoTime();
            INDArray actual = run(session, x);
            double batchMillis = (System.nanoTime() - start) / 1e6;
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                throw new IllegalArgumentException("ONNX Runtime gave outputs shaped " + Arrays.toString(actual.shape())
                        + " where Netwright gives " + Arrays.toString(expected.shape()));
            }
            double difference = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            return new Result((int) x.size(0), difference, singleExampleMillis(session, x), batchMillis,
                    OrtEnvironment.getEnvironment().getVersion());
        }
    }

    /** The model's layout: sequences batch first. */
    static INDArray modelLayout(INDArray features) {
        return features.rank() == 3 ? features.permute(0, 2, 1).dup('c') : features;
    }

    private static double singleExampleMillis(OrtSession session, INDArray x) throws OrtException {
        INDArray one = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup('c');
        double[] times = new double[TIMED];
        for (int i = 0; i < WARM_UP + TIMED; i++) {
            long start = System.nanoTime();
            run(session, one);
            if (i >= WARM_UP) {
                times[i - WARM_UP] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(times);
        return times[TIMED / 2];
    }

    private static INDArray run(OrtSession session, INDArray x) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        INDArray c = x.castTo(DataType.FLOAT).dup('c');
        float[] data = c.reshape(c.length()).toFloatVector();
        String input = session.getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), c.shape());
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxValue value = result.get(0);
            OnnxTensor out = (OnnxTensor) value;
            FloatBuffer buffer = out.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return Nd4j.create(values, out.getInfo().getShape(), 'c');
        }
    }
}
