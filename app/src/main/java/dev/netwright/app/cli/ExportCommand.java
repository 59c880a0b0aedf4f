package dev.netwright.app.cli;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.codegen.CodeExportException;
import dev.netwright.runtime.codegen.KerasExport;
import dev.netwright.runtime.codegen.PyTorchExport;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.Design;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netwright export DESIGN --to pytorch [-o FILE.py]}: the design as code people can run elsewhere. */
@Command(name = "export", description = "Export a design as code: --to pytorch writes a Python file with an nn.Module "
        + "(input [N, C, H, W] for images, [N, steps, features] for sequences) and a training loop with the design's "
        + "settings; --to keras a tf.keras functional model (channels last) with compile and fit at the design's settings. The architecture only: trained weights are not exported yet. Without -o the code goes to stdout.")
final class ExportCommand implements Callable<Integer> {
    static final List<String> TARGETS = List.of("pytorch", "keras");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DESIGN", description = "A design file, or sample:ID (see 'netwright samples').")
    String design;

    @Option(names = "--to", paramLabel = "LANGUAGE", required = true, description = "What to write: pytorch or keras.")
    String target;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "The file to write (FILE.py); "
            + "written whole or not at all. Default: the code on stdout.")
    Path out;

    @Override
    public Integer call() {
        if (!TARGETS.contains(target)) {
            spec.commandLine().getErr().println("--to " + target + ": Netwright exports code for " + String.join(", ", TARGETS)
                    + " (Java code is not written yet).");
            return ExitCodes.BAD_INPUT;
        }
        if (out != null && Files.isDirectory(out)) {
            spec.commandLine().getErr().println("-o " + out + " is a folder: name the file to write, e.g. " + out.resolve("model.py"));
            return ExitCodes.BAD_INPUT;
        }
        Design loaded;
        String code;
        try {
            loaded = DesignArgument.load(design);
        } catch (CliException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return e.exitCode();
        }
        if (new Checker().check(loaded).hasErrors()) {
            spec.commandLine().getErr().println(design + " has errors; 'netwright check " + design
                    + "' lists them. Nothing was written.");
            return ExitCodes.DESIGN_ERRORS;
        }
        try {
            code = target.equals("keras") ? new KerasExport().export(loaded) : new PyTorchExport().export(loaded);
        } catch (CodeExportException e) {
            spec.commandLine().getErr().println(design + ": " + e.getMessage() + " Nothing was written.");
            return ExitCodes.BAD_INPUT;
        }
        if (out == null) {
            spec.commandLine().getOut().print(code);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            AtomicFiles.write(out, code.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            spec.commandLine().getErr().println("Cannot write " + out + ": " + e.getMessage() + ". Nothing was written.");
            return ExitCodes.BAD_INPUT;
        }
        spec.commandLine().getOut().printf("Wrote %s (%s code for '%s', %d layers)%n", out,
                target.equals("keras") ? "Keras" : "PyTorch", loaded.name(), loaded.nodes().size());
        return ExitCodes.OK;
    }
}
