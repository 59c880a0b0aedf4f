package dev.netwright.interop.onnx;

import ai.onnxruntime.OrtException;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.codegen.CodeExportException;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.train.RunData;
import dev.netwright.runtime.train.RunRequest;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a trained model as ONNX, then runs the file in ONNX Runtime on the run's first validation examples (a design
 * with weights but no run: random inputs) and says how far its outputs are from Netwright's and how fast it is. The
 * command line's {@code export --to onnx} and the window's File ▸ Export ONNX Model… both do this; reads files and
 * computes: not for the FX thread.
 */
public final class OnnxExportJob {
    /** Examples the check compares on. */
    public static final int CHECKED = 100;
    /** Where float32 outputs of two runtimes still agree. */
    public static final double AGREEMENT = 1e-4;
    private static final int RANDOM_INPUTS = 20;

    /** How it went. */
    public enum Status {
        /** Written, and ONNX Runtime agrees with Netwright. */
        AGREES,
        /** Written, not checked (asked not to). */
        WRITTEN,
        /** Not written: the design cannot be exported, or the file cannot be written. */
        REFUSED,
        /** Written, but the run's data cannot be read to check it. */
        NO_DATA,
        /** Written, but ONNX Runtime failed or disagrees. */
        DISAGREES
    }

    /**
     * @param status  how it went
     * @param written what was written, e.g. "Wrote m.onnx (ONNX opset 17, ...)", or null
     * @param check   ONNX Runtime's figures or why there are none, or null when not checked
     */
    public record Outcome(Status status, String written, String check) {
        /** Everything to tell the user, one line each. */
        public String report() {
            return (written == null ? "" : written) + (written != null && check != null ? "\n" : "")
                    + (check == null ? "" : check);
        }
    }

    private OnnxExportJob() {
    }

    /**
     * @param request the run the network was trained by, or null for a design with weights
     * @param check   whether to run the written file in ONNX Runtime
     */
    public static Outcome run(Design design, ComputationGraph trained, RunRequest request, Path file, boolean check) {
        Objects.requireNonNull(trained, "trained");
        try {
            new OnnxExport().write(design, trained, file);
        } catch (CodeExportException e) {
            return new Outcome(Status.REFUSED, null, e.getMessage() + " Nothing was written.");
        } catch (IOException e) {
            return new Outcome(Status.REFUSED, null, "Cannot write " + file + ": " + e.getMessage()
                    + ". Nothing was written.");
        }
        Shape input = InputKind.shapeOf(design).orElseThrow();
        String written = String.format(java.util.Locale.ROOT,
                "Wrote %s (ONNX opset %d, '%s', %,d parameters; input '%s' %s, output '%s')", file, OnnxExport.OPSET,
                design.name(), new Checker().check(design).totalParams(), OnnxExport.INPUT, OnnxExport.layout(input),
                OnnxExport.OUTPUT);
        if (!check) {
            return new Outcome(Status.WRITTEN, written, null);
        }
        try {
            String what;
            INDArray features;
            if (request != null) {
                features = RunData.validationFeatures(request, CHECKED);
                what = "validation examples";
            } else {
                features = Nd4j.rand(DataType.FLOAT, input.batchShape(RANDOM_INPUTS)); // in [0, 1)
                what = "random inputs (the design names no run to take examples from)";
            }
            OnnxRuntimeCheck.Result result = OnnxRuntimeCheck.compare(file, features, trained.outputSingle(features));
            if (result.largestDifference() > AGREEMENT) {
                return new Outcome(Status.DISAGREES, written, result.summary(what) + String.format(java.util.Locale.ROOT,
                        "\nThat is more than %.0e: the file does not compute what the design does; please report it "
                                + "with the design.", AGREEMENT));
            }
            return new Outcome(Status.AGREES, written, result.summary(what));
        } catch (DataException e) {
            return new Outcome(Status.NO_DATA, written, "The run's data cannot be read to check the file in ONNX "
                    + "Runtime: " + e.getMessage());
        } catch (OrtException | RuntimeException e) {
            return new Outcome(Status.DISAGREES, written, "ONNX Runtime could not run the file: " + e.getMessage());
        }
    }
}
