package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks data against a design before training. Images fit an image Input of the same H, W, C; a sequence Input
 * with steps = H and features = W·C (one image row per step); and a vector Input of H·W·C. CSV rows have no
 * shape of their own, so they fit any Input that holds as many values (see {@link Views} for the order).
 */
public final class DataFit {

    private DataFit() {
    }

    /** Empty when the data fits, else a message that gives both sides, e.g. both shapes or both counts. */
    public static Optional<String> problem(Shape input, String outputNodeId, int outputUnits, Examples data) {
        List<String> problems = new ArrayList<>();
        shapeProblem(input, data).ifPresent(problems::add);
        if (data.numClasses() < 2) {
            problems.add("The data has only " + Texts.count(data.numClasses(), "class", "classes") + ", and a "
                    + "classifier needs at least 2: no number of units on the Output '" + outputNodeId + "' fits it. "
                    + "Check the data's labels.");
        } else if (data.numClasses() != outputUnits) {
            problems.add("The data has " + data.numClasses() + " classes, but the Output '" + outputNodeId + "' has "
                    + Texts.count(outputUnits, "unit", "units") + ". Set its units to " + data.numClasses() + ".");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
    }

    static Optional<String> shapeProblem(Shape input, Examples data) {
        Objects.requireNonNull(input, "input");
        boolean rowsFit = data.isTabular() && input.elements() == data.width();
        if (rowsFit || fits(input, data.height(), data.width(), data.channels())) {
            return Optional.empty();
        }
        return Optional.of("The design's Input expects " + describe(input) + ", but the data has "
                + data.describeShape());
    }

    private static boolean fits(Shape input, int h, int w, int c) {
        if (input instanceof Shape.Image image) {
            return image.height() == h && image.width() == w && image.channels() == c;
        }
        if (input instanceof Shape.Sequence seq) {
            return seq.steps() == h && seq.features() == (long) w * c;
        }
        return input instanceof Shape.Vector vector && vector.size() == (long) h * w * c;
    }

    /** The Input's shape in the plural, as the data's is: "28×28×1 images". */
    static String describe(Shape input) {
        if (input instanceof Shape.Image image) {
            return image.label() + " images";
        }
        if (input instanceof Shape.Sequence seq) {
            return "sequences of " + seq.steps() + " steps × " + seq.features() + " features";
        }
        return "vectors of " + ((Shape.Vector) input).size() + " values";
    }
}
