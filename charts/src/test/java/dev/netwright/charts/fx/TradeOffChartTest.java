package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.TradeOff;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trade-off chart on a real (headless) JavaFX stage. */
@ExtendWith(ApplicationExtension.class)
class TradeOffChartTest {
    private TradeOffChart chart;

    private final List<TradeOff.Point> points = List.of(
            new TradeOff.Point("original", 0.88, 380 * 1024, 0.10, true),
            new TradeOff.Point("int8", 0.88, 105 * 1024, 0.11, false),
            new TradeOff.Point("prune 90%", 0.86, 60 * 1024, Double.NaN, false),
            new TradeOff.Point("prune 50%", 0.85, 200 * 1024, 0.09, false));

    @Start
    void start(Stage stage) {
        chart = new TradeOffChart();
        chart.viewer().setPrefSize(500, 350);
        stage.setScene(new Scene(chart.viewer(), 500, 350));
        stage.show();
    }

    @Test
    void sizesAreDrawnInKilobytesWithTheParetoFrontJoined(FxRobot robot) {
        robot.interact(() -> chart.show(points, TradeOff.Cost.SIZE));

        XYDataset data = ((XYPlot) chart.chart().getPlot()).getDataset();
        assertThat(chart.frontLabels()).containsExactly("prune 90%", "int8");
        assertThat(chart.pointLabels()).as("the original, then the front's points, then the others")
                .containsExactly("original", "prune 90%", "int8", "prune 50%");
        assertThat(data.getItemCount(1)).as("the original, on its own series").isEqualTo(1);
        assertThat(data.getXValue(1, 0)).isEqualTo(380.0);
        assertThat(data.getYValue(1, 0)).isEqualTo(0.88);
        assertThat(((XYPlot) chart.chart().getPlot()).getDomainAxis().getLabel()).isEqualTo("model size (KB)");
    }

    @Test
    void againstLatencyAVariantWithoutOneIsLeftOut(FxRobot robot) {
        robot.interact(() -> chart.show(points, TradeOff.Cost.LATENCY));

        assertThat(chart.pointLabels()).containsExactly("original", "prune 50%", "int8");
        assertThat(chart.frontLabels()).containsExactly("prune 50%", "original");
        assertThat(((XYPlot) chart.chart().getPlot()).getDomainAxis().getLabel())
                .isEqualTo("latency per sample (ms)");
    }

    @Test
    void crowdedLabelsAreMovedLeftOrLeftOutButNeverDrawnOverEachOther(FxRobot robot) {
        List<TradeOff.Point> crowded = List.of(
                new TradeOff.Point("original", 0.7559, 340 * 1024, 0.1, true),
                new TradeOff.Point("structured 50%, 1 epoch", 0.7650, 88 * 1024, 0.1, false),
                new TradeOff.Point("prune 90% global, gradual, 1 epoch", 0.7349, 69 * 1024, 0.1, false),
                new TradeOff.Point("distil into student.json (α 0.5, T 4.0)", 0.7353, 78 * 1024, 0.1, false),
                new TradeOff.Point("prune 70% global", 0.7363, 134 * 1024, 0.1, false),
                new TradeOff.Point("prune 70% layer", 0.7362, 136 * 1024, 0.1, false));
        robot.interact(() -> chart.show(crowded, TradeOff.Cost.SIZE));

        chart.chart().createBufferedImage(500, 350); // one drawing, as the viewer makes

        List<String> shown = chart.shownLabels();
        assertThat(shown).contains("original", "structured 50%, 1 epoch", "prune 90% global, gradual, 1 epoch");
        assertThat(shown).as("the labels of points a few pixels apart cannot all fit").hasSizeLessThan(crowded.size());
        assertThat(shown).doesNotHaveDuplicates();
    }
}
