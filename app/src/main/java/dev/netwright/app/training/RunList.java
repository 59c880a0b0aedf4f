package dev.netwright.app.training;

import dev.netwright.charts.metrics.RunHistory;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.sweep.Experiment;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The runs kept in a design's runs folder, newest first. Reads files: call it off the FX thread. */
public final class RunList {
    private static final Logger LOG = LoggerFactory.getLogger(RunList.class);

    private RunList() {
    }

    public static List<RunRecord> list(Path runsDir) {
        List<RunRecord> records = new ArrayList<>();
        if (runsDir == null || !Files.isDirectory(runsDir)) {
            return records;
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                read(dir).ifPresent(records::add);
                if (Files.isRegularFile(dir.resolve(Experiment.FILE_NAME))) {
                    trialsOf(dir, records);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the runs in {}: {}", runsDir, e.getMessage());
        }
        return records;
    }

    /** A sweep's trials ({@code netwright sweep}): each is an ordinary run folder inside the experiment's folder. */
    private static void trialsOf(Path experiment, List<RunRecord> records) {
        try (Stream<Path> trials = Files.list(experiment)) {
            for (Path trial : trials.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                read(trial).ifPresent(records::add);
            }
        } catch (IOException e) {
            LOG.warn("cannot list the trials in {}: {}", experiment, e.getMessage());
        }
    }

    static java.util.Optional<RunRecord> read(Path dir) {
        RunFolder folder = new RunFolder(dir);
        if (!Files.exists(folder.events())) {
            return java.util.Optional.empty();
        }
        RunRequest request = null;
        try {
            request = new RunRequestJson().read(dir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("run {} has no readable run.json: {}", dir, e.getMessage());
        }
        RunMetrics metrics;
        try {
            metrics = RunHistory.load(folder.events());
        } catch (IOException e) {
            LOG.warn("cannot read the events of run {}: {}", dir, e.getMessage());
            return java.util.Optional.empty();
        }
        TrainingEvent.Evaluation evaluation = metrics.evaluation();
        String noEvaluation = null;
        if (Files.exists(folder.evaluation())) {
            // the saved model's evaluation: the worker's, or a stopped run's made afterwards (netwright evaluate --save)
            try {
                evaluation = readEvaluation(folder.evaluation());
            } catch (IOException | IllegalArgumentException e) {
                evaluation = null;
                noEvaluation = "Run " + dir.getFileName() + " has no evaluation: its file " + folder.evaluation()
                        + " is damaged (" + e.getMessage() + ").";
            }
        }
        CompressionReport compression = readCompression(dir);
        if (evaluation == null && noEvaluation == null) {
            noEvaluation = "Run " + dir.getFileName() + " has no evaluation: "
                    + (compression != null && !Files.exists(folder.model()) ? whyNone(compression) : whyNone(metrics, folder)) + ".";
        }
        return java.util.Optional.of(new RunRecord(dir, request, metrics, evaluation, noEvaluation, compression));
    }

    /** The run's compression.json, or null where it has none or it cannot be read (logged). */
    private static CompressionReport readCompression(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CompressionReport.FILE))) {
            return null;
        }
        try {
            return CompressionReport.read(dir);
        } catch (IOException e) {
            LOG.warn("run {}: {}", dir, e.getMessage());
            return null;
        }
    }

    /** Why a compressed model without a Deeplearning4j model (an int8 ONNX model) has no evaluation of its own. */
    private static String whyNone(CompressionReport compression) {
        return String.format(java.util.Locale.ROOT, "it is a %s model that runs in ONNX Runtime, which the Evaluation panel "
                        + "does not evaluate; when it was made, its accuracy on the %s set was %.4f (its parent's %.4f), "
                        + "in %s", compression.method(), compression.evaluatedOn().isEmpty() ? "evaluation" : compression.evaluatedOn(),
                compression.result().accuracy(), compression.parent().accuracy(), CompressionReport.FILE);
    }

    private static TrainingEvent.Evaluation readEvaluation(Path file) throws IOException {
        TrainingEvent event = TrainingEvents.fromJsonLine(Files.readString(file, StandardCharsets.UTF_8).strip());
        if (event instanceof TrainingEvent.Evaluation evaluation) {
            return evaluation;
        }
        throw new IOException("it holds a " + event.getClass().getSimpleName() + " event, not an evaluation");
    }

    /** Why a run without an evaluation file or event has none, from how it ended. */
    private static String whyNone(RunMetrics metrics, RunFolder folder) {
        boolean model = Files.exists(folder.model());
        return switch (metrics.state()) {
            case FAILED -> "it failed (" + metrics.endMessage() + ")";
            case STOPPED -> !model ? "it was stopped before it saved a model"
                    : metrics.validationAccuracy().isEmpty() ? "it was stopped in epoch " + metrics.epoch()
                    + " before any epoch ended, and its saved model has not been evaluated"
                    : "it was stopped in epoch " + metrics.epoch() + " and its saved model has not been evaluated";
            case FINISHED -> "its " + RunFolder.EVALUATION + " is missing";
            default -> "it has not ended (its " + RunFolder.EVENTS + " has no end: it is still running, or was cut off)";
        };
    }
}
