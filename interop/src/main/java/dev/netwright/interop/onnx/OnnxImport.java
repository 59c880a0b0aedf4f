package dev.netwright.interop.onnx;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightsMismatchException;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Opens an ONNX model ({@code .onnx}, such as {@code torch.onnx.export} writes) as a Netwright design with its weights;
 * a file Netwright exported opens as the design it came from ({@link OnnxOwnModel}).
 * The result is checked, compiled and has its weights set on a fresh network before it is returned, so what comes back
 * works; a file with any operator Netwright cannot map is refused whole, every such operator named.
 */
public final class OnnxImport {
    private OnnxImport() {
    }

    /** Reads an ONNX file. */
    public static ImportedModel read(Path file) throws ModelImportException {
        String source = file.toString();
        Onnx.ModelProto model = OnnxModelFile.read(file, source);
        // a file Netwright exported opens as the design it came from, its weights read from the file
        Optional<ImportedModel> own = OnnxOwnModel.read(model, file);
        if (own.isPresent()) {
            return checked(own.get(), file, model);
        }
        OnnxGraphMapping.Mapped mapped = OnnxGraphMapping.map(model, source, baseName(file));
        CompiledDesign compiled;
        try {
            compiled = new DesignCompiler().compile(mapped.design(), TrainingSettings.defaults());
        } catch (DesignErrorsException e) {
            throw new ModelImportException(source + ": the imported model does not work in Netwright: "
                    + e.diagnostics().stream().map(d -> (d.nodeId() == null ? "" : "'" + d.nodeId() + "': ") + d.message())
                    .collect(Collectors.joining("; ")));
        }
        requireFlattenedSizes(mapped, compiled.check(), source);
        ComputationGraph network = compiled.newNetwork();
        DesignWeights weights = OnnxWeights.convert(mapped.nodes(), compiled.check(), network, source);
        try {
            weights.applyTo(network, mapped.design());
        } catch (WeightsMismatchException e) {
            throw new ModelImportException(source + ": " + e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>(notes(mapped));
        notes.add(OnnxImportCheck.check(file, model, mapped.design(), network));
        return new ImportedModel(mapped.design(), weights, notes);
    }

    /** What the file does not say and the import chose: an encoder layer's dropout rate, which ONNX does not keep. */
    private static List<String> notes(OnnxGraphMapping.Mapped mapped) {
        return mapped.nodes().values().stream().filter(n -> "TransformerEncoderBlock".equals(n.kind))
                .map(n -> "'" + n.id + "' (a Transformer encoder layer) trains with dropout 0.1, PyTorch's default: ONNX "
                        + "files do not keep dropout rates; change it in the inspector if the model used another")
                .toList();
    }

    /** The model with ONNX Runtime's comparison of the file itself added to its notes. */
    private static ImportedModel checked(ImportedModel imported, Path file, Onnx.ModelProto model)
            throws ModelImportException {
        try {
            ComputationGraph network = new DesignCompiler().compile(imported.design(), TrainingSettings.defaults())
                    .newNetwork();
            imported.weights().applyTo(network, imported.design());
            List<String> notes = new ArrayList<>(imported.notes());
            notes.add(OnnxImportCheck.check(file, model, imported.design(), network));
            return new ImportedModel(imported.design(), imported.weights(), notes);
        } catch (DesignErrorsException | WeightsMismatchException e) {
            throw new ModelImportException(file + ": " + e.getMessage(), e);
        }
    }

    /** A Reshape's target size must be what flattening the image gives, or the Reshape was no Flatten. */
    private static void requireFlattenedSizes(OnnxGraphMapping.Mapped mapped, CheckResult check, String source)
            throws ModelImportException {
        for (OnnxNode node : mapped.nodes().values()) {
            long size = check.output(node.id).filter(Shape.Vector.class::isInstance).map(s -> (long) ((Shape.Vector) s).size())
                    .orElse(-1L);
            if (node.flattenedSize > 0 && size != node.flattenedSize) {
                throw new ModelImportException(source + ": " + node.described() + " reshapes to " + node.flattenedSize
                        + " values per example where flattening its input gives " + size + "; Netwright's import "
                        + "reshapes only to flatten");
            }
            if (node.readsOneChannel && check.output(node.input).orElse(null) instanceof Shape.Image image
                    && image.channels() != 1) {
                throw new ModelImportException(source + ": " + node.described() + " reshapes an image of "
                        + image.channels() + " channels to [batch, height, width·channels], which mixes channels into "
                        + "rows; Netwright's import reads an image as its rows this way only with one channel");
            }
            Shape.Sequence sequence = check.output(node.id).filter(Shape.Sequence.class::isInstance)
                    .map(Shape.Sequence.class::cast).orElse(null);
            long[] target = node.sequenceShape;
            if (target != null && (sequence == null || (target[0] != -1 && target[0] != sequence.steps())
                    || (target[1] != -1 && target[1] != sequence.features()))) {
                throw new ModelImportException(source + ": " + node.described() + " reshapes to "
                        + java.util.Arrays.toString(target) + " per example where reading its image as a sequence gives "
                        + sequence + "; Netwright's import reads such a reshape only as its ToSequence");
            }
        }
    }

    /** "cnn" for "models/cnn.onnx". */
    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
