package dev.netwright.app.cli;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compress.InheritedMasks;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.RunWeights;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightsFit;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code netwright train --init-from}: the weights of another run (its model.zip, read by node id through its run.json's
 * design), of a design that has weights, or of a DL4J model zip whose vertices are named as the design's nodes. The
 * nodes whose parameter shapes still fit start from them; the others start from random weights, and the command says
 * which rather than failing. The kept weights go into the run folder ({@value #FILE_NAME}), which the run's design names,
 * so that the worker starts from them and run.json records them.
 */
final class StartingWeights {
    static final String FILE_NAME = "initial" + DesignWeights.SUFFIX;

    private final Path source;
    private final WeightsFit fit;
    private final InheritedMasks masks;

    private StartingWeights(Path source, WeightsFit fit, InheritedMasks masks) {
        this.source = source;
        this.fit = fit;
        this.masks = masks;
    }

    /** Reads the weights at {@code source} and fits them to the run's design, compiled as the run will compile it. */
    static StartingWeights fit(Path source, RunRequest request) throws CliException {
        DesignWeights weights = read(source, request.design());
        try {
            ComputationGraph fresh = new DesignCompiler().compile(request.design(), request.settings(),
                    request.engine().lstmEngine()).newNetwork();
            WeightsFit fit = WeightsFit.of(weights, fresh, request.design());
            return new StartingWeights(source.toAbsolutePath().normalize(), fit,
                    InheritedMasks.of(source, fit.fitting()).orElse(null));
        } catch (DesignErrorsException e) {
            throw new CliException(ExitCodes.DESIGN_ERRORS, "The design cannot be built: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--init-from: cannot read the pruning masks of " + source + ": "
                    + e.getMessage());
        }
    }

    /** What the run starts from, in words: how many nodes keep weights, and which start from random ones. */
    String describe() {
        int kept = fit.fitting().nodeIds().size();
        String from = String.format(Locale.ROOT, "Starting from the weights of %s: %d %s %s them.", source, kept,
                kept == 1 ? "node" : "nodes", kept == 1 ? "keeps" : "keep");
        String described = fit.describe(source.getFileName().toString()).map(s -> from + " " + s).orElse(from);
        if (masks == null) {
            return described;
        }
        int masked = masks.nodes();
        return described + String.format(Locale.ROOT, " It was pruned: the pruning masks of %d %s are kept, so %s pruned "
                + "weights stay zero while this run trains.", masked, masked == 1 ? "node" : "nodes", masked == 1 ? "its" : "their");
    }

    /** Writes the kept weights into the run folder; the request's design then names them. */
    RunRequest writeInto(Path runDir, RunRequest request) throws IOException {
        Path file = runDir.resolve(FILE_NAME).toAbsolutePath();
        fit.fitting().write(file);
        if (masks != null) {
            masks.writeInto(runDir);
        }
        return request.initialisedFrom(request.design().withWeights(file.toString()), source.toString());
    }

    private static DesignWeights read(Path source, Design design) throws CliException {
        try {
            if (Files.isDirectory(source)) {
                if (!Files.isRegularFile(source.resolve(RunRequestJson.FILE_NAME))) {
                    throw new CliException(ExitCodes.BAD_INPUT, "--init-from: " + source + " is no run folder (it has no "
                            + RunRequestJson.FILE_NAME + ").");
                }
                return RunWeights.read(source).weights();
            }
            String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                Design other = new DesignJson().read(source);
                if (other.weights().isEmpty()) {
                    throw new CliException(ExitCodes.BAD_INPUT, "--init-from: the design " + source
                            + " has no trained weights; name a run folder, a design with weights or a model zip.");
                }
                return DesignWeights.read(Path.of(other.weights().get()));
            }
            return DesignWeights.extractMatching(ModelZip.read(source, false), design);
        } catch (ModelFileException | IOException | DesignFormatException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--init-from: cannot read the weights of " + source + ": "
                    + e.getMessage());
        }
    }
}
