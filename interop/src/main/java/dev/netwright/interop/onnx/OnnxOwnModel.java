package dev.netwright.interop.onnx;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.weights.DesignWeights;
import onnx.Onnx.ModelProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ONNX file Netwright exported, read back as the design it came from (kept in its metadata under
 * {@link OnnxExport#DESIGN_KEY}) with the weights its initializers hold now.
 *
 * <p>Every exported weight is a copy of one of the network's parameters (transposed, its gates reordered, stacked
 * with others) or a constant; only BatchNorm's variance is computed (DL4J keeps log10 of the standard deviation). So
 * rather than undo each layout by hand, the export itself says where each parameter goes: the network is exported
 * once with each parameter set to its own position (1, 2, 3, ...) and once with those numbers negated; an
 * exported value that is the position and its negation is that parameter, anything else is a constant. The file's
 * values are put back at those positions, BatchNorm's variance is turned back into DL4J's form, and the network is
 * exported again: every initializer must come out as the file has it, or the file is refused.
 */
final class OnnxOwnModel {
    /**
     * Positions are exact in float32 up to 2^24, so a network with more than 2^23 parameters is
     * exported once more per sign with the positions' next base-2^23 digit: two digits reach 2^46 parameters.
     */
    private static final int DIGIT_BITS = 23;
    private static final double TOLERANCE = 1e-5;

    private OnnxOwnModel() {
    }

    /** The design the file names and its weights, or empty for a file Netwright did not write. */
    static Optional<ImportedModel> read(ModelProto model, Path file) throws ModelImportException {
        return read(model, file, DIGIT_BITS);
    }

    /** {@link #read(ModelProto, Path)} with positions written in base 2^digitBits (tests use small bases). */
    static Optional<ImportedModel> read(ModelProto model, Path file, int digitBits) throws ModelImportException {
        Optional<String> json = model.getMetadataPropsList().stream()
                .filter(e -> OnnxExport.DESIGN_KEY.equals(e.getKey())).map(StringStringEntryProto::getValue).findFirst();
        if (json.isEmpty()) {
            return Optional.empty();
        }
        if (json.get().length() > DesignJson.MAX_FILE_BYTES) {
            // bounded as a design file is, before it is parsed
            throw new ModelImportException(file + ": the design in its metadata is " + json.get().length()
                    + " characters long, more than a design file may be (" + DesignJson.MAX_FILE_BYTES + " bytes).");
        }
        Design design;
        ComputationGraph graph;
        try {
            design = new DesignJson().read(json.get(), file + " (the design in its metadata)");
            graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
            graph.init();
        } catch (DesignFormatException | DesignErrorsException e) {
            throw new ModelImportException(file + ": it names a Netwright design that cannot be used: " + e.getMessage());
        }
        if (graph.numParams() >= 1L << (2 * digitBits)) {
            return Optional.empty(); // read as any other ONNX graph
        }
        Map<String, float[]> saved = initializers(model, file);
        fillParameters(design, graph, saved, file, digitBits);
        verify(design, graph, saved, file);
        return Optional.of(new ImportedModel(design, DesignWeights.extract(graph, design), List.of(
                "Read as the Netwright design '" + design.name() + "' the file was exported from; its weights from "
                        + "the file.")));
    }

    private static void fillParameters(Design design, ComputationGraph graph, Map<String, float[]> saved, Path file,
                                       int digitBits) throws ModelImportException {
        INDArray params = graph.params();
        long n = params.length();
        long base = 1L << digitBits;
        int digits = n <= base ? 1 : 2;
        // where each exported value comes from: the parameter's index, or -1 for a constant
        Map<String, long[]> sources = new HashMap<>();
        for (int digit = 0; digit < digits; digit++) {
            INDArray positions = digitPositions(n, digit, digitBits).reshape(params.shape());
            params.assign(positions);
            Map<String, float[]> plus = initializers(new OnnxExport().export(design, graph), file);
            params.assign(positions.neg());
            Map<String, float[]> minus = initializers(new OnnxExport().export(design, graph), file);
            for (Map.Entry<String, float[]> e : plus.entrySet()) {
                float[] a = e.getValue();
                float[] b = minus.get(e.getKey());
                long[] source = sources.computeIfAbsent(e.getKey(), k -> new long[a.length]);
                for (int j = 0; j < a.length; j++) {
                    boolean position = a[j] >= 1 && a[j] <= base && a[j] == Math.rint(a[j]) && b[j] == -a[j];
                    if (!position || source[j] < 0) {
                        source[j] = -1;
                    } else {
                        source[j] += ((long) a[j] - 1) << (digitBits * digit);
                    }
                }
            }
        }
        params.assign(0);
        for (Map.Entry<String, long[]> e : sources.entrySet()) {
            float[] values = saved.get(e.getKey());
            long[] source = e.getValue();
            if (values == null || values.length != source.length) {
                throw new ModelImportException(file + ": its weight '" + e.getKey() + "' is " + (values == null
                        ? "missing" : values.length + " values where the design needs " + source.length)
                        + "; the file no longer matches the design it names.");
            }
            for (int j = 0; j < source.length; j++) {
                if (source[j] >= 0 && source[j] < n) {
                    params.putScalar(source[j], values[j]); // the network's parameters are one row
                }
            }
        }
        for (Node node : design.nodes()) {
            if ("BatchNorm".equals(node.kind())) {
                batchNormVariance(graph.getVertex(node.id()), saved.get(node.id() + "/var"));
            }
        }
    }

    /** Parameter i's {@code digit}-th base-2^digitBits digit plus one: 1 .. 2^digitBits, exact in float32. */
    private static INDArray digitPositions(long n, int digit, int digitBits) {
        float[] values = new float[Math.toIntExact(n)];
        long mask = (1L << digitBits) - 1;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (((i >>> (digitBits * digit)) & mask) + 1);
        }
        return Nd4j.createFromArray(values);
    }

    /** DL4J's BatchNorm keeps log10 of the standard deviation: log10(sqrt(variance)). */
    private static void batchNormVariance(GraphVertex vertex, float[] variance) {
        INDArray log10stdev = vertex.getLayer().paramTable().get("log10stdev");
        if (log10stdev != null && variance != null) {
            INDArray var = Nd4j.createFromArray(variance).castTo(DataType.DOUBLE);
            log10stdev.assign(Transforms.log(Transforms.sqrt(var, false), 10, false).reshape(log10stdev.shape()));
        }
    }

    /** The network exported again must give every initializer the file holds. */
    private static void verify(Design design, ComputationGraph graph, Map<String, float[]> saved, Path file)
            throws ModelImportException {
        for (Map.Entry<String, float[]> e : initializers(new OnnxExport().export(design, graph), file).entrySet()) {
            float[] expected = saved.get(e.getKey());
            float[] actual = e.getValue();
            for (int j = 0; j < actual.length; j++) {
                if (Math.abs(actual[j] - expected[j]) > TOLERANCE * (1 + Math.abs(expected[j]))) {
                    throw new ModelImportException(file + ": its weight '" + e.getKey() + "' cannot be read back into "
                            + "the design it names (value " + j + " is " + expected[j] + ", the design gives "
                            + actual[j] + "); the file was changed after Netwright wrote it.");
                }
            }
        }
    }

    /** The model's float32 initializers by name, read and bounded as the graph import reads them. */
    private static Map<String, float[]> initializers(ModelProto model, Path file) throws ModelImportException {
        Map<String, float[]> out = new HashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (OnnxTensors.isFloat(t)) {
                out.put(t.getName(), OnnxTensors.floatValues(t, file.toString()));
            }
        }
        return out;
    }
}
