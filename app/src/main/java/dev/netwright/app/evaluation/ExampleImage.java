package dev.netwright.app.evaluation;

import dev.netwright.app.data.ExamplePixels;
import dev.netwright.runtime.data.Examples;
import javafx.scene.image.PixelFormat;
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
        int width = w * scale;
        int[] scaled = new int[width * h * scale];
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < width; x++) {
                scaled[y * width + x] = argb[(y / scale) * w + x / scale];
            }
        }
        // One bulk write: setArgb per pixel goes through the image's pixel accessor each time
        WritableImage image = new WritableImage(width, h * scale);
        image.getPixelWriter().setPixels(0, 0, width, h * scale, PixelFormat.getIntArgbInstance(), scaled, 0, width);
        return image;
    }
}
