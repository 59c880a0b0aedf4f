package dev.netwright.interop.onnx;

import dev.netwright.interop.ModelImportException;
import onnx.Onnx;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ONNX file read through ONNX's own protobuf schema (nd4j-api's generated {@code onnx.Onnx}), its size bounded before
 * anything is read (docs/decisions/0008): a file that is no ONNX model, is cut short or needs a newer opset than
 * Netwright reads is refused naming the file.
 */
final class OnnxModelFile {
    /** The largest file read: protobuf itself stops at 2 GiB, and a model Netwright trains is far smaller. */
    static final long MAX_FILE_BYTES = 1L << 30;
    /** The newest opset of ONNX's default domain that this import understands (what PyTorch 1.13 writes at most). */
    static final long NEWEST_OPSET = 17;
    /** The oldest: before opset 7 Gemm, Add and BatchNormalization had attributes this import does not read. */
    static final long OLDEST_OPSET = 7;

    private OnnxModelFile() {
    }

    /** The model in {@code file}; {@code source} names it in messages. */
    static Onnx.ModelProto read(Path file, String source) throws ModelImportException {
        return read(file, source, MAX_FILE_BYTES);
    }

    static Onnx.ModelProto read(Path file, String source, long limit) throws ModelImportException {
        Onnx.ModelProto model;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ModelImportException(source + " does not exist or is not a file");
            }
            if (Files.size(file) > limit) {
                throw new ModelImportException(source + " is " + Files.size(file) / (1 << 20) + " MB, more than the "
                        + limit / (1 << 20) + " MB Netwright reads as an ONNX model");
            }
            try (InputStream in = Files.newInputStream(file)) {
                model = Onnx.ModelProto.parseFrom(in.readNBytes((int) limit));
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ModelImportException(source + " is not an ONNX model (it is cut short, damaged or another kind "
                    + "of file): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelImportException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        if (model.getIrVersion() <= 0 || !model.hasGraph() || model.getGraph().getNodeCount() == 0
                || model.getGraph().getInputCount() == 0) {
            throw new ModelImportException(source + " is not an ONNX model: it holds no graph with inputs and "
                    + "operators (an ONNX file starts with an IR version and a graph)");
        }
        requireOpset(model, source);
        return model;
    }

    private static void requireOpset(Onnx.ModelProto model, String source) throws ModelImportException {
        for (Onnx.OperatorSetIdProto opset : model.getOpsetImportList()) {
            boolean defaultDomain = opset.getDomain().isEmpty() || "ai.onnx".equals(opset.getDomain());
            if (defaultDomain && opset.getVersion() > NEWEST_OPSET) {
                throw new ModelImportException(source + " uses ONNX opset " + opset.getVersion() + "; Netwright reads "
                        + "opsets up to " + NEWEST_OPSET + ". Export it again with opset_version=" + NEWEST_OPSET
                        + " (or lower).");
            }
            if (defaultDomain && opset.getVersion() < OLDEST_OPSET) {
                throw new ModelImportException(source + " uses ONNX opset " + opset.getVersion() + "; Netwright reads "
                        + "opsets " + OLDEST_OPSET + " to " + NEWEST_OPSET + ". Convert it with onnx.version_converter "
                        + "or export it again with a newer opset_version.");
            }
        }
    }
}
