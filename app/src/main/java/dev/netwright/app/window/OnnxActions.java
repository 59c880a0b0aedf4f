package dev.netwright.app.window;

import dev.netwright.interop.onnx.OnnxExportJob;
import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * File ▸ Export ONNX Model… and Run ▸ Check in ONNX Runtime: the last run's trained model (or, without a run, the
 * design's own weights, e.g. an imported model) as an ONNX file, executed by ONNX Runtime on validation examples.
 * The model is read, written and run in the background; the FX thread only shows the outcome.
 */
final class OnnxActions {
    private final MainWindow window;

    OnnxActions(MainWindow window) {
        this.window = window;
    }

    /** What is exported: the run's saved model with its request, or a design and its own weights file. */
    private record Source(Design design, Path model, Path weights, RunRequest request) {
        OnnxExportJob.Outcome export(Path file) {
            return model != null ? OnnxExportJob.fromRun(request, model, file)
                    : OnnxExportJob.fromDesignWeights(design, weights, file);
        }
    }

    void exportOnnx() {
        window.workspace().flatMap(this::source).ifPresent(source -> window.dialogs()
                .chooseExport("Export ONNX model", RunFolder.slug(source.design().name(), "model") + ".onnx",
                        "ONNX model", "*.onnx")
                .ifPresent(file -> run(source, file, false)));
    }

    /** Exports to a temporary file, runs it in ONNX Runtime and reports; the file is deleted after. */
    void checkInOnnxRuntime() {
        window.workspace().flatMap(this::source).ifPresent(source -> {
            try {
                run(source, Files.createTempFile("netwright-check-", ".onnx"), true);
            } catch (java.io.IOException e) {
                window.dialogs().showError("Cannot check in ONNX Runtime", "No temporary file: " + e.getMessage());
            }
        });
    }

    private Optional<Source> source(Workspace w) {
        RunRecord run = w.lastRun().orElse(null);
        Path model = run == null ? null : new RunFolder(run.dir()).model();
        if (model != null && Files.exists(model)) {
            return Optional.of(new Source(run.request().design(), model, null, run.request()));
        }
        Design design = w.document().design();
        if (design.weights().isPresent()) {
            return Optional.of(new Source(design, null, Path.of(design.weights().get()), null));
        }
        window.dialogs().showInformation("No trained model", "ONNX holds a trained model: train the design first (a "
                + "finished or stopped run saves its model), or import a model with weights (File ▸ Import…).");
        return Optional.empty();
    }

    private void run(Source source, Path file, boolean temporary) {
        window.context().background().execute(() -> {
            OnnxExportJob.Outcome outcome;
            try {
                outcome = source.export(file);
            } finally {
                if (temporary) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (java.io.IOException ignored) {
                        // a temporary file left behind is harmless
                    }
                }
            }
            OnnxExportJob.Outcome shown = outcome;
            String text = temporary && shown.check() != null ? shown.check() : shown.report();
            window.context().onFxThread().accept(() -> {
                switch (shown.status()) {
                    case AGREES, WRITTEN -> window.dialogs().showInformation(
                            temporary ? "Checked in ONNX Runtime" : "ONNX model exported", text);
                    default -> window.dialogs().showError(
                            temporary ? "ONNX Runtime check failed" : "ONNX export", text);
                }
            });
        });
    }
}
