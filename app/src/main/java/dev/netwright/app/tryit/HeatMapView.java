package dev.netwright.app.tryit;

import dev.netwright.app.evaluation.ExampleImage;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.explain.SegmentBoundaries;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;

import java.util.Locale;

/**
 * An explanation drawn over the input as the model saw it: red where the pixels speak for the class, blue where they
 * speak against it, stronger where larger; a colour scale from −max to +max beside it, and an opacity slider. When the
 * map is LIME's or SHAP's on segments, the segments' boundaries are drawn over it as thin lines, on by default: the map
 * is one weight per segment, and without its outlines neighbouring segments of like weight read as one blob and a
 * superpixel's edge looks like the model's. A check box hides them.
 */
public final class HeatMapView extends HBox {
    static final int SIZE = 252;
    private static final LinearGradient SIGNED = new LinearGradient(0, 0, 0, 1, true, CycleMethod.NO_CYCLE,
            new Stop(0, Color.rgb(220, 30, 30)), new Stop(0.5, Color.WHITE), new Stop(1, Color.rgb(30, 80, 230)));
    private static final LinearGradient SHARES = new LinearGradient(0, 0, 0, 1, true, CycleMethod.NO_CYCLE,
            new Stop(0, Color.rgb(220, 30, 30)), new Stop(1, Color.WHITE));

    /** The boundaries' colour: a yellow that stands out on the gray input, the red and the blue alike. */
    static final int BOUNDARY = 0xE6FFD400;

    private final ImageView base = new ImageView();
    private final ImageView heat = new ImageView();
    private final ImageView outlines = new ImageView();
    private final CheckBox boundaries = new CheckBox("Segment boundaries");
    private final Slider opacity = new Slider(0, 1, 0.7);
    private final Label top = new Label();
    private final Label bottom = new Label();
    private final Rectangle scale = new Rectangle(14, SIZE - 40, SIGNED);

    public HeatMapView() {
        super(8);
        setId("tryit-heatmap");
        heat.setId("tryit-heat");
        opacity.setId("tryit-opacity");
        outlines.setId("tryit-boundaries-overlay");
        boundaries.setId("tryit-boundaries");
        boundaries.setSelected(true);
        boundaries.setTooltip(new Tooltip("Draw where LIME's or SHAP's segments meet: the parts of the image that were "
                + "switched on and off together"));
        outlines.visibleProperty().bind(boundaries.selectedProperty());
        boundaries.setVisible(false);
        boundaries.managedProperty().bind(boundaries.visibleProperty());
        for (ImageView view : new ImageView[] {base, heat, outlines}) {
            view.setFitWidth(SIZE);
            view.setFitHeight(SIZE);
            view.setPreserveRatio(true);
            view.setSmooth(false);
        }
        heat.opacityProperty().bind(opacity.valueProperty());
        StackPane picture = new StackPane(base, heat, outlines);
        picture.setMinSize(SIZE, SIZE);
        picture.setStyle("-fx-background-color: #222;");
        scale.setStroke(Color.GRAY);
        VBox scaleBox = new VBox(2, top, scale, bottom);
        scaleBox.setAlignment(Pos.CENTER_LEFT);
        top.setStyle("-fx-font-size: 10px;");
        bottom.setStyle("-fx-font-size: 10px;");
        VBox slider = new VBox(2, new Label("Opacity"), opacity, boundaries);
        slider.setPadding(new Insets(0, 0, 0, 4));
        opacity.setPrefWidth(90);
        getChildren().setAll(picture, scaleBox, slider);
    }

    /** The opacity slider (0: the input alone, 1: the map at full strength). */
    public Slider opacity() {
        return opacity;
    }

    /** Whether the segments' boundaries are drawn (when the map has segments). */
    public CheckBox boundaries() {
        return boundaries;
    }

    /** Shows {@code map} (height × width) over the input; null clears the map. */
    public void show(Examples seen, double[] map, int height, int width) {
        show(seen, map, height, width, null);
    }

    /**
     * Shows {@code map} (height × width) over the input, and the boundaries between the segments of
     * {@code segmentOf} (the segment of each pixel; null: a map without segments); null clears the map.
     */
    public void show(Examples seen, double[] map, int height, int width, int[] segmentOf) {
        show(seen, map, height, width, true);
        showBoundaries(map == null ? null : segmentOf, height, width);
    }

    /** Shows {@code map} of shares, none negative (attention weights), with a scale from 0 to its largest value. */
    public void showShares(Examples seen, double[] map, int height, int width) {
        show(seen, map, height, width, false);
        showBoundaries(null, height, width);
    }

    private void showBoundaries(int[] segmentOf, int height, int width) {
        boolean segmented = segmentOf != null && segmentOf.length == height * width && height > 0 && width > 0;
        boundaries.setVisible(segmented);
        if (!segmented) {
            outlines.setImage(null);
            return;
        }
        int scale = Math.max(1, SIZE / Math.max(height, width));
        boolean[] mask = SegmentBoundaries.mask(segmentOf, height, width, scale);
        int w = width * scale;
        int[] argb = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            argb[i] = mask[i] ? BOUNDARY : 0;
        }
        WritableImage image = new WritableImage(w, height * scale);
        image.getPixelWriter().setPixels(0, 0, w, height * scale, PixelFormat.getIntArgbInstance(), argb, 0, w);
        outlines.setImage(image);
    }

    private void show(Examples seen, double[] map, int height, int width, boolean signed) {
        scale.setFill(signed ? SIGNED : SHARES);
        base.setImage(seen == null || !ExampleImage.isImage(seen) ? null
                : ExampleImage.of(seen, 0, Math.max(1, SIZE / Math.max(seen.height(), seen.width()))));
        if (map == null) {
            heat.setImage(null);
            top.setText("");
            bottom.setText("");
            return;
        }
        double max = 0;
        for (double v : map) {
            max = Math.max(max, Math.abs(v));
        }
        // enlarged by a whole factor here: the view's own scaling would blur the pixels
        int scale = Math.max(1, SIZE / Math.max(height, width));
        int[] argb = new int[map.length * scale * scale];
        int w = width * scale;
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < w; x++) {
                double v = map[(y / scale) * width + x / scale];
                argb[y * w + x] = colour(max == 0 ? 0 : v / max);
            }
        }
        WritableImage image = new WritableImage(w, height * scale);
        image.getPixelWriter().setPixels(0, 0, w, height * scale, PixelFormat.getIntArgbInstance(), argb, 0, w);
        heat.setImage(image);
        top.setText(String.format(Locale.ROOT, signed ? "%+.3g" : "%.3g", max));
        bottom.setText(signed ? String.format(Locale.ROOT, "%+.3g", -max) : "0");
    }

    /** Red for evidence for the class, blue against, as transparent as the share of the largest is small. */
    static int colour(double share) {
        int alpha = (int) Math.round(Math.min(1, Math.abs(share)) * 255);
        int rgb = share >= 0 ? 0xdc1e1e : 0x1e50e6;
        return alpha << 24 | rgb;
    }
}
