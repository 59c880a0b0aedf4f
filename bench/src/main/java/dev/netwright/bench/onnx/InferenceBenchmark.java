package dev.netwright.bench.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.netwright.interop.onnx.OnnxExport;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.train.NativeTuning;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Inference time of every sample in Deeplearning4j (Netwright's own engine) and, for the same network exported as
 * ONNX, in ONNX Runtime's CPU provider (its default threads), in the same process: one example, and a batch of 64. Median of the timed
 * runs after warm-up runs. Prints a Markdown table. Run: {@code bench/onnx.sh}.
 */
public final class InferenceBenchmark {
    private InferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 51;
        Path dir = Files.createTempDirectory("netwright-onnx-bench-");
        System.out.println("| sample | parameters | DL4J, 1 example (ms) | ONNX Runtime, 1 example (ms) | "
                + "DL4J, 64 (ms) | ONNX Runtime, 64 (ms) | largest difference |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Sample sample : Samples.list()) {
            Design design = Samples.load(sample.id());
            // the worker's native settings for this design (oneDNN helpers where they help), as a run gets them
            for (String option : NativeTuning.forDesign(design).jvmOptions()) {
                String[] property = option.substring(2).split("=", 2);
                System.setProperty(property[0], property[1]);
            }
            ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
            graph.init();
            Path file = dir.resolve(sample.id() + ".onnx");
            new OnnxExport().write(design, graph, file);
            Shape input = InputKind.shapeOf(design).orElseThrow();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                 OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString(), options)) {
                double[] times = new double[4];
                double difference = 0;
                int column = 0;
                for (int batch : new int[] {1, 64}) {
                    INDArray x = Nd4j.rand(DataType.FLOAT, input.batchShape(batch));
                    INDArray onnxX = x.rank() == 3 ? x.permute(0, 2, 1).dup('c') : x;
                    float[] data = onnxX.reshape(onnxX.length()).toFloatVector();
                    long[] shape = onnxX.shape();
                    times[column] = median(repeats, () -> graph.outputSingle(x));
                    times[column + 1] = median(repeats, () -> {
                        try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(),
                                FloatBuffer.wrap(data), shape); OrtSession.Result r = session.run(Map.of("input", t))) {
                            r.get(0);
                        }
                    });
                    try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(data),
                            shape); OrtSession.Result r = session.run(Map.of("input", t))) {
                        FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
                        float[] values = new float[out.remaining()];
                        out.get(values);
                        INDArray expected = graph.outputSingle(x);
                        difference = Math.max(difference, Nd4j.create(values, expected.shape(), 'c')
                                .sub(expected).amaxNumber().doubleValue());
                    }
                    column += 2;
                }
                System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.1f | %.1f | %.1e |%n", sample.id(),
                        graph.numParams(), times[0], times[1], times[2], times[3], difference);
            }
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double median(int repeats, Run run) throws Exception {
        for (int i = 0; i < 10; i++) {
            run.run();
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            run.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }
}
