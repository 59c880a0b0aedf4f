package dev.netwright.runtime.train;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.weights.DesignWeights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A finished run's trained weights by node id: its saved model (model.zip) read through the design it ran (run.json),
 * so that the weights can go on with a design (continue from the run, start a new design from it). Reads files and
 * Deeplearning4j's model: call it off the UI thread.
 *
 * @param design  the design the run trained, as run.json holds it
 * @param weights the saved model's parameters, by node
 */
public record RunWeights(Design design, DesignWeights weights) {

    public RunWeights {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(weights, "weights");
    }

    /** Reads the run in {@code runDir}; a folder that is no run, or a run without a saved model, is refused by name. */
    public static RunWeights read(Path runDir) throws IOException, ModelFileException {
        if (!Files.isRegularFile(runDir.resolve(RunRequestJson.FILE_NAME))) {
            throw new IOException(runDir + " is no run folder (it has no " + RunRequestJson.FILE_NAME + ")");
        }
        Path model = new RunFolder(runDir).model();
        if (!Files.isRegularFile(model)) {
            throw new IOException("the run " + runDir.getFileName() + " saved no model (" + RunFolder.MODEL
                    + " is missing): it stopped or failed before the end of its first epoch");
        }
        Design ran = new RunRequestJson().read(runDir).design();
        return new RunWeights(ran, DesignWeights.extract(ModelZip.read(model, false), ran));
    }
}
