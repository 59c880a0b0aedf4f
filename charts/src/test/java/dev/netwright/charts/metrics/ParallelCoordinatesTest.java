package dev.netwright.charts.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ParallelCoordinatesTest {
    private static ParallelCoordinates.Row row(String label, double score, Object... values) {
        return new ParallelCoordinates.Row(label, Arrays.asList(values), score);
    }

    @Test
    void numbersArePlacedByTheirRangeAndTheScoreIsTheLastAxis() {
        ParallelCoordinates picture = ParallelCoordinates.of(List.of("batch"), List.of(
                row("trial-001", 0.80, 32), row("trial-002", 0.90, 64), row("trial-003", 0.85, 48)), "best val. acc.");

        assertThat(picture.axes()).extracting(ParallelCoordinates.Axis::name).containsExactly("batch", "best val. acc.");
        assertThat(picture.lines().get(0).positions()).containsExactly(0, 0);
        assertThat(picture.lines().get(1).positions()).containsExactly(1, 1);
        assertThat(picture.lines().get(2).positions()[0]).isCloseTo(0.5, within(1e-12));
        assertThat(picture.lines().get(2).positions()[1]).isCloseTo(0.5, within(1e-12));
        assertThat(picture.axes().get(0).ticks()).extracting(ParallelCoordinates.Tick::label).containsExactly("32", "64");
        assertThat(picture.lines()).extracting(ParallelCoordinates.Line::best).containsExactly(false, true, false);
    }

    @Test
    void valuesSpanningTwentyTimesOrMoreAreOnALogScale() {
        ParallelCoordinates picture = ParallelCoordinates.of(List.of("lr"), List.of(
                row("a", 0.7, 1e-4), row("b", 0.8, 1e-3), row("c", 0.75, 1e-2)), "acc");

        assertThat(picture.lines().get(1).positions()[0]).as("1e-3 is half way between 1e-4 and 1e-2 on a log scale")
                .isCloseTo(0.5, within(1e-12));
        assertThat(picture.axes().get(0).ticks()).extracting(ParallelCoordinates.Tick::label)
                .containsExactly("0.0001", "0.01");
    }

    @Test
    void namesArePlacedEvenlyInSortedOrder() {
        ParallelCoordinates picture = ParallelCoordinates.of(List.of("optimizer"), List.of(
                row("a", 0.7, "sgd"), row("b", 0.8, "adam"), row("c", 0.75, "nesterovs"), row("d", 0.6, "adam")), "acc");

        assertThat(picture.lines()).extracting(l -> l.positions()[0]).containsExactly(1.0, 0.0, 0.5, 0.0);
        assertThat(picture.axes().get(0).ticks()).extracting(ParallelCoordinates.Tick::label)
                .containsExactly("adam", "nesterovs", "sgd");
    }

    @Test
    void aTrialWithoutAScoreIsNotTheBestAndHasNoPlaceOnTheScoreAxis() {
        ParallelCoordinates picture = ParallelCoordinates.of(List.of("units"), List.of(
                row("running", Double.NaN, 128), row("done", 0.8, 32)), "acc");

        assertThat(picture.lines().get(0).positions()[1]).isNaN();
        assertThat(picture.lines().get(0).best()).isFalse();
        assertThat(picture.lines().get(1).best()).isTrue();
        assertThat(picture.axes().get(1).ticks()).extracting(ParallelCoordinates.Tick::label).containsExactly("0.8");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefused() {
        assertThatThrownBy(() -> ParallelCoordinates.of(List.of("lr", "batch"), List.of(row("a", 0.5, 0.01)), "acc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a has 1 values for 2 dimensions");
    }
}
