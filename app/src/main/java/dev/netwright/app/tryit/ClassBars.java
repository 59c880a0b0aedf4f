package dev.netwright.app.tryit;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

import java.util.List;
import java.util.Locale;

/** The top classes as a small horizontal bar chart: name, a bar as long as the probability, the percentage. */
public final class ClassBars extends GridPane {
    private static final double WIDTH = 180;
    /**
     * Room for the bars with names up to "Ankle boot (true)" before any prediction too, so that what stands to the
     * right (the Explain button) does not move when one arrives or a longer name comes.
     */
    private static final double MIN_WIDTH = 400;

    public ClassBars() {
        setId("tryit-bars");
        setHgap(6);
        setVgap(4);
        setPadding(new Insets(4));
        setAlignment(Pos.TOP_LEFT);
        setMinWidth(MIN_WIDTH);
    }

    public void show(List<TryItModel.ClassProbability> classes) {
        getChildren().clear();
        int row = 0;
        for (TryItModel.ClassProbability c : classes) {
            Label name = new Label(c.name() + (c.actual() ? " (true)" : ""));
            name.getStyleClass().add("tryit-bar-name");
            Rectangle bar = new Rectangle(Math.max(1, WIDTH * c.probability()), 14);
            bar.setStyle(row == 0 ? "-fx-fill: #2f6fbf;" : "-fx-fill: #8fb3dd;");
            Pane track = new Pane(bar);
            track.setPrefWidth(WIDTH);
            track.setMinWidth(WIDTH);
            Label value = new Label(String.format(Locale.ROOT, "%.1f%%", c.probability() * 100));
            value.getStyleClass().add("tryit-bar-value");
            addRow(row++, name, track, value);
        }
    }
}
