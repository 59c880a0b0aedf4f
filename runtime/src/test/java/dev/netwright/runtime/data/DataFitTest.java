package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DataFitTest {

    private static Examples empty(int h, int w, int c, int classes) {
        List<String> names = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        return new Examples(new float[0], new int[0], h, w, c, names);
    }

    @Test
    void matchingImagesFit() {
        assertThat(DataFit.problem(new Shape.Image(28, 28, 1), "output", 10, empty(28, 28, 1, 10))).isEmpty();
    }

    @Test
    void aWrongImageSizeGivesBothShapes() {
        assertThat(DataFit.problem(new Shape.Image(28, 28, 1), "output", 10, empty(32, 32, 3, 10)))
                .contains("The design's Input expects 28×28×1 images, but the data has 32×32×3 images");
    }

    @Test
    void moreClassesThanOutputUnitsGivesBothCounts() {
        assertThat(DataFit.problem(new Shape.Image(28, 28, 1), "output", 10, empty(28, 28, 1, 12)))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("The data has 12 classes, but the Output 'output' has 10 units")
                        .contains("Set its units to 12"));
    }

    @Test
    void aSingleClassIsAProblemWhateverTheUnits() {
        assertThat(DataFit.problem(new Shape.Vector(4), "out", 1, empty(1, 4, 1, 1)))
                .contains("The data has only 1 class, and a classifier needs at least 2: no number of units on the "
                        + "Output 'out' fits it. Check the data's labels.");
        assertThat(DataFit.problem(new Shape.Vector(4), "out", 10, empty(1, 4, 1, 1)))
                .hasValueSatisfying(message -> assertThat(message).contains("only 1 class")
                        .doesNotContain("1 classes").doesNotContain("Set its units"));
    }

    @Test
    void oneUnitIsNotPlural() {
        assertThat(DataFit.problem(new Shape.Vector(4), "out", 1, empty(1, 4, 1, 3)))
                .contains("The data has 3 classes, but the Output 'out' has 1 unit. Set its units to 3.");
    }

    @Test
    void bothProblemsAreReportedTogether() {
        assertThat(DataFit.problem(new Shape.Vector(10), "out", 2, empty(28, 28, 1, 3)))
                .hasValueSatisfying(message -> assertThat(message.lines()).hasSize(2));
    }

    @Test
    void imagesFitASequenceInputRowByRow() {
        assertThat(DataFit.problem(new Shape.Sequence(28, 28), "output", 10, empty(28, 28, 1, 10))).isEmpty();
        assertThat(DataFit.problem(new Shape.Sequence(32, 96), "output", 10, empty(32, 32, 3, 10))).isEmpty();
        assertThat(DataFit.problem(new Shape.Sequence(28, 14), "output", 10, empty(28, 28, 1, 10)))
                .contains("The design's Input expects sequences of 28 steps × 14 features, but the data has "
                        + "28×28×1 images");
    }

    @Test
    void imagesFitAVectorInputOfAllTheirValues() {
        assertThat(DataFit.problem(new Shape.Vector(784), "output", 10, empty(28, 28, 1, 10))).isEmpty();
        assertThat(DataFit.problem(new Shape.Vector(100), "output", 10, empty(28, 28, 1, 10)))
                .contains("The design's Input expects vectors of 100 values, but the data has 28×28×1 images");
    }

    @Test
    void csvRowsFitAnyInputOfAsManyValues() {
        Examples rows = empty(1, 784, 1, 10);

        assertThat(DataFit.problem(new Shape.Image(28, 28, 1), "output", 10, rows)).isEmpty();
        assertThat(DataFit.problem(new Shape.Sequence(28, 28), "output", 10, rows)).isEmpty();
        assertThat(DataFit.problem(new Shape.Image(28, 28, 3), "output", 10, rows))
                .contains("The design's Input expects 28×28×3 images, but the data has rows of 784 features");
    }

    @Test
    void csvRowsAreDescribedAsRows() {
        assertThat(DataFit.problem(new Shape.Vector(5), "output", 3, empty(1, 4, 1, 3)))
                .contains("The design's Input expects vectors of 5 values, but the data has rows of 4 features");
        assertThat(DataFit.problem(new Shape.Vector(4), "output", 3, empty(1, 4, 1, 3))).isEmpty();
    }
}
