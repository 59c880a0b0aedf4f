package dev.netwright.app.data;

import java.util.List;
import java.util.Objects;

/** The first few examples of a data set as the panel shows them: pictures with labels, or rows of a table. */
public sealed interface DataPreview {

    /** Images as ARGB pixels (row-major, {@code width × height}) with the name of each one's class. */
    record Images(List<SampleImage> samples) implements DataPreview {
        public Images {
            samples = List.copyOf(samples);
        }
    }

    /** The first rows of a CSV file as written, with a header per column; the label column's header says so. */
    record Table(List<String> headers, List<List<String>> rows) implements DataPreview {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** One example image, ready for a pixel writer. */
    record SampleImage(int width, int height, int[] argb, String label) {
        public SampleImage {
            Objects.requireNonNull(argb, "argb");
            Objects.requireNonNull(label, "label");
            if (argb.length != width * height) {
                throw new IllegalArgumentException(width + "×" + height + " pixels expected, got " + argb.length);
            }
        }
    }
}
