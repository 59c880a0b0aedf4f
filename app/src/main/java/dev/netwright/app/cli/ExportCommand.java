package dev.netwright.app.cli;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.codegen.CodeExportException;
import dev.netwright.runtime.codegen.JavaExport;
import dev.netwright.runtime.codegen.KerasExport;
import dev.netwright.runtime.codegen.PyTorchExport;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.interop.onnx.OnnxExportJob;
import dev.netwright.interop.onnx.OnnxExport;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightsMismatchException;
import org.deeplearning4j.nn.graph.ComputationGraph;
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

/**
 * {@code netwright export DESIGN|RUN_DIR --to pytorch|keras [-o FILE]}: a design, or a trained run's design, as code
 * people can run elsewhere; to PyTorch with the trained weights too, from a run or a design that has weights.
 */
@Command(name = "export", description = "Export a design, or a trained run, as code. --to pytorch writes a Python "
        + "file with an nn.Module (input [N, C, H, W] for images, [N, steps, features] for sequences) and a training "
        + "loop with the design's settings; from a run folder, or a design with weights (an imported model), it also "
        + "writes the trained weights beside the file (FILE.state_dict.npz, by PyTorch's names), which the code loads. --to keras writes a "
        + "tf.keras functional model (channels last) with compile and fit at the design's settings; --to java a Java "
        + "class that builds the same Deeplearning4j ComputationGraphConfiguration and fits it (Netwright's own layers "
        + "from its jar, the dependencies named in a comment). Keras and Java: the architecture only. Without -o the "
        + "code goes to stdout. --to onnx writes the trained model (a run folder, or a design with weights) as an ONNX "
        + "file (opset " + OnnxExport.OPSET + ", input 'input' in the PyTorch layouts above, output 'output' as Netwright's "
        + "Output layer gives it, the batch size free), then runs it in ONNX Runtime on the run's first "
        + OnnxExportJob.CHECKED + " validation examples and prints how far its outputs are from Netwright's and its "
        + "latency.")
final class ExportCommand implements Callable<Integer> {
    static final List<String> TARGETS = List.of("pytorch", "keras", "java", "onnx");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DESIGN|RUN_DIR", description = "A design file, sample:ID (see 'netwright samples'), "
            + "or a run folder (its design and trained model).")
    String design;

    @Option(names = "--to", paramLabel = "FORMAT", required = true, description = "What to write: pytorch, keras, java "
            + "(code) or onnx (a model file).")
    String target;

    @Option(names = "--no-check", description = "With --to onnx: do not run the written file in ONNX Runtime.")
    boolean noCheck;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "The file to write (FILE.py; for Java CLASS.java); "
            + "written whole or not at all. Default: the code on stdout (not with trained weights).")
    Path out;

    /** What is exported: the design, the trained network when there is one, and the run that trained it, if any. */
    private record Source(Design design, ComputationGraph trained, String what, RunRequest request) {
        Source(Design design, ComputationGraph trained, String what) {
            this(design, trained, what, null);
        }
    }

    @Override
    public Integer call() {
        if (!TARGETS.contains(target)) {
            spec.commandLine().getErr().println("--to " + target + ": Netwright exports code for " + String.join(", ", TARGETS)
                    + ".");
            return ExitCodes.BAD_INPUT;
        }
        if (out != null && Files.isDirectory(out)) {
            spec.commandLine().getErr().println("-o " + out + " is a folder: name the file to write, e.g. " + out.resolve("model.py"));
            return ExitCodes.BAD_INPUT;
        }
        boolean pytorch = target.equals("pytorch");
        boolean onnx = target.equals("onnx");
        if (onnx && out == null) {
            spec.commandLine().getErr().println("--to onnx writes a model file: name it with -o FILE.onnx.");
            return ExitCodes.BAD_INPUT;
        }
        Source source;
        try {
            source = load(pytorch || onnx);
        } catch (CliException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return e.exitCode();
        }
        Design loaded = source.design();
        if (new Checker().check(loaded).hasErrors()) {
            spec.commandLine().getErr().println(design + " has errors; 'netwright check " + design
                    + "' lists them. Nothing was written.");
            return ExitCodes.DESIGN_ERRORS;
        }
        if (onnx) {
            if (source.trained() == null) {
                spec.commandLine().getErr().println(design + " has no trained weights: ONNX holds a trained model. "
                        + "Export a run folder ('netwright train " + design + " --out RUN_DIR', then 'netwright export "
                        + "RUN_DIR --to onnx -o FILE.onnx') or a design with weights. Nothing was written.");
                return ExitCodes.BAD_INPUT;
            }
            return writeOnnx(source);
        }
        if (source.trained() != null && out == null) {
            spec.commandLine().getErr().println(design + " has trained weights: name the file to write with -o FILE.py; "
                    + "the weights go beside it in FILE.state_dict.npz. Nothing was written.");
            return ExitCodes.BAD_INPUT;
        }
        if (pytorch && source.trained() != null) {
            return writeTrained(source);
        }
        String code;
        try {
            code = switch (target) {
                case "pytorch" -> new PyTorchExport().export(loaded);
                case "java" -> new JavaExport().export(loaded);
                default -> new KerasExport().export(loaded);
            };
        } catch (CodeExportException e) {
            spec.commandLine().getErr().println(design + ": " + e.getMessage() + " Nothing was written.");
            return ExitCodes.BAD_INPUT;
        }
        if (out == null) {
            spec.commandLine().getOut().print(code);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        String javaFile = target.equals("java") ? JavaExport.fileNameOf(code) : null;
        if (javaFile != null && !out.getFileName().toString().equals(javaFile)) {
            spec.commandLine().getErr().println("-o " + out + ": Java needs the public class in a file of its name; "
                    + "write -o " + out.resolveSibling(javaFile) + ". Nothing was written.");
            return ExitCodes.BAD_INPUT;
        }
        try {
            AtomicFiles.write(out, code.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            spec.commandLine().getErr().println("Cannot write " + out + ": " + e.getMessage() + ". Nothing was written.");
            return ExitCodes.BAD_INPUT;
        }
        spec.commandLine().getOut().printf("Wrote %s (%s code for '%s', %d layers)%n", out,
                language(), loaded.name(), loaded.nodes().size());
        if (source.trained() != null) {
            spec.commandLine().getOut().println("The " + source.what() + "'s weights are not in " + language()
                    + " code: --to pytorch exports them.");
        }
        return ExitCodes.OK;
    }

    private int writeOnnx(Source source) {
        OnnxExportJob.Outcome outcome = OnnxExportJob.run(source.design(), source.trained(), source.request(), out, !noCheck);
        if (outcome.written() != null) {
            spec.commandLine().getOut().println(outcome.written());
        }
        switch (outcome.status()) {
            case AGREES, WRITTEN -> {
                if (outcome.check() != null) {
                    spec.commandLine().getOut().println(outcome.check());
                }
                return ExitCodes.OK;
            }
            case REFUSED -> {
                spec.commandLine().getErr().println(design + ": " + outcome.check());
                return ExitCodes.BAD_INPUT;
            }
            case NO_DATA -> {
                spec.commandLine().getErr().println(outcome.check());
                return ExitCodes.BAD_INPUT;
            }
            default -> {
                spec.commandLine().getErr().println(outcome.check());
                return ExitCodes.RUN_FAILED;
            }
        }
    }

    private String language() {
        return switch (target) {
            case "pytorch" -> "PyTorch";
            case "java" -> "Java";
            default -> "Keras";
        };
    }

    private int writeTrained(Source source) {
        Path weightsFile;
        try {
            weightsFile = new PyTorchExport().writeTrained(source.design(), source.trained(), out);
        } catch (CodeExportException e) {
            spec.commandLine().getErr().println(design + ": " + e.getMessage() + " Nothing was written.");
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            spec.commandLine().getErr().println("Cannot write " + out + ": " + e.getMessage() + ". Nothing was written.");
            return ExitCodes.BAD_INPUT;
        }
        spec.commandLine().getOut().printf("Wrote %s (PyTorch code for '%s', %d layers)%n", out,
                source.design().name(), source.design().nodes().size());
        spec.commandLine().getOut().printf("Wrote %s (the %s's weights, %,d parameters)%n", weightsFile, source.what(),
                source.trained().numParams());
        return ExitCodes.OK;
    }
    private Source load(boolean withWeights) throws CliException {
        Path folder = design.startsWith(DesignArgument.SAMPLE_PREFIX) ? null : Path.of(design);
        if (folder != null && Files.isDirectory(folder)) {
            return run(folder);
        }
        Design loaded = DesignArgument.load(design);
        if (loaded.weights().isEmpty() || !withWeights) {
            return new Source(loaded, null, "design");
        }
        Path file = Path.of(loaded.weights().get());
        try {
            ComputationGraph graph = new DesignCompiler().compile(loaded, TrainingSettings.defaults()).newNetwork();
            graph.init();
            DesignWeights.read(file).applyTo(graph, loaded);
            return new Source(loaded, graph, "design");
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "Cannot read the design's weights " + file + ": " + e.getMessage());
        } catch (DesignErrorsException | WeightsMismatchException e) {
            throw new CliException(ExitCodes.BAD_INPUT, design + ": " + e.getMessage());
        }
    }

    private static Source run(Path folder) throws CliException {
        if (!Files.isRegularFile(folder.resolve(RunRequestJson.FILE_NAME))) {
            throw new CliException(ExitCodes.BAD_INPUT, folder + " is a folder but not a run folder (it has no "
                    + RunRequestJson.FILE_NAME + "): give a design file or the folder of a run.");
        }
        RunRequest request;
        try {
            request = new RunRequestJson().read(folder);
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "The run's " + RunRequestJson.FILE_NAME + " in " + folder
                    + " cannot be read: " + e.getMessage());
        }
        RunFolder run = new RunFolder(folder);
        if (!Files.isRegularFile(run.model())) {
            throw new CliException(ExitCodes.BAD_INPUT, "The run in " + folder + " has no saved model ("
                    + RunFolder.MODEL + "); it may have failed before saving one.");
        }
        try {
            return new Source(request.design(), ModelZip.read(run.model(), false), "run", request);
        } catch (ModelFileException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "Cannot use the run's model: " + e.getMessage());
        }
    }
}
