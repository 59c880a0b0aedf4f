package dev.netwright.interop.onnx;

import ai.onnxruntime.OrtException;
import dev.netwright.runtime.codegen.CodeExportException;
import dev.netwright.runtime.data.ExampleIterator;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunData;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import onnx.Onnx.ModelProto;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A trained run as float and int8 ONNX files, compared: exports the run's model as ONNX, calibrates its activations on
 * the first training examples, writes the QDQ int8 model beside it ({@code FILE.int8.onnx}), and runs both in ONNX
 * Runtime on the run's evaluation data (the test part where it held one out, else validation) for accuracy, agreement
 * and latency. What {@code netwright quantize} does; reads files and computes: not for the FX thread.
 */
public final class OnnxQuantizeJob {
    /** Training examples calibrated on unless told otherwise. */
    public static final int DEFAULT_CALIBRATION = 500;
    /** ONNX Runtime's intra-op threads for both models' timings. */
    public static final int THREADS = 1;
    private static final int BATCH = 64;

    /**
     * @param calibration training examples to calibrate on, at least 1
     * @param method      how activation ranges are taken
     * @param percentile  for {@link OnnxCalibration.Method#PERCENTILE}, e.g. 99.99
     * @param fullRange   int8 weights in -127..127 rather than 7 bits (see {@link OnnxQuantizer#quantize}): for CPUs
     *                    with VNNI or ARM, where ONNX Runtime's kernels do not overflow
     */
    public record Options(int calibration, OnnxCalibration.Method method, double percentile, boolean fullRange) {
        public Options {
            Objects.requireNonNull(method, "method");
            if (calibration < 1) {
                throw new IllegalArgumentException("calibration needs at least 1 example, not " + calibration);
            }
        }
    }

    /** Why a run cannot be quantised, in the user's words; nothing was written. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /**
     * What was written and measured.
     *
     * @param calibrated      training examples calibrated on
     * @param int8Operators   the operators ONNX Runtime runs for the int8 model after optimising it, with counts
     * @param evaluatedOn     "test" or "validation"
     */
    public record Report(Path floatFile, Path int8File, OnnxQuantizer.Plan plan, int calibrated, Options options,
                         long floatBytes, long int8Bytes, long floatWeightBytes, long int8WeightBytes,
                         Map<String, Integer> int8Operators, OnnxModelComparison.Result comparison,
                         String evaluatedOn) {
        /** The int8 kernels among {@link #int8Operators()}. */
        public Map<String, Integer> int8Kernels() {
            Map<String, Integer> kernels = new LinkedHashMap<>();
            int8Operators.forEach((op, n) -> {
                if (OnnxModelComparison.INT8_KERNELS.contains(op)) {
                    kernels.put(op, n);
                }
            });
            return kernels;
        }

        /** The side-by-side table and the notes under it, for the command line. */
        public String table() {
            OnnxModelComparison.Figures f = comparison.floatModel();
            OnnxModelComparison.Figures q = comparison.int8Model();
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%-22s %14s %14s%n", "", "float", "int8"));
            out.append(String.format(Locale.ROOT, "%-22s %14.4f %14.4f%n", "accuracy", f.accuracy(), q.accuracy()));
            out.append(String.format(Locale.ROOT, "%-22s %14s %13.2f%%%n", "agreement with float", "",
                    100 * comparison.agreement()));
            out.append(String.format(Locale.ROOT, "%-22s %,14d %,14d  (%.2fx)%n", "file bytes", floatBytes, int8Bytes,
                    (double) int8Bytes / floatBytes));
            out.append(String.format(Locale.ROOT, "%-22s %,14d %,14d  (%.2fx)%n", "weight bytes", floatWeightBytes,
                    int8WeightBytes, (double) int8WeightBytes / floatWeightBytes));
            out.append(String.format(Locale.ROOT, "%-22s %14.3f %14.3f  (%.2fx)%n", "ms per batch of 1",
                    f.singleMillis(), q.singleMillis(), q.singleMillis() / f.singleMillis()));
            out.append(String.format(Locale.ROOT, "%-22s %14.3f %14.3f  (%.2fx)%n",
                    "ms per batch of " + OnnxModelComparison.BATCH, f.batchMillis(), q.batchMillis(),
                    q.batchMillis() / f.batchMillis()));
            out.append(String.format(Locale.ROOT, "%-22s %14.3f %14.3f  (%.2fx)%n", "CPU ms, batch of 1",
                    f.singleCpuMillis(), q.singleCpuMillis(), q.singleCpuMillis() / f.singleCpuMillis()));
            out.append(String.format(Locale.ROOT, "%-22s %14.3f %14.3f  (%.2fx)%n",
                    "CPU ms, batch of " + OnnxModelComparison.BATCH, f.batchCpuMillis(), q.batchCpuMillis(),
                    q.batchCpuMillis() / f.batchCpuMillis()));
            out.append(String.format(Locale.ROOT, "Accuracy on the run's %s data (%,d examples). Calibration: %s on "
                    + "%,d training examples%s. ONNX Runtime %s, CPU, %d intra-op thread(s), all graph optimisations; "
                    + "latency: median after warm-up, the models taking turns; CPU ms: the calling thread's CPU time, "
                    + "on which ONNX Runtime computes with one thread.%n", evaluatedOn,
                    comparison.examples(), options.method().label(), calibrated,
                    options.method() == OnnxCalibration.Method.PERCENTILE
                            ? String.format(Locale.ROOT, " (%s %%)", options.percentile()) : "",
                    comparison.runtimeVersion(), comparison.threads()));
            out.append("Int8 kernels ONNX Runtime runs: ").append(int8Kernels().isEmpty() ? "none"
                    : int8Kernels().toString()).append("; all its operators after optimisation: ")
                    .append(int8Operators).append(System.lineSeparator());
            out.append(options.fullRange() ? "Weights int8 in -127..127 (full range)." : "Weights int8 in -63..63 (7 "
                    + "bits, so that ONNX Runtime's uint8 x int8 kernels cannot overflow on CPUs without VNNI; "
                    + "--full-range for others).").append(System.lineSeparator());
            out.append("Left in float: ").append(plan.leftInFloat().isEmpty() ? "nothing with weights"
                    : String.join(", ", plan.leftInFloat())).append(System.lineSeparator());
            return out.toString();
        }
    }

    private OnnxQuantizeJob() {
    }

    /** The int8 file written beside {@code floatFile}: m.onnx → m.int8.onnx. */
    public static Path int8File(Path floatFile) {
        String name = floatFile.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        return floatFile.resolveSibling(stem + ".int8.onnx");
    }

    /**
     * Exports, quantises, writes and compares.
     *
     * @param file the float model's file; the int8 model goes beside it ({@link #int8File})
     * @throws Refused  for a folder that is no finished run, data that cannot be read, or a design with nothing the
     *                  quantiser handles; nothing is written
     * @throws IOException when a file cannot be written or ONNX Runtime fails
     */
    public static Report run(Path runDir, Path file, Options options) throws Refused, IOException {
        Objects.requireNonNull(options, "options");
        RunRequest request = readRun(runDir);
        ComputationGraph graph;
        try {
            graph = ModelZip.read(new RunFolder(runDir).model(), false);
        } catch (ModelFileException e) {
            throw new Refused("Cannot use the run's model: " + e.getMessage());
        }
        ModelProto floatModel;
        try {
            floatModel = new OnnxExport().export(request.design(), graph);
        } catch (CodeExportException e) {
            throw new Refused(e.getMessage() + " Nothing was written.");
        }
        OnnxQuantizer.Plan plan = OnnxQuantizer.plan(floatModel);
        if (plan.quantised().isEmpty()) {
            throw new Refused("Nothing in '" + request.design().name() + "' can be quantised: the quantiser writes "
                    + "Conv2D, Conv1D and Dense layers as int8"
                    + (plan.leftInFloat().isEmpty() ? "" : ", and " + String.join(", ", plan.leftInFloat())
                    + " would stay float") + ". Nothing was written.");
        }
        Shape input = InputKind.shapeOf(request.design()).orElseThrow(() -> new Refused("The run's design has no Input."));
        TrainValidation data;
        try {
            data = RunData.load(request, input);
        } catch (RunFailure e) {
            throw new Refused(e.getMessage());
        }
        Examples calibration = RunData.limit(data.train(), options.calibration());
        Path int8File = int8File(file);
        try {
            Map<String, OnnxQuantizer.Range> ranges = OnnxCalibration.ranges(floatModel, plan.calibrated(),
                    batches(calibration, input).batches(), options.method(), options.percentile());
            Map<String, Object> how = new LinkedHashMap<>();
            how.put("calibration", options.method().label());
            if (options.method() == OnnxCalibration.Method.PERCENTILE) {
                how.put("percentile", options.percentile());
            }
            how.put("calibrationExamples", calibration.size());
            ModelProto int8Model = OnnxQuantizer.quantize(floatModel, ranges, !options.fullRange(), how);
            AtomicFiles.write(file, floatModel.toByteArray());
            AtomicFiles.write(int8File, int8Model.toByteArray());
            Map<String, Integer> operators = OnnxModelComparison.optimisedOperators(int8File, THREADS);
            OnnxModelComparison.Result comparison = OnnxModelComparison.compare(file, int8File,
                    batches(data.finalEvaluation(), input), THREADS);
            return new Report(file, int8File, plan, calibration.size(), options, Files.size(file), Files.size(int8File),
                    OnnxModelComparison.initializerBytes(floatModel), OnnxModelComparison.initializerBytes(int8Model),
                    operators, comparison, data.finalEvaluationName());
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** A run folder's request, or why the folder is no finished run. */
    static RunRequest readRun(Path runDir) throws Refused {
        if (!Files.isDirectory(runDir)) {
            throw new Refused("No run folder at " + runDir + (Files.exists(runDir)
                    ? " (it is a file; give the folder that holds run.json and model.zip)" : "") + ".");
        }
        if (!Files.exists(runDir.resolve(RunRequestJson.FILE_NAME))) {
            throw new Refused("Not a run folder: " + runDir + " has no " + RunRequestJson.FILE_NAME
                    + " ('netwright train DESIGN --out DIR' writes one).");
        }
        RunRequest request;
        try {
            request = new RunRequestJson().read(runDir);
        } catch (IOException e) {
            throw new Refused("Not a run folder, or its run.json is damaged: " + e.getMessage());
        }
        if (!Files.isRegularFile(new RunFolder(runDir).model())) {
            throw new Refused("The run in " + runDir + " has no saved model (" + RunFolder.MODEL
                    + "); it may have failed before saving one.");
        }
        return request;
    }

    /** The examples in the models' layout, in batches, with their labels. */
    static OnnxModelComparison.Labelled batches(Examples examples, Shape input) {
        List<OnnxCalibration.Batch> batches = new ArrayList<>();
        ExampleIterator iterator = new ExampleIterator(examples, input, BATCH, false, 0);
        while (iterator.hasNext()) {
            INDArray x = OnnxRuntimeCheck.modelLayout(iterator.next().getFeatures()).castTo(
                    org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
            batches.add(new OnnxCalibration.Batch(x.reshape(x.length()).toFloatVector(), x.shape()));
        }
        return new OnnxModelComparison.Labelled(batches, examples.labels());
    }
}
