package dev.netwright.designer;

import dev.netwright.designer.canvas.DesignCanvas;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.samples.Samples;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * Tries the designer alone: the whole {@link DesignerPane} (palette, canvas, inspector, diagnostics) for a
 * sample, laid out with ELK and shown at 100 %. Arguments: a sample id (cnn, lstm, transformer, resnet),
 * {@code --select NODE} to open a node in the inspector, and {@code --snapshot FILE} to write the window
 * as a PNG and quit (the window is then sized to show the whole design at 100 %). Lives with the tests
 * because the samples are a test dependency of the designer; run it with {@code designer/demo.sh}.
 */
public final class DesignerDemo extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(DesignerDemo.class);
    /** Room under the canvas for the diagnostics list. */
    private static final double DIAGNOSTICS_HEIGHT = 160;
    private java.util.function.DoubleSupplier sideWidth = () -> 0;
    private static final double MARGIN = 40;

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        String sample = args.isEmpty() ? "cnn" : args.get(0);
        int at = args.indexOf("--snapshot");
        Path snapshot = at >= 0 && at + 1 < args.size() ? Path.of(args.get(at + 1)) : null;

        int selectAt = args.indexOf("--select");
        String select = selectAt >= 0 && selectAt + 1 < args.size() ? args.get(selectAt + 1) : null;

        DesignDocument document = new DesignDocument(Samples.load(sample));
        DesignerPane pane = new DesignerPane(document);
        DesignCanvas canvas = pane.canvas();
        sideWidth = () -> pane.palette().getWidth() + pane.inspector().getWidth() + 12;
        if (select != null) {
            document.select(select);
        }
        Scene scene = new Scene(pane, 1400, 800);
        stage.setTitle("Netwright designer — " + document.design().name());
        stage.setScene(scene);
        stage.show();

        // After the first pulse the cards have their real sizes, which the layout uses.
        Platform.runLater(() -> {
            canvas.actions().autoLayout();
            document.commands().reset(document.design()); // the demo starts laid out, with nothing to undo
            PauseTransition settle = new PauseTransition(Duration.millis(300));
            settle.setOnFinished(e -> showAtFullSize(stage, canvas, snapshot));
            settle.play();
        });
    }

    private void showAtFullSize(Stage stage, DesignCanvas canvas, Path snapshot) {
        canvas.zoomProperty().set(1);
        Bounds content = canvas.lookupAll(".node-card").stream()
                .map(n -> n.getBoundsInParent())
                .reduce((a, b) -> new javafx.geometry.BoundingBox(Math.min(a.getMinX(), b.getMinX()),
                        Math.min(a.getMinY(), b.getMinY()),
                        Math.max(a.getMaxX(), b.getMaxX()) - Math.min(a.getMinX(), b.getMinX()),
                        Math.max(a.getMaxY(), b.getMaxY()) - Math.min(a.getMinY(), b.getMinY())))
                .orElseThrow();
        if (snapshot != null) {
            stage.setWidth(sideWidth.getAsDouble() + content.getWidth() + 2 * MARGIN);
            stage.setHeight(Math.max(620, content.getHeight() + 2 * MARGIN + DIAGNOSTICS_HEIGHT));
        }
        PauseTransition settle = new PauseTransition(Duration.millis(300));
        settle.setOnFinished(e -> {
            canvas.fitToView(); // at most 100 %: with the window sized to the design this is exactly 100 %
            LOG.info("zoom {} for {} × {} of cards", canvas.zoomProperty().get(), content.getWidth(), content.getHeight());
            if (snapshot != null) {
                PauseTransition shoot = new PauseTransition(Duration.millis(300));
                shoot.setOnFinished(f -> {
                    write(stage.getScene().snapshot(null), snapshot);
                    Platform.exit();
                });
                shoot.play();
            }
        });
        settle.play();
    }

    private static void write(WritableImage image, Path file) {
        PngFiles.write(image, file);
        LOG.info("wrote {} ({} × {})", file, (int) image.getWidth(), (int) image.getHeight());
    }
}
