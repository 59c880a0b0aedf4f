package dev.netwright.charts.fx;

import dev.netwright.runtime.train.TrainingEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One layer's sampled signals drawn over iterations; what cannot be drawn is left out. */
@ExtendWith(ApplicationExtension.class)
class LayerSignalsChartTest {
    private LayerSignalsChart chart;

    @Start
    void start(Stage stage) {
        chart = new LayerSignalsChart();
    }

    static TrainingEvent.LayerSignals layer(String node, String layer, double ratio, double gradient, double mean) {
        return new TrainingEvent.LayerSignals(node, layer, "relu", 100, 5, gradient, ratio, mean, 0.5, 0, Double.NaN);
    }

    @Test
    void theChosenNodesFiguresAreDrawnAtTheirIterations() {
        chart.show(List.of(new TrainingEvent.Signals(1, 5, 3, List.of(layer("a", "a", 1e-3, 0.5, 0.2),
                        layer("b", "b", 2e-3, 0.4, 0.1))),
                new TrainingEvent.Signals(1, 10, 3, List.of(layer("a", "a", 2e-3, 0.3, 0.3), layer("b", "b", 3e-3, 0.2, 0.1)))),
                "a");

        assertThat(chart.pointCounts()).containsExactly(2, 2, 2, 2);
        assertThat(chart.titleText()).isEqualTo("Signals of a (2 samples)");
        org.jfree.data.Range iterations = chart.chart().getXYPlot().getDomainAxis().getRange();
        assertThat(iterations.getLowerBound()).as("the axis ranges to the samples drawn").isLessThanOrEqualTo(5);
        assertThat(iterations.getUpperBound()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aRatioOfNothingAndAMissingNodeAreNotDrawn() {
        chart.show(List.of(new TrainingEvent.Signals(1, 5, 3, List.of(layer("a", "a", Double.NaN, 0, Double.NaN)))),
                "a");
        assertThat(chart.pointCounts()).containsExactly(0, 0, 0, 1);

        chart.show(List.of(new TrainingEvent.Signals(1, 5, 3, List.of(layer("a", "a", 1e-3, 1, 1)))), "gone");
        assertThat(chart.pointCounts()).containsExactly(0, 0, 0, 0);
        assertThat(chart.titleText()).isEqualTo("No signals of gone in this run");
    }

    @Test
    void aNodeOfSeveralLayersIsDrawnFromItsLastOne() {
        chart.show(List.of(new TrainingEvent.Signals(1, 5, 3, List.of(layer("block", "block_attention", 1e-3, 1, 1),
                layer("block", "block_ff", 2e-3, 1, 1)))), "block");

        assertThat(chart.pointCounts()).containsExactly(1, 1, 1, 1);
    }
}
