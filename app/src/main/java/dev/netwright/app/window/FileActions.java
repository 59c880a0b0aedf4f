package dev.netwright.app.window;

import dev.netwright.app.training.RunRecord;
import dev.netwright.charts.ChartExport;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.designer.canvas.DrawingExport;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.codegen.CodeExportException;
import dev.netwright.runtime.codegen.JavaExport;
import dev.netwright.runtime.codegen.KerasExport;
import dev.netwright.runtime.codegen.PyTorchExport;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Open Recent and the exports of the File menu: the trained model, the network drawing as PNG or SVG, charts as PNG,
 * their data as CSV.
 */
final class FileActions {
    private static final int PNG_WIDTH = 1600;
    private static final int PNG_HEIGHT = 900;

    private final MainWindow window;

    FileActions(MainWindow window) {
        this.window = window;
    }

    void fillRecent(Menu menu) {
        List<Path> recent = window.context().recent().list();
        menu.getItems().clear();
        if (recent.isEmpty()) {
            MenuItem none = new MenuItem("(none)");
            none.setDisable(true);
            menu.getItems().add(none);
        }
        for (Path file : recent) {
            MenuItem item = new MenuItem(file.getFileName() + "  \u2014  " + file.toAbsolutePath().getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> window.openFile(file));
            menu.getItems().add(item);
        }
    }

    void exportModel() {
        window.workspace().ifPresent(w -> {
            RunRecord run = w.lastRun().orElse(null);
            Path model = run == null ? null : new RunFolder(run.dir()).model();
            if (model == null || !Files.exists(model)) {
                window.dialogs().showInformation("No trained model", "Train the design first: a finished or stopped run saves its model.");
                return;
            }
            window.dialogs().chooseExport("Export trained model", run.name() + "-model.zip", "DL4J model (zip)", "*.zip")
                    .ifPresent(target -> copy(model, target));
        });
    }

    /** The graph as drawn on the canvas (all of it, at twice its size, on white). */
    void exportDrawingPng() {
        window.workspace().ifPresent(w -> drawing(w, "PNG image", "png",
                file -> DrawingExport.writePng(w.designer().canvas(), file)));
    }

    /** The graph as an SVG written from the design: cards with their texts, wires as the canvas's curves. */
    void exportDrawingSvg() {
        window.workspace().ifPresent(w -> drawing(w, "SVG image", "svg", file -> {
            DesignDocument document = w.document();
            DrawingExport.writeSvg(document.design(), document.check(), document.catalog(), file);
        }));
    }

    /**
     * The design as a PyTorch script (an nn.Module, a parameter count and a training loop with the design's settings),
     * the same file {@code netwright export DESIGN --to pytorch} writes.
     */
    void exportPyTorch() {
        exportCode("PyTorch code", "Python script", "py", (w, design) -> new PyTorchExport(w.document().catalog()).export(design));
    }

    /**
     * The last run's design as PyTorch code with its trained weights beside it ({@code NAME.state_dict.npz}), as
     * {@code netwright export RUN_DIR --to pytorch -o FILE} writes them. The model is read and the files written in
     * the background; the outcome is said on the FX thread.
     */
    void exportPyTorchTrained() {
        window.workspace().ifPresent(w -> {
            RunRecord run = w.lastRun().orElse(null);
            Path model = run == null ? null : new RunFolder(run.dir()).model();
            if (model == null || !Files.exists(model)) {
                window.dialogs().showInformation("No trained model",
                        "Train the design first: a finished or stopped run saves the model whose weights are exported.");
                return;
            }
            Design design = run.request().design();
            try {
                new PyTorchExport(w.document().catalog()).export(design); // refused at once, before a file is chosen
            } catch (CodeExportException e) {
                window.dialogs().showError("Cannot export PyTorch code", e.getMessage());
                return;
            }
            String name = RunFolder.slug(design.name(), "design") + ".py";
            window.dialogs().chooseExport("Export PyTorch code with trained weights", name, "Python script", "*.py")
                    .ifPresent(file -> window.context().background().execute(() -> {
                        String outcome;
                        boolean failed = false;
                        try {
                            Path weights = new PyTorchExport(w.document().catalog())
                                    .writeTrained(design, ModelZip.read(model, false), file);
                            outcome = "Wrote " + file.getFileName() + " and its trained weights "
                                    + weights.getFileName() + " (load them with load_weights(model); "
                                    + "'python3 " + file.getFileName() + " --help' lists what it does).";
                        } catch (ModelFileException e) {
                            outcome = "Cannot use the run's model: " + e.getMessage();
                            failed = true;
                        } catch (CodeExportException | IOException e) {
                            outcome = "Cannot write " + file + ": " + e.getMessage();
                            failed = true;
                        }
                        String message = outcome;
                        boolean error = failed;
                        window.context().onFxThread().accept(() -> {
                            if (error) {
                                window.dialogs().showError("Cannot export PyTorch code", message);
                            } else {
                                window.dialogs().showInformation("PyTorch code exported", message);
                            }
                        });
                    }));
        });
    }

    /**
     * The design as a Java class building the same Deeplearning4j network, as {@code netwright export --to java};
     * offered under the class's own name, which javac needs as the file's name.
     */
    void exportJava() {
        window.workspace().ifPresent(w -> {
            String code;
            try {
                code = new JavaExport(w.document().catalog()).export(w.document().design());
            } catch (CodeExportException e) {
                window.dialogs().showError("Cannot export Java code", e.getMessage());
                return;
            }
            String name = JavaExport.fileNameOf(code);
            window.dialogs().chooseExport("Export Java code", name, "Java source", "*.java")
                    .ifPresent(file -> write(file, target -> AtomicFiles.write(target, code.getBytes(StandardCharsets.UTF_8))));
        });
    }

    /** The design as a tf.keras script (functional model, compile and fit), as {@code netwright export --to keras}. */
    void exportKeras() {
        exportCode("Keras code", "Python script", "py", (w, design) -> new KerasExport(w.document().catalog()).export(design));
    }

    /**
     * The design as code written by {@code exporter}, the same text the command line's {@code export --to} writes,
     * written atomically where the user chooses. A design the export cannot express is refused with every node in
     * the way named, before a file is chosen.
     */
    private void exportCode(String what, String description, String extension, CodeExporter exporter) {
        window.workspace().ifPresent(w -> {
            String code;
            try {
                code = exporter.export(w, w.document().design());
            } catch (CodeExportException e) {
                window.dialogs().showError("Cannot export " + what, e.getMessage());
                return;
            }
            String name = RunFolder.slug(w.document().design().name(), "design") + "." + extension;
            window.dialogs().chooseExport("Export " + what, name, description, "*." + extension)
                    .ifPresent(file -> write(file, target -> AtomicFiles.write(target, code.getBytes(StandardCharsets.UTF_8))));
        });
    }

    private void drawing(Workspace w, String description, String extension, Writer writer) {
        if (w.document().design().nodes().isEmpty()) {
            window.dialogs().showInformation("Nothing to draw", "The design has no layers yet: drag one from the palette.");
            return;
        }
        String name = RunFolder.slug(w.document().design().name(), "design") + "." + extension;
        window.dialogs().chooseExport("Export drawing", name, description, "*." + extension)
                .ifPresent(file -> write(file, writer));
    }

    void exportMetricsPng() {
        window.workspace().ifPresent(w -> png(w.trainingPanel().metricsChart().chart(), "training-chart.png"));
    }

    void exportConfusionPng() {
        window.workspace().ifPresent(w -> {
            if (w.evaluationPanel().evaluation() == null) {
                window.dialogs().showInformation("No evaluation", "Train the design to completion first: the evaluation follows the last epoch.");
                return;
            }
            png(w.evaluationPanel().matrix().chart(), "confusion-matrix.png");
        });
    }

    void exportIterationsCsv() {
        window.workspace().ifPresent(w -> csv("iterations.csv", file -> ChartExport.iterationsCsv(metrics(w), file)));
    }

    void exportEpochsCsv() {
        window.workspace().ifPresent(w -> csv("epochs.csv", file -> ChartExport.epochsCsv(metrics(w), file)));
    }

    void exportConfusionCsv() {
        window.workspace().ifPresent(w -> {
            TrainingEvent.Evaluation evaluation = w.evaluationPanel().evaluation();
            if (evaluation == null) {
                window.dialogs().showInformation("No evaluation", "Train the design to completion first: the evaluation follows the last epoch.");
                return;
            }
            csv("confusion-matrix.csv", file -> ChartExport.confusionCsv(evaluation, file));
        });
    }

    private static RunMetrics metrics(Workspace w) {
        return w.training().metricsProperty().get();
    }

    private void png(JFreeChart chart, String name) {
        window.dialogs().chooseExport("Export chart", name, "PNG image", "*.png").ifPresent(file -> write(file,
                f -> ChartExport.png(chart, f, PNG_WIDTH, PNG_HEIGHT)));
    }

    private void csv(String name, Writer writer) {
        window.dialogs().chooseExport("Export chart data", name, "CSV file", "*.csv").ifPresent(file -> write(file, writer));
    }

    private void write(Path file, Writer writer) {
        try {
            writer.write(file);
        } catch (IOException e) {
            window.dialogs().showError("Cannot export", "Cannot write " + file + ": " + e.getMessage());
        }
    }

    private void copy(Path from, Path to) {
        try {
            AtomicFiles.copy(from, to);
        } catch (IOException e) {
            window.dialogs().showError("Cannot export the model", "Cannot write " + to + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface CodeExporter {
        String export(Workspace w, Design design) throws CodeExportException;
    }

    @FunctionalInterface
    private interface Writer {
        void write(Path file) throws IOException;
    }
}
