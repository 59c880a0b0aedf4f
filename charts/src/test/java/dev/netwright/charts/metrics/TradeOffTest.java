package dev.netwright.charts.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TradeOffTest {
    private static TradeOff.Point point(String label, double accuracy, long bytes, double ms) {
        return new TradeOff.Point(label, accuracy, bytes, ms, label.equals("original"));
    }

    @Test
    void theFrontHoldsThePointsNothingElseBeatsOnBothCheapestFirst() {
        List<TradeOff.Point> points = List.of(point("original", 0.90, 380_000, 0.10),
                point("prune 50%", 0.89, 200_000, 0.10), point("prune 70%", 0.86, 140_000, 0.10),
                point("worse and bigger", 0.85, 300_000, 0.20), point("int8", 0.90, 107_000, 0.09),
                point("prune 90%", 0.51, 56_000, 0.10));

        assertThat(TradeOff.front(points, TradeOff.Cost.SIZE)).extracting(TradeOff.Point::label)
                .containsExactly("prune 90%", "int8");
        assertThat(TradeOff.front(points, TradeOff.Cost.LATENCY)).extracting(TradeOff.Point::label)
                .containsExactly("int8");
    }

    @Test
    void anEqualCostKeepsOnlyTheMoreAccurateAndUnknownCostsTakeNoPart() {
        List<TradeOff.Point> points = List.of(point("original", 0.90, 100, Double.NaN), point("a", 0.80, 100, 1.0),
                point("b", 0.95, 200, 2.0));

        assertThat(TradeOff.front(points, TradeOff.Cost.SIZE)).extracting(TradeOff.Point::label)
                .containsExactly("original", "b");
        assertThat(TradeOff.front(points, TradeOff.Cost.LATENCY)).extracting(TradeOff.Point::label)
                .containsExactly("a", "b");
        assertThat(TradeOff.front(List.of(), TradeOff.Cost.SIZE)).isEmpty();
    }
}
