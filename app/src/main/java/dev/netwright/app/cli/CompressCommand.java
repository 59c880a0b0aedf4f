package dev.netwright.app.cli;

import dev.netwright.interop.onnx.OnnxCalibration;
import dev.netwright.interop.onnx.OnnxQuantizeJob;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.compress.MagnitudePruning;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Distillation;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netwright compress RUN_DIR --prune S [--scope] [--schedule] [--structured] [--finetune E] | --quantise int8
 * [--calibration N]}: one compressed model of a trained run, written as a new run folder (next to the source run, or
 * -o) with its {@link CompressionReport} ({@code compression.json}), measured beside its parent. Each method is one
 * branch of {@link #call()} and one class that makes the run ({@link PruneCompression}, {@link QuantiseCompression}),
 * so a new method adds an option, a branch and a class.
 */
@Command(name = "compress", description = "Compress a trained run into a new run folder: prune it (magnitude or "
        + "structured, optionally fine-tuned with the pruned weights kept at zero), quantise it to int8 for ONNX "
        + "Runtime, or distil it into a smaller student design; the result's parameters, non-zeros, file size, accuracy and latency are measured beside the "
        + "original's and written to compression.json in the new run.")
final class CompressCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder written by 'netwright train' (it is only read).")
    Path run;

    @Option(names = "--prune", paramLabel = "S", description = "Prune to this sparsity, at least 0 and below 1 (0.9: "
            + "nine weights in ten zero; with --structured, the share of filters and units removed).")
    Double prune;

    @Option(names = {"--quantise", "--quantize"}, paramLabel = "int8",
            description = "Quantise to int8 (QDQ ONNX run by ONNX Runtime, as 'netwright quantize').")
    String quantise;

    @Option(names = "--scope", paramLabel = "layer|global", description = "With --prune: the same share of each "
            + "layer's weights (layer), or the smallest weights of all layers together (global) (default: layer).")
    String scope;

    @Option(names = "--schedule", paramLabel = "one-shot|gradual", description = "With --prune: prune at once "
            + "(one-shot), or during fine-tuning along Zhu & Gupta's cubic schedule, reaching the sparsity halfway "
            + "through it (gradual, needs --finetune) (default: one-shot).")
    String schedule;

    @Option(names = "--structured", description = "With --prune: remove whole convolution filters and dense units "
            + "(by L1 norm), which makes a smaller design.")
    boolean structured;

    @Option(names = "--finetune", paramLabel = "E", description = "With --prune: fine-tune for E epochs on the run's "
            + "data after pruning, pruned weights kept at zero (default: 0, no fine-tuning).")
    Integer finetune;

    @Option(names = "--lr", paramLabel = "RATE", description = "With --finetune: the learning rate (default: the "
            + "run's).")
    Double learningRate;

    @Option(names = "--calibration", paramLabel = "N", description = "With --quantise: training examples to calibrate "
            + "the activation ranges on (default: " + OnnxQuantizeJob.DEFAULT_CALIBRATION + ").")
    Integer calibration;

    @Option(names = "--distil", paramLabel = "STUDENT", description = "Distil the run into a student design (a file, "
            + "or sample:ID) with the run's classes: the student trains on the run's data against the run's model as "
            + "teacher, loss = alpha * cross-entropy(labels) + (1 - alpha) * T^2 * KL(teacher || student at T).")
    String distil;

    @Option(names = "--alpha", paramLabel = "A", description = "With --distil: the labels' share of the loss, 0 to 1 "
            + "(default: " + Distillation.DEFAULT_ALPHA + ").")
    Double alpha;

    @Option(names = "--temperature", paramLabel = "T", description = "With --distil: the softening temperature, above "
            + "0 (default: " + Distillation.DEFAULT_TEMPERATURE + ").")
    Double temperature;

    @Option(names = "--epochs", paramLabel = "E", description = "With --distil: the student's epochs (default: the "
            + "run's).")
    Integer epochs;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT_DIR", description = "A new or empty folder for the compressed "
            + "run (default: a new folder next to RUN_DIR, named after it and the method).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier run in OUT_DIR.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            int methods = (prune != null ? 1 : 0) + (quantise != null ? 1 : 0) + (distil != null ? 1 : 0);
            if (methods != 1) {
                throw new CliException(ExitCodes.BAD_INPUT, "Give one way to compress: --prune S, --quantise int8 or "
                        + "--distil STUDENT.");
            }
            if (distil == null && (alpha != null || temperature != null || epochs != null)) {
                throw new CliException(ExitCodes.BAD_INPUT, "--alpha, --temperature and --epochs go with --distil.");
            }
            RunFolder source = requireRun(run);
            CompressionReport report;
            if (distil != null) {
                DistilCompression distillation = distilSettings();
                RunFolder target = target(distillation.stem());
                report = distillation.compress(source, target, spec.commandLine().getOut());
                print(report, target);
            } else if (prune != null) {
                PruneCompression.Settings settings = pruneSettings();
                RunFolder target = target(settings.stem());
                report = new PruneCompression(settings, spec.commandLine().getOut()).compress(source, target);
                print(report, target);
            } else {
                OnnxQuantizeJob.Options options = quantiseOptions();
                RunFolder target = target("int8");
                report = QuantiseCompression.compress(source, target, options);
                print(report, target);
            }
            return ExitCodes.OK;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (RunFailure e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (OnnxQuantizeJob.Refused e) {
            err.println(run + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("Cannot write the compressed run: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
    }

    /** The run folder to compress: it must hold run.json and model.zip. */
    static RunFolder requireRun(Path dir) throws CliException {
        if (!Files.isDirectory(dir)) {
            throw new CliException(ExitCodes.BAD_INPUT, "No run folder at " + dir + (Files.exists(dir)
                    ? " (it is a file; give the folder that holds run.json and model.zip)." : "."));
        }
        if (!Files.isRegularFile(dir.resolve(RunRequestJson.FILE_NAME))) {
            throw new CliException(ExitCodes.BAD_INPUT, "Not a run folder: " + dir + " has no "
                    + RunRequestJson.FILE_NAME + " (give a folder written by 'netwright train').");
        }
        if (!Files.isRegularFile(dir.resolve(RunFolder.MODEL))) {
            throw new CliException(ExitCodes.BAD_INPUT, "The run in " + dir + " has no saved model (" + RunFolder.MODEL
                    + "); it may have failed before saving one.");
        }
        return new RunFolder(dir);
    }

    private PruneCompression.Settings pruneSettings() throws CliException {
        if (quantiseOnly()) {
            throw new CliException(ExitCodes.BAD_INPUT, "--calibration goes with --quantise, not --prune.");
        }
        if (!(prune >= 0 && prune < 1)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--prune must be at least 0 and below 1, not " + prune + ".");
        }
        int epochs = finetune == null ? 0 : finetune;
        if (epochs < 0) {
            throw new CliException(ExitCodes.BAD_INPUT, "--finetune must be 0 or more epochs, not " + epochs + ".");
        }
        if (learningRate != null && !(learningRate > 0)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--lr must be positive, not " + learningRate + ".");
        }
        MagnitudePruning.Scope chosenScope;
        try {
            chosenScope = MagnitudePruning.Scope.valueOf((scope == null ? "layer" : scope).strip()
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--scope must be layer or global, not '" + scope + "'.");
        }
        String chosenSchedule = schedule == null ? "one-shot" : schedule.strip().toLowerCase(Locale.ROOT);
        if (!chosenSchedule.equals("one-shot") && !chosenSchedule.equals("gradual")) {
            throw new CliException(ExitCodes.BAD_INPUT, "--schedule must be one-shot or gradual, not '" + schedule
                    + "'.");
        }
        boolean gradual = chosenSchedule.equals("gradual");
        if (gradual && epochs == 0) {
            throw new CliException(ExitCodes.BAD_INPUT, "--schedule gradual prunes while it fine-tunes: give "
                    + "--finetune 1 or more epochs.");
        }
        if (structured && (scope != null || gradual)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--structured removes filters and units from each layer at "
                    + "once: --scope and --schedule gradual do not go with it.");
        }
        return new PruneCompression.Settings(prune, chosenScope, gradual, structured, epochs, learningRate);
    }

    /** The student and the distillation asked for, checked as 'train --distil-from' checks them. */
    private DistilCompression distilSettings() throws CliException {
        if (prune != null || quantise != null || calibration != null || finetune != null || structured
                || scope != null || schedule != null || learningRate != null) {
            throw new CliException(ExitCodes.BAD_INPUT, "--distil trains a student: the pruning and quantising "
                    + "options do not go with it.");
        }
        if (epochs != null && epochs < 1) {
            throw new CliException(ExitCodes.BAD_INPUT, "--epochs must be 1 or more, not " + epochs + ".");
        }
        Design student = DesignArgument.load(distil);
        DistillationOptions options = new DistillationOptions();
        options.teacher = run;
        options.alpha = alpha;
        options.temperature = temperature;
        Distillation distillation = options.settings(RunRequest.of(student, "unused"), null);
        return new DistilCompression(student, distil, distillation, epochs == null ? 0 : epochs);
    }

    private boolean quantiseOnly() {
        return calibration != null;
    }

    private OnnxQuantizeJob.Options quantiseOptions() throws CliException {
        if (!quantise.strip().equalsIgnoreCase("int8")) {
            throw new CliException(ExitCodes.BAD_INPUT, "--quantise supports int8 only, not '" + quantise + "'.");
        }
        if (scope != null || schedule != null || structured || finetune != null || learningRate != null) {
            throw new CliException(ExitCodes.BAD_INPUT, "--scope, --schedule, --structured, --finetune and --lr go "
                    + "with --prune, not --quantise.");
        }
        int examples = calibration == null ? OnnxQuantizeJob.DEFAULT_CALIBRATION : calibration;
        if (examples < 1) {
            throw new CliException(ExitCodes.BAD_INPUT, "--calibration must be at least 1 example, not " + examples
                    + ".");
        }
        return new OnnxQuantizeJob.Options(examples, OnnxCalibration.Method.MINMAX,
                OnnxCalibration.DEFAULT_PERCENTILE, false);
    }

    /** -o claimed, or a new folder next to the source run: RUN-STEM, RUN-STEM-2, ... */
    private RunFolder target(String stem) throws IOException, RunFailure, CliException {
        Path sourceDir = run.toAbsolutePath().normalize();
        if (out == null) {
            Path parent = sourceDir.getParent() == null ? Path.of("") : sourceDir.getParent();
            return RunFolder.createUnique(parent, sourceDir.getFileName() + "-" + stem);
        }
        if (out.toAbsolutePath().normalize().equals(sourceDir)) {
            throw new CliException(ExitCodes.BAD_INPUT, "-o must name another folder than the run itself, which stays "
                    + "as it is.");
        }
        return RunFolder.claim(out, force);
    }

    private void print(CompressionReport report, RunFolder target) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%n%-12s %12s %12s%n", "", "original", report.method());
        CompressionReport.Figures parent = report.parent();
        CompressionReport.Figures result = report.result();
        o.printf(Locale.ROOT, "%-12s %12.4f %12.4f%n", "accuracy", parent.accuracy(), result.accuracy());
        o.printf(Locale.ROOT, "%-12s %,12d %,12d%n", "file bytes", parent.fileBytes(), result.fileBytes());
        o.printf(Locale.ROOT, "%-12s %12.3f %12.3f%n", "latency ms", parent.latencyMs(), result.latencyMs());
        o.printf(Locale.ROOT, "%-12s %,12d %,12d%n", "parameters", parent.parameters(), result.parameters());
        o.printf(Locale.ROOT, "%-12s %,12d %,12d%n", "non-zeros", parent.nonZeros(), result.nonZeros());
        o.printf("Accuracy on the run's %s data; latency: median of one example's forward pass on the CPU. "
                + "The compressed run: %s%n", report.evaluatedOn(), target.dir().toAbsolutePath().normalize());
        o.flush();
    }
}
