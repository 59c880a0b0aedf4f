package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads inputs to predict on, outside any data set: an image file (decoded, resized and read as grayscale or RGB as an
 * image folder's images are) or the rows of a CSV file of feature values. The values are raw, as a data source gives
 * them; the run's {@link Normalisation.Fitted} comes after, as for its training data.
 */
public final class InputFiles {
    /** The image file extensions read, as an image folder's. */
    private static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "gif", "bmp");

    private InputFiles() {
    }

    /**
     * Inputs read from a file, as unlabelled examples (labels 0, one class named "?"), and what was changed to fit the
     * Input (a resize, a colour conversion, a label column left out) in words.
     */
    public record Read(Examples examples, List<String> notes) {
        public Read {
            notes = List.copyOf(notes);
        }
    }

    /** True for a file named like an image (PNG, JPEG, GIF, BMP), false for anything else (read as CSV). */
    public static boolean isImageFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** One image, resized to the Input's height × width and read with its channels (1 gray, 3 RGB). */
    public static Read image(Path file, Shape input) throws DataException {
        int[] hwc = ImageFolderSource.targetShape(input);
        DataFiles.requireRegularFile(file);
        BufferedImage decoded = ImageFolderSource.decode(file, HeapRoom.ofThisProcess());
        List<String> notes = new ArrayList<>();
        if (decoded.getWidth() != hwc[1] || decoded.getHeight() != hwc[0]) {
            notes.add(file.getFileName() + " is " + decoded.getWidth() + "×" + decoded.getHeight()
                    + " pixels: resized to the model's " + hwc[1] + "×" + hwc[0]);
        }
        int colours = decoded.getColorModel().getNumColorComponents();
        if (colours != hwc[2]) {
            notes.add(file.getFileName() + (colours == 1 ? " is grayscale: read as RGB (three equal channels)"
                    : " is in colour: read as grayscale, as the model takes 1 channel"));
        }
        float[] features = new float[hwc[0] * hwc[1] * hwc[2]];
        ImagePixels.write(decoded, hwc[0], hwc[1], hwc[2], features, 0);
        return new Read(new Examples(features, new int[1], hwc[0], hwc[1], hwc[2], List.of("?")), notes);
    }

    /**
     * The rows of a CSV file, each {@code features} numbers (a row with one more field has a label column, the
     * last, which is left out with a note). A first row of names is a header and skipped. A missing or non-numeric
     * value is refused, naming its line and column.
     */
    public static Read csvRows(Path file, int features) throws DataException {
        long bytes = DataFiles.requireRegularFile(file);
        // read whole as lines: refused with the figures before a file too big for the heap is read
        HeapRoom.ofThisProcess().require(3 * bytes, file.toString(), "as text");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DataFiles.cannotRead(file, e);
        }
        List<float[]> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        char delimiter = 0;
        boolean labelNoted = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (delimiter == 0) {
                delimiter = CsvLine.guessDelimiter(line);
            }
            List<String> fields = CsvLine.split(line, delimiter);
            if (rows.isEmpty() && fields.stream().noneMatch(CsvLine::isNumber)) {
                continue; // a header
            }
            if (fields.size() != features && fields.size() != features + 1) {
                throw new DataException(file + ", line " + (i + 1) + ": " + fields.size() + " values, but the model "
                        + "takes " + features + " features per row");
            }
            if (fields.size() == features + 1 && !labelNoted) {
                notes.add(file.getFileName() + ": rows have " + (features + 1) + " values; the last is taken as the "
                        + "label column and left out");
                labelNoted = true;
            }
            float[] row = new float[features];
            for (int c = 0; c < features; c++) {
                String value = fields.get(c);
                if (value.isEmpty()) {
                    throw new DataException(file + ", line " + (i + 1) + ", column " + (c + 1) + ": the value is missing");
                }
                if (!CsvLine.isNumber(value)) {
                    throw new DataException(file + ", line " + (i + 1) + ", column " + (c + 1) + ": '" + value
                            + "' is not a number");
                }
                row[c] = Float.parseFloat(value);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DataException(file + ": no rows of values");
        }
        float[] all = new float[rows.size() * features];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, all, r * features, features);
        }
        return new Read(new Examples(all, new int[rows.size()], 1, features, 1, List.of("?")), notes);
    }

    /**
     * One row typed by the user, a value per feature named in {@code names}: a missing or non-numeric value is refused
     * naming its column ("Column 'petal_width': 'abc' is not a number").
     */
    public static Read row(List<String> values, List<String> names) throws DataException {
        if (values.size() != names.size()) {
            throw new DataException(values.size() + " values, but the model takes " + names.size() + " features per row ("
                    + String.join(", ", names) + ")");
        }
        float[] row = new float[names.size()];
        for (int c = 0; c < row.length; c++) {
            String value = values.get(c) == null ? "" : values.get(c).strip();
            String column = "Column '" + names.get(c) + "'";
            if (value.isEmpty()) {
                throw new DataException(column + ": the value is missing");
            }
            if (!CsvLine.isNumber(value)) {
                throw new DataException(column + ": '" + value + "' is not a number (plain decimals such as -1.5 or "
                        + "2e-3)");
            }
            row[c] = Float.parseFloat(value);
            if (!Float.isFinite(row[c])) {
                throw new DataException(column + ": " + value + " is too large for a 32-bit float");
            }
        }
        return new Read(new Examples(row, new int[1], 1, row.length, 1, List.of("?")), List.of());
    }
}
