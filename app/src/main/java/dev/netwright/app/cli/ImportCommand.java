package dev.netwright.app.cli;

import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.interop.formats.ModelImports;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.weights.DesignWeights;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code netwright import FILE [-o DESIGN.json]}: a model file of another tool as a Netwright design with its weights. */
@Command(name = "import", description = "Import a Keras or ONNX model as a Netwright design: Keras 2 .h5 (architecture "
        + "and weights), Keras 2 architecture-only .json, Keras 3 .keras, Sequential or functional; ONNX .onnx with its "
        + "weights (as torch.onnx.export writes, opset up to 17). Writes the design, laid "
        + "out and checked, and its weights beside it as DESIGN.weights.npz, so it evaluates and predicts without "
        + "training. Existing files are not overwritten unless --force is given; on any problem nothing is written.")
final class ImportCommand implements Callable<Integer> {
    /** The importers by file ending; the window's File > Import uses the same. */
    static final ModelImports IMPORTS = ModelImports.standard();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The model file: .h5, .hdf5, .json (Keras architecture), .keras or .onnx.")
    Path file;

    @Option(names = {"-o", "--out"}, paramLabel = "DESIGN.json", description = "The design file to write; its weights go "
            + "beside it as DESIGN.weights.npz. Default: FILE's base name + .json in the current folder.")
    Path out;

    @Option(names = "--force", description = "Replace an existing design file and weights file.")
    boolean force;

    @Override
    public Integer call() {
        Path design = out != null ? out : Path.of(baseName(file) + ".json");
        if (Files.isDirectory(design)) {
            return refuse("-o " + design + " is a folder: name the design file to write, e.g. "
                    + design.resolve(baseName(file) + ".json"));
        }
        if (!design.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return refuse("-o " + design + ": a design file ends in .json");
        }
        if (Files.exists(design) && isSameFile(design, file)) {
            return refuse(design + " is the file being imported: name another design file with -o");
        }
        Path weightsFile = DesignWeights.sidecarFor(design);
        if (!force && (Files.exists(design) || Files.exists(weightsFile))) {
            return refuse((Files.exists(design) ? design : weightsFile) + " exists: give --force to replace it, or "
                    + "name another design file with -o");
        }
        ImportedModel model;
        try {
            model = IMPORTS.read(file);
        } catch (ModelImportException e) {
            return refuse(e.getMessage());
        }
        Design placed = AutoLayout.placedIfUnplaced(model.design());
        CheckResult check = new Checker().check(placed);
        if (check.hasErrors()) {
            return refuse(file + ": the imported design has errors: " + check.errors());
        }
        boolean weightsWritten = false;
        try {
            if (!model.weights().isEmpty()) {
                model.weights().write(weightsFile);
                weightsWritten = true;
                placed = placed.withWeights(weightsFile.toAbsolutePath().normalize().toString());
            }
            new DesignJson().write(placed, design);
        } catch (IOException e) {
            if (weightsWritten && !force) {
                deleteQuietly(weightsFile); // it did not exist before: leave nothing half-written
            }
            return refuse("Cannot write " + design + ": " + e.getMessage());
        }
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "Wrote %s (%d layers, %,d parameters) from %s%n", design, placed.nodes().size(),
                check.totalParams(), file);
        if (!model.weights().isEmpty()) {
            o.printf(Locale.ROOT, "Wrote %s (trained weights of %d layers, %,d values)%n", weightsFile,
                    model.weights().nodeIds().size(), model.weights().parameterCount());
        }
        model.notes().forEach(note -> o.println("Note: " + note));
        o.flush();
        return ExitCodes.OK;
    }

    private int refuse(String message) {
        String sentence = message.endsWith(".") || message.endsWith(")") ? message : message + ".";
        spec.commandLine().getErr().println(sentence + (message.endsWith("Nothing was imported.") ? "" : " Nothing was written."));
        return ExitCodes.BAD_INPUT;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the message about the design file says what failed
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName() == null ? "model" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
