package dev.netwright.interop.onnx;

import ai.onnxruntime.OrtException;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import onnx.Onnx.ModelProto;
import onnx.Onnx.TensorShapeProto;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The import's own evidence: ONNX Runtime runs the file itself on random inputs, and the imported design must give
 * the same outputs. A design that computes something else is refused rather than imported; a file ONNX Runtime
 * cannot run is imported with a note saying it was not compared.
 */
final class OnnxImportCheck {
    static final int INPUTS = 20;
    static final double AGREEMENT = 1e-4;

    private OnnxImportCheck() {
    }

    /** The note for the user; throws when the design and the file disagree. */
    static String check(Path file, ModelProto model, Design design, ComputationGraph network) throws ModelImportException {
        Shape input = InputKind.shapeOf(design).orElseThrow();
        INDArray x = Nd4j.rand(DataType.FLOAT, input.batchShape(INPUTS));
        INDArray expected = network.outputSingle(x);
        INDArray actual;
        try {
            actual = OnnxRuntimeCheck.outputsAsGiven(file, fileLayout(x, input, model));
        } catch (OrtException | RuntimeException e) {
            return "ONNX Runtime could not run the file itself (" + e.getMessage() + "), so the import was not compared "
                    + "with it.";
        }
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new ModelImportException(file + ": ONNX Runtime gives outputs shaped " + Arrays.toString(actual.shape())
                    + " where the imported design gives " + Arrays.toString(expected.shape()) + "; nothing was imported.");
        }
        double difference = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        if (difference > AGREEMENT) {
            throw new ModelImportException(String.format(Locale.ROOT, "%s: the imported design computes something else "
                    + "than the file (largest difference %.3g from ONNX Runtime's outputs on %d random inputs); nothing "
                    + "was imported. Please report the file.", file, difference, INPUTS));
        }
        return String.format(Locale.ROOT, "ONNX Runtime ran the file itself on %d random inputs: the imported design "
                + "gives the same outputs (largest difference %.2g).", INPUTS, difference);
    }

    /**
     * {@code x} (DL4J's layout) as the file takes it: sequences batch first; an image channels last where the file's
     * input is [N, H, W, C] (as tf2onnx writes) rather than [N, C, H, W].
     */
    private static INDArray fileLayout(INDArray x, Shape input, ModelProto model) {
        if (input instanceof Shape.Sequence) {
            return x.permute(0, 2, 1).dup('c');
        }
        if (input instanceof Shape.Image i && model.getGraph().getInputCount() > 0) {
            List<TensorShapeProto.Dimension> dims = model.getGraph().getInput(0).getType().getTensorType().getShape()
                    .getDimList();
            if (dims.size() == 4 && fits(dims, i.height(), i.width(), i.channels())
                    && !fits(dims, i.channels(), i.height(), i.width())) {
                return x.permute(0, 2, 3, 1).dup('c');
            }
        }
        return x;
    }

    /** Whether the non-batch axes are these sizes (an axis of unknown size fits any). */
    private static boolean fits(List<TensorShapeProto.Dimension> dims, long... sizes) {
        for (int a = 0; a < sizes.length; a++) {
            TensorShapeProto.Dimension d = dims.get(a + 1);
            if (d.hasDimValue() && d.getDimValue() != sizes[a]) {
                return false;
            }
        }
        return true;
    }
}
