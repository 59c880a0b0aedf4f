package dev.netwright.interop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ranges of a float model's activations, measured by running it in ONNX Runtime on calibration examples with those
 * activations added as graph outputs: the smallest and largest value seen ({@link Method#MINMAX}), or the values at a
 * percentile and its complement ({@link Method#PERCENTILE}, from a histogram of 2,048 bins per activation over its
 * min/max, a second pass), which leaves the rare outliers out of the range.
 */
public final class OnnxCalibration {
    /** How a range is taken from the values seen. */
    public enum Method {
        MINMAX, PERCENTILE;

        /** The name the command line and the metadata use. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The percentile {@link Method#PERCENTILE} keeps unless told otherwise. */
    public static final double DEFAULT_PERCENTILE = 99.99;
    private static final int BINS = 2048;

    /**
     * Examples in the model's layout, flat in c order, and their shape: one batch of the calibration set.
     *
     * @param values the batch's values
     * @param shape  its shape, the batch first
     */
    public record Batch(float[] values, long[] shape) {
    }

    private OnnxCalibration() {
    }

    /**
     * Each of {@code values}' range over all {@code batches}.
     *
     * @param percentile for {@link Method#PERCENTILE}: the share (in %) of each activation's values the range holds at
     *                   its top, and the same at its bottom, e.g. 99.99
     */
    public static Map<String, OnnxQuantizer.Range> ranges(ModelProto model, List<String> values, List<Batch> batches,
                                                          Method method, double percentile) throws OrtException {
        Objects.requireNonNull(method, "method");
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one example");
        }
        if (method == Method.PERCENTILE && !(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("the percentile must be above 50 and at most 100, not " + percentile);
        }
        ModelProto augmented = withOutputs(model, values);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // the float graph as written: optimisations could fuse an activation away before it is read
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(augmented.toByteArray(), options)) {
                float[][] minMax = new float[values.size()][];
                for (int i = 0; i < values.size(); i++) {
                    minMax[i] = new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
                }
                forEachValue(session, values, batches, (i, v) -> {
                    for (float x : v) {
                        minMax[i][0] = Math.min(minMax[i][0], x);
                        minMax[i][1] = Math.max(minMax[i][1], x);
                    }
                });
                Map<String, OnnxQuantizer.Range> ranges = new LinkedHashMap<>();
                if (method == Method.MINMAX) {
                    for (int i = 0; i < values.size(); i++) {
                        ranges.put(values.get(i), new OnnxQuantizer.Range(minMax[i][0], minMax[i][1]));
                    }
                    return ranges;
                }
                long[][] histograms = new long[values.size()][BINS];
                forEachValue(session, values, batches, (i, v) -> {
                    float lo = minMax[i][0];
                    float width = (minMax[i][1] - lo) / BINS;
                    for (float x : v) {
                        int bin = width > 0 ? (int) ((x - lo) / width) : 0;
                        histograms[i][Math.max(0, Math.min(BINS - 1, bin))]++;
                    }
                });
                for (int i = 0; i < values.size(); i++) {
                    ranges.put(values.get(i), percentileRange(histograms[i], minMax[i][0], minMax[i][1], percentile));
                }
                return ranges;
            }
        }
    }

    /** The model with {@code values} added as float outputs, so that a run returns them. */
    static ModelProto withOutputs(ModelProto model, List<String> values) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        Set<String> present = new HashSet<>();
        graph.getOutputList().forEach(o -> present.add(o.getName()));
        graph.getInputList().forEach(i -> present.add(i.getName())); // read from the batch itself
        for (String value : values) {
            if (present.add(value)) {
                graph.addOutput(ValueInfoProto.newBuilder().setName(value).setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
            }
        }
        return model.toBuilder().setGraph(graph).build();
    }

    private static OnnxQuantizer.Range percentileRange(long[] histogram, float min, float max, double percentile) {
        long total = Arrays.stream(histogram).sum();
        double tail = total * (100 - percentile) / 100;
        float width = (max - min) / BINS;
        int low = 0;
        for (long seen = 0; low < BINS && seen + histogram[low] <= tail; low++) {
            seen += histogram[low];
        }
        int high = BINS - 1;
        for (long seen = 0; high > 0 && seen + histogram[high] <= tail; high--) {
            seen += histogram[high];
        }
        // the bin where the percentile falls is kept whole
        return new OnnxQuantizer.Range(Math.max(min, min + low * width), Math.min(max, min + (high + 1) * width));
    }

    private interface ValueConsumer {
        void accept(int index, float[] values);
    }

    private static void forEachValue(OrtSession session, List<String> values, List<Batch> batches,
                                     ValueConsumer consumer) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String input = session.getInputNames().iterator().next();
        Set<String> wanted = new HashSet<>(values);
        wanted.remove(input);
        for (Batch batch : batches) {
            if (wanted.isEmpty()) { // only the input itself is calibrated
                for (int i = 0; i < values.size(); i++) {
                    consumer.accept(i, batch.values());
                }
                continue;
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.values()), batch.shape());
                 OrtSession.Result result = session.run(Map.of(input, tensor), wanted)) {
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i).equals(input)) {
                        consumer.accept(i, batch.values());
                        continue;
                    }
                    FloatBuffer buffer = ((OnnxTensor) result.get(values.get(i)).orElseThrow()).getFloatBuffer();
                    float[] v = new float[buffer.remaining()];
                    buffer.get(v);
                    consumer.accept(i, v);
                }
            }
        }
    }
}
