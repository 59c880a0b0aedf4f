package dev.netwright.app.tryit;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * An attention matrix as a heat map: row i (a query token) says how much token i takes from each column's token (a
 * key), white for nothing and dark red for the largest weight shown. A click on a row chooses that token; the chosen
 * row is outlined.
 */
public final class AttentionMatrixView extends BorderPane {
    static final int SIZE = 196;

    private final ImageView image = new ImageView();
    private final Rectangle chosen = new Rectangle();
    private final Pane picture = new Pane(image, chosen);
    private final Label scale = new Label();
    private int tokens;
    private int cell = 1;
    private IntConsumer onRowChosen = row -> { };

    public AttentionMatrixView() {
        setId("tryit-attention-matrix");
        image.setId("tryit-attention-image");
        image.setSmooth(false);
        chosen.setFill(Color.TRANSPARENT);
        chosen.setStroke(Color.rgb(20, 110, 220));
        chosen.setStrokeWidth(2);
        chosen.setMouseTransparent(true);
        chosen.setVisible(false);
        picture.setStyle("-fx-border-color: #999;");
        picture.setOnMouseClicked(e -> {
            int row = (int) (e.getY() / cell);
            if (tokens > 0 && row >= 0 && row < tokens) {
                onRowChosen.accept(row);
            }
        });
        Label keys = new Label("keys: the rows attended to →");
        Label queries = new Label("queries ↓");
        queries.setRotate(-90);
        queries.setMinWidth(16);
        scale.setWrapText(true);
        scale.setMaxWidth(SIZE + 20);
        scale.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped, not cut short
        for (Label label : new Label[] {keys, queries, scale}) {
            label.setStyle("-fx-font-size: 10px; -fx-text-fill: #555;");
        }
        Pane side = new javafx.scene.layout.StackPane(new javafx.scene.Group(queries));
        side.setPadding(new Insets(0, 2, 0, 0));
        setTop(keys);
        setLeft(side);
        setCenter(picture);
        setBottom(scale);
        keys.setPadding(new Insets(0, 0, 0, 20));
        BorderPane.setAlignment(keys, Pos.CENTER_LEFT);
        BorderPane.setAlignment(scale, Pos.CENTER_LEFT);
        BorderPane.setAlignment(picture, Pos.TOP_LEFT);
    }

    /** Told the row (query token) the user clicked. */
    public void setOnRowChosen(IntConsumer chosenRow) {
        this.onRowChosen = chosenRow;
    }

    /** Shows {@code matrix[query][key]}, with row {@code row} outlined (null: none); null clears it. */
    public void show(double[][] matrix, Integer row) {
        if (matrix == null || matrix.length == 0) {
            tokens = 0;
            image.setImage(null);
            chosen.setVisible(false);
            scale.setText("");
            return;
        }
        tokens = matrix.length;
        cell = Math.max(1, SIZE / tokens);
        double max = 0;
        for (double[] r : matrix) {
            for (double w : r) {
                max = Math.max(max, w);
            }
        }
        int side = tokens * cell;
        int[] argb = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                argb[y * side + x] = colour(max == 0 ? 0 : matrix[y / cell][x / cell] / max);
            }
        }
        WritableImage written = new WritableImage(side, side);
        written.getPixelWriter().setPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), argb, 0, side);
        image.setImage(written);
        picture.setPrefSize(side, side);
        picture.setMaxSize(side, side);
        chosen.setVisible(row != null && row < tokens);
        if (row != null) {
            chosen.setX(0);
            chosen.setY(row * cell);
            chosen.setWidth(side);
            chosen.setHeight(cell);
        }
        scale.setText(String.format(Locale.ROOT, "%d×%d tokens; white 0, dark red %.3f (uniform %.3f). "
                + "Click a row to choose it.", tokens, tokens, max, 1.0 / tokens));
    }

    /** From white (0) to dark red (1). */
    static int colour(double share) {
        double s = Math.max(0, Math.min(1, share));
        int r = (int) Math.round(255 - s * (255 - 160));
        int g = (int) Math.round(255 - s * 255);
        int b = (int) Math.round(255 - s * 255);
        return 0xff << 24 | r << 16 | g << 8 | b;
    }
}
