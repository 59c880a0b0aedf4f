package dev.netwright.app.evaluation;

import dev.netwright.app.data.ExamplePixels;
import dev.netwright.runtime.data.Examples;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/** Draws one example of image data (values 0..255, channels last) as a JavaFX image, scaled up by a whole factor. */
public final class ExampleImage {
    private ExampleImage() {
    }

    /** Whether the examples are pictures (CSV rows are 1 × N and are not). */
    public static boolean isImage(Examples examples) {
        return examples.height() > 1 && examples.width() > 1 && (examples.channels() == 1 || examples.channels() == 3);
    }

    public static WritableImage of(Examples examples, int index, int scale) {
        int h = examples.height();
        int w = examples.width();
        int[] argb = ExamplePixels.argb(examples, index);
        WritableImage image = new WritableImage(w * scale, h * scale);
        PixelWriter out = image.getPixelWriter();
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                out.setArgb(x, y, argb[(y / scale) * w + x / scale]);
            }
        }
        return image;
    }
}
