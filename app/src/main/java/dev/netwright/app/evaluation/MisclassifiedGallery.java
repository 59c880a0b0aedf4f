package dev.netwright.app.evaluation;

import dev.netwright.charts.fx.ConfusionMatrixChart;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * The misclassified validation samples, most confident mistakes first: picture (when the data are images),
 * true and predicted class, confidence. A confusion-matrix cell filters it to that cell's samples: the mistakes of
 * an off-diagonal cell, the correctly classified samples of its class for a diagonal one.
 */
public final class MisclassifiedGallery extends BorderPane {
    /** More tiles than this are not drawn at once; the header says how many there are. */
    static final int MAX_TILES = 200;

    private final TilePane tiles = new TilePane(6, 6);
    private final Label header = new Label();
    private TrainingEvent.Evaluation evaluation;
    private Examples samples;
    private ConfusionMatrixChart.Cell filter;
    private List<TrainingEvent.Misclassified> shown = List.of();
    private IntConsumer onExplain;

    public MisclassifiedGallery() {
        setId("gallery");
        tiles.setId("gallery-tiles");
        header.setId("gallery-header");
        tiles.setPadding(new Insets(6));
        tiles.setPrefColumns(6);
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        header.setPadding(new Insets(4, 6, 4, 6));
        setTop(header);
        setCenter(scroll);
        render();
    }

    /** Shows a run's mistakes; {@code validation} may be null while the pictures are still loading (or for non-image data). */
    public void show(TrainingEvent.Evaluation evaluation, Examples validation) {
        this.evaluation = evaluation;
        this.samples = validation;
        this.filter = null;
        render();
    }

    /** Only the samples of one confusion-matrix cell (actual, predicted); null shows all mistakes. */
    public void filter(ConfusionMatrixChart.Cell cell) {
        this.filter = cell;
        render();
    }

    /** Shows an "Explain" link on each picture, which hands its sample's index to {@code listener} (Try it). */
    public void setOnExplain(IntConsumer listener) {
        onExplain = listener;
        render();
    }

    /** The samples now listed, in order (all of them, also those beyond the drawn tiles). */
    public List<TrainingEvent.Misclassified> shown() {
        return shown;
    }

    private void render() {
        tiles.getChildren().clear();
        if (evaluation == null) {
            shown = List.of();
            header.setText("Train a design to see the samples it gets wrong.");
            return;
        }
        List<String> names = evaluation.classNames();
        boolean diagonal = filter != null && filter.actual() == filter.predicted();
        shown = (diagonal ? evaluation.correct() : evaluation.misclassified()).stream()
                .filter(m -> filter == null || (m.actual() == filter.actual() && m.predicted() == filter.predicted()))
                .sorted(Comparator.comparingDouble(TrainingEvent.Misclassified::confidence).reversed())
                .toList();
        String scope = filter == null ? "All misclassified " + evaluation.set() + " samples"
                : "True " + names.get(filter.actual()) + ", predicted " + names.get(filter.predicted())
                + (diagonal ? " (correct)" : "");
        String note = shown.size() > MAX_TILES ? " (the " + MAX_TILES + " most confident shown)" : "";
        int counted = filter == null ? shown.size() : evaluation.confusion()[filter.actual()][filter.predicted()];
        if (counted > shown.size()) {
            // an evaluation.json written before the correctly classified samples were kept
            note = " of " + counted + " (this evaluation does not list them: evaluate the run again)";
        }
        header.setText(String.format(Locale.ROOT, "%s: %d%s", scope, shown.size(), note));
        boolean pictures = samples != null && ExampleImage.isImage(samples);
        for (TrainingEvent.Misclassified m : shown.subList(0, Math.min(MAX_TILES, shown.size()))) {
            VBox tile = new VBox(2);
            tile.setAlignment(Pos.CENTER);
            tile.getStyleClass().add("gallery-tile");
            tile.setStyle("-fx-border-color: #ddd; -fx-padding: 3;");
            if (pictures && m.index() < samples.size()) {
                tile.getChildren().add(new ImageView(ExampleImage.of(samples, m.index(), 2)));
            }
            Label text = new Label(names.get(m.actual()) + "\n→ " + names.get(m.predicted())
                    + String.format(Locale.ROOT, " %.0f%%", m.confidence() * 100));
            text.setStyle("-fx-font-size: 10px;");
            tile.getChildren().add(text);
            if (pictures && onExplain != null) {
                Hyperlink explain = new Hyperlink("Explain");
                explain.getStyleClass().add("gallery-explain");
                explain.setStyle("-fx-font-size: 10px; -fx-padding: 0;");
                int index = m.index();
                explain.setOnAction(e -> onExplain.accept(index));
                tile.getChildren().add(explain);
            }
            Tooltip.install(tile, new Tooltip(capitalised(evaluation.set()) + " sample #" + m.index() + ": true " + names.get(m.actual())
                    + ", predicted " + names.get(m.predicted()) + String.format(Locale.ROOT, " with %.1f%% confidence", m.confidence() * 100)));
            tile.setUserData(m);
            tiles.getChildren().add(tile);
        }
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
