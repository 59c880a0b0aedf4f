package dev.netwright.app.data;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/** The first example images as tiles, each picture enlarged to about 56 pixels with its class name under it. */
final class SampleGrid extends TilePane {
    /** 28-pixel Fashion-MNIST pictures at twice their size; other sizes are fitted to the same box. */
    static final double TILE_PICTURE = 56;

    SampleGrid() {
        getStyleClass().add("sample-grid");
        setPrefColumns(8);
        setHgap(6);
        setVgap(6);
    }

    void show(DataPreview.Images images) {
        getChildren().setAll(images.samples().stream().map(SampleGrid::tile).toList());
    }

    private static VBox tile(DataPreview.SampleImage sample) {
        WritableImage image = new WritableImage(sample.width(), sample.height());
        image.getPixelWriter().setPixels(0, 0, sample.width(), sample.height(), PixelFormat.getIntArgbInstance(),
                sample.argb(), 0, sample.width());
        ImageView view = new ImageView(image);
        double scale = TILE_PICTURE / Math.max(sample.width(), sample.height());
        view.setFitWidth(sample.width() * scale);
        view.setFitHeight(sample.height() * scale);
        // Enlarged pixels stay sharp squares, as the network sees them; shrunk pictures are smoothed.
        view.setSmooth(scale < 1);
        Label label = new Label(sample.label());
        label.getStyleClass().add("sample-label");
        label.setMaxWidth(TILE_PICTURE + 16);
        VBox tile = new VBox(2, view, label);
        tile.setAlignment(Pos.TOP_CENTER);
        tile.getStyleClass().add("sample-tile");
        return tile;
    }
}
