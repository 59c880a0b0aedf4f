package dev.netwright.interop.onnx;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The QDQ int8 model of the seed CNN, calibrated and run in ONNX Runtime (issue 19). */
class OnnxQuantizerTest {
    /** The seed CNN (samples' cnn.json): three convolutions, a Dense layer, a softmax Output. */
    static final String CNN = """
            { "formatVersion" : 1, "name" : "cnn", "nodes" : [
              { "id" : "input", "kind" : "Input", "params" : { "form" : "image", "height" : 28, "width" : 28, "channels" : 1 } },
              { "id" : "conv1", "kind" : "Conv2D", "params" : { "filters" : 32, "kernelHeight" : 3, "kernelWidth" : 3, "activation" : "relu" } },
              { "id" : "pool1", "kind" : "MaxPool2D", "params" : { "pool" : 2, "stride" : 2 } },
              { "id" : "conv2", "kind" : "Conv2D", "params" : { "filters" : 64, "kernelHeight" : 3, "kernelWidth" : 3, "activation" : "relu" } },
              { "id" : "pool2", "kind" : "MaxPool2D", "params" : { "pool" : 2, "stride" : 2 } },
              { "id" : "conv3", "kind" : "Conv2D", "params" : { "filters" : 64, "kernelHeight" : 3, "kernelWidth" : 3, "activation" : "relu" } },
              { "id" : "flatten", "kind" : "Flatten", "params" : { } },
              { "id" : "dense1", "kind" : "Dense", "params" : { "units" : 64, "activation" : "relu" } },
              { "id" : "output", "kind" : "Output", "params" : { "units" : 10 } } ],
              "edges" : [ { "from" : "input", "to" : "conv1" }, { "from" : "conv1", "to" : "pool1" }, { "from" : "pool1", "to" : "conv2" },
                { "from" : "conv2", "to" : "pool2" }, { "from" : "pool2", "to" : "conv3" }, { "from" : "conv3", "to" : "flatten" },
                { "from" : "flatten", "to" : "dense1" }, { "from" : "dense1", "to" : "output" } ] }
            """;

    @TempDir
    static Path dir;
    private static ModelProto floatModel;
    private static List<OnnxCalibration.Batch> calibration;
    private static Map<String, OnnxQuantizer.Range> minMax;
    private static ModelProto int8Model;
    private static Path floatFile;
    private static Path int8File;

    @BeforeAll
    static void quantise() throws Exception {
        Design design = new DesignJson().read(CNN, "cnn");
        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
        graph.init();
        floatModel = new OnnxExport().export(design, graph);
        calibration = new ArrayList<>();
        Nd4j.getRandom().setSeed(19);
        for (int b = 0; b < 4; b++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 50, 1, 28, 28);
            calibration.add(new OnnxCalibration.Batch(x.reshape(x.length()).toFloatVector(), x.shape()));
        }
        OnnxQuantizer.Plan plan = OnnxQuantizer.plan(floatModel);
        minMax = OnnxCalibration.ranges(floatModel, plan.calibrated(), calibration, OnnxCalibration.Method.MINMAX, 0);
        int8Model = OnnxQuantizer.quantize(floatModel, minMax, true, Map.of("calibration", "minmax"));
        floatFile = dir.resolve("cnn.onnx");
        int8File = OnnxQuantizeJob.int8File(floatFile);
        Files.write(floatFile, floatModel.toByteArray());
        Files.write(int8File, int8Model.toByteArray());
    }

    @Test
    void everyConvolutionAndTheDenseLayersAreQuantisedAndNothingWithWeightsStaysFloat() {
        OnnxQuantizer.Plan plan = OnnxQuantizer.plan(floatModel);
        assertThat(plan.quantised()).hasSize(5);
        assertThat(plan.leftInFloat()).isEmpty();
        assertThat(plan.calibrated()).contains(OnnxExport.INPUT);
        assertThat(plan.inherited()).isNotEmpty(); // the pools' outputs take their inputs' quantisation
    }

    @Test
    void onnxRuntimeRunsTheInt8ModelWithInt8KernelsAndItsOutputsStayCloseToTheFloatModels() throws Exception {
        Map<String, Integer> operators = OnnxModelComparison.optimisedOperators(int8File, 1);
        assertThat(operators).as("operators after ONNX Runtime's optimisation: %s", operators)
                .containsAnyOf(Map.entry("QLinearConv", 3), Map.entry("NhwcQLinearConv", 3));
        assertThat(operators.keySet()).as("%s", operators)
                .containsAnyOf("QLinearMatMul", "MatMulIntegerToFloat", "MatMulInteger", "QGemm");
        INDArray x = Nd4j.create(calibration.get(0).values(), calibration.get(0).shape(), 'c');
        INDArray f = OnnxRuntimeCheck.outputsAsGiven(floatFile, x);
        INDArray q = OnnxRuntimeCheck.outputsAsGiven(int8File, x);
        assertThat(q.shape()).isEqualTo(f.shape());
        assertThat(q.sub(f).amaxNumber().doubleValue()).as("largest difference of probabilities").isLessThan(0.05);
        INDArray reference;
        try (ai.onnxruntime.OrtSession.SessionOptions asWritten = new ai.onnxruntime.OrtSession.SessionOptions()) {
            asWritten.setOptimizationLevel(ai.onnxruntime.OrtSession.SessionOptions.OptLevel.NO_OPT);
            reference = OnnxRuntimeCheck.outputsAsGiven(int8File, x, asWritten);
        }
        assertThat(q.sub(reference).amaxNumber().doubleValue()).as("int8 kernels against the QDQ graph read as written")
                .isLessThan(0.005);
    }

    @Test
    void theInt8FileKeepsNamesAndMetadataSaysHowItWasQuantisedAndItsWeightsTakeAQuarter() {
        assertThat(int8Model.getGraph().getInput(0).getName()).isEqualTo(OnnxExport.INPUT);
        assertThat(int8Model.getGraph().getOutput(0).getName()).isEqualTo(OnnxExport.OUTPUT);
        Map<String, String> metadata = int8Model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertThat(metadata).containsKey(OnnxExport.DESIGN_KEY);
        assertThat(metadata.get(OnnxQuantizer.QUANTIZATION_KEY)).contains("\"format\":\"QDQ\"", "minmax", "conv1");
        double ratio = (double) OnnxModelComparison.initializerBytes(int8Model)
                / OnnxModelComparison.initializerBytes(floatModel);
        assertThat(ratio).isBetween(0.24, 0.30);
        assertThat(int8Model.getSerializedSize()).isLessThan(floatModel.getSerializedSize() / 3);
    }

    @Test
    void dequantisedWeightsEqualTheFloatWeightsWithinHalfAScalePerChannel() throws Exception {
        Map<String, TensorProto> f = OnnxQuantizer.initializers(floatModel.getGraph());
        Map<String, TensorProto> q = OnnxQuantizer.initializers(int8Model.getGraph());
        Map<String, NodeProto> dequantisers = int8Model.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("DequantizeLinear") && q.containsKey(n.getInput(0))
                        && q.get(n.getInput(0)).getDataType()
                        == TensorProto.DataType.INT8_VALUE)
                .collect(Collectors.toMap(n -> n.getInput(0), Function.identity()));
        assertThat(dequantisers).hasSize(5);
        for (NodeProto dq : dequantisers.values()) {
            TensorProto quantised = q.get(dq.getInput(0));
            String name = dq.getInput(0).replace("_quantized", "");
            float[] original = OnnxTensors.floatValues(f.get(name), "float");
            float[] scales = OnnxTensors.floatValues(q.get(dq.getInput(1)), "scales");
            byte[] values = quantised.getRawData().toByteArray();
            long axis = dq.getAttribute(0).getI();
            long[] dims = quantised.getDimsList().stream().mapToLong(Long::longValue).toArray();
            long inner = 1;
            for (int d = (int) axis + 1; d < dims.length; d++) {
                inner *= dims[d];
            }
            assertThat(values).hasSize(original.length);
            for (int i = 0; i < values.length; i++) {
                int c = (int) ((i / inner) % dims[(int) axis]);
                assertThat(values[i] * scales[c]).as("%s[%d]", name, i)
                        .isCloseTo(original[i], within(scales[c] / 2 * 1.0001f));
            }
        }
    }

    @Test
    void percentileCalibrationNarrowsRangesThatMinMaxStretchesToOutliers() throws Exception {
        OnnxQuantizer.Plan plan = OnnxQuantizer.plan(floatModel);
        Map<String, OnnxQuantizer.Range> percentile = OnnxCalibration.ranges(floatModel, plan.calibrated(),
                calibration, OnnxCalibration.Method.PERCENTILE, 99.9);
        assertThat(percentile.keySet()).isEqualTo(minMax.keySet());
        boolean narrower = false;
        for (String value : minMax.keySet()) {
            OnnxQuantizer.Range all = minMax.get(value);
            OnnxQuantizer.Range kept = percentile.get(value);
            assertThat(kept.min()).as(value).isGreaterThanOrEqualTo(all.min());
            assertThat(kept.max()).as(value).isLessThanOrEqualTo(all.max());
            narrower |= kept.max() < all.max() * 0.99f;
        }
        assertThat(narrower).as("some activation's range shrinks: %s vs %s", percentile, minMax).isTrue();
    }

    @Test
    void pythonsOnnxCheckerAcceptsTheInt8File() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3"))
                && new ProcessBuilder("/usr/bin/python3", "-c", "import onnx").start().waitFor() == 0,
                "python3-onnx is not installed: the ONNX checker is skipped");
        Process check = new ProcessBuilder("/usr/bin/python3", "-c",
                "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)",
                int8File.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(output).isZero();
    }

    @Test
    void aGemmWithTransposedWeightsIsQuantisedAlongItsOutputRowsAndRunsAsAnInt8Kernel() throws Exception {
        OnnxGraph g = new OnnxGraph();
        g.reserve("x");
        g.reserve("y");
        Nd4j.getRandom().setSeed(7);
        String gemm = g.op("Gemm", "gemm", List.of("x", g.floats("w", Nd4j.rand(DataType.FLOAT, 4, 8).subi(0.5)),
                g.floats("b", Nd4j.rand(DataType.FLOAT, 4))), OnnxGraph.Attribute.of("transB", 1L));
        g.opInto("Relu", "y", List.of(gemm));
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).addOpsetImport(onnx.Onnx.OperatorSetIdProto
                        .newBuilder().setDomain("").setVersion(OnnxExport.OPSET))
                .setGraph(g.proto().setName("gemm").addInput(matrix("x", 8)).addOutput(matrix("y", 4))).build();
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 8);
        List<OnnxCalibration.Batch> batches = List.of(new OnnxCalibration.Batch(x.reshape(x.length())
                .toFloatVector(), x.shape()));
        OnnxQuantizer.Plan plan = OnnxQuantizer.plan(model);
        assertThat(plan.quantised()).containsExactly("gemm");
        ModelProto quantised = OnnxQuantizer.quantize(model, OnnxCalibration.ranges(model, plan.calibrated(), batches,
                OnnxCalibration.Method.MINMAX, 0), true, Map.of());
        NodeProto weights = quantised.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("DequantizeLinear") && n.getInput(0).equals("w_quantized"))
                .findFirst().orElseThrow();
        assertThat(weights.getAttribute(0).getI()).as("axis of W [out, in]").isZero();
        Path file = dir.resolve("gemm.int8.onnx");
        Files.write(file, quantised.toByteArray());
        Path floatFile = dir.resolve("gemm.onnx");
        Files.write(floatFile, model.toByteArray());
        assertThat(OnnxModelComparison.optimisedOperators(file, 1).keySet())
                .containsAnyOf("QGemm", "QLinearMatMul", "MatMulIntegerToFloat");
        INDArray f = OnnxRuntimeCheck.outputsAsGiven(floatFile, x);
        INDArray q = OnnxRuntimeCheck.outputsAsGiven(file, x);
        assertThat(q.sub(f).amaxNumber().doubleValue()).isLessThan(0.05 * f.amaxNumber().doubleValue());
        // the fused int8 kernel computes what the QDQ graph says, read operator by operator (no overflow)
        INDArray reference;
        try (ai.onnxruntime.OrtSession.SessionOptions asWritten = new ai.onnxruntime.OrtSession.SessionOptions()) {
            asWritten.setOptimizationLevel(ai.onnxruntime.OrtSession.SessionOptions.OptLevel.NO_OPT);
            reference = OnnxRuntimeCheck.outputsAsGiven(file, x, asWritten);
        }
        assertThat(q.sub(reference).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    private static onnx.Onnx.ValueInfoProto matrix(String name, long columns) {
        onnx.Onnx.TensorShapeProto.Builder shape = onnx.Onnx.TensorShapeProto.newBuilder()
                .addDim(onnx.Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(onnx.Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(columns));
        return onnx.Onnx.ValueInfoProto.newBuilder().setName(name).setType(onnx.Onnx.TypeProto.newBuilder()
                .setTensorType(onnx.Onnx.TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
