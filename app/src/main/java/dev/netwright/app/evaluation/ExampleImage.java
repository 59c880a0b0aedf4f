package dev.netwright.app.evaluation;

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
        int c = examples.channels();
        float[] f = examples.features();
        int base = index * examples.exampleLength();
        WritableImage image = new WritableImage(w * scale, h * scale);
        PixelWriter out = image.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = base + (y * w + x) * c;
                int r = clamp(f[at]);
                int g = c == 3 ? clamp(f[at + 1]) : r;
                int b = c == 3 ? clamp(f[at + 2]) : r;
                int argb = 0xFF000000 | r << 16 | g << 8 | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setArgb(x * scale + dx, y * scale + dy, argb);
                    }
                }
            }
        }
        return image;
    }

    private static int clamp(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }
}
