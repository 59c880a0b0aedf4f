package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.FeatureAttributions;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-feature attribution chart on a real (headless) JavaFX stage. */
@ExtendWith(ApplicationExtension.class)
class FeatureAttributionChartTest {
    private FeatureAttributionChart chart;

    @Start
    void start(Stage stage) {
        chart = new FeatureAttributionChart();
        stage.setScene(new Scene(chart.viewer(), 400, 300));
        stage.show();
    }

    @Test
    void barsRunHorizontallyLargestFirstWithEAndFxUnderTheTitle(FxRobot robot) {
        FeatureAttributions shap = new FeatureAttributions("shap", List.of("sepal", "petal", "stem"),
                new double[] {0.05, -0.3, 0.2}, 0.33, 0.28);
        robot.interact(() -> chart.show(shap, "KernelSHAP for virginica"));

        CategoryPlot plot = (CategoryPlot) chart.chart().getPlot();
        assertThat(plot.getOrientation()).isEqualTo(PlotOrientation.HORIZONTAL);
        assertThat(chart.bars()).containsExactly("petal", "stem", "sepal");
        assertThat(chart.barValues()).containsExactly(-0.3, 0.2, 0.05);
        assertThat(plot.getDataset().getColumnKeys()).containsExactly("petal", "stem", "sepal");
        assertThat(chart.chart().getTitle().getText()).isEqualTo("KernelSHAP for virginica");
        assertThat(chart.summary()).startsWith("E[f] 0.330 → f(x) 0.280");

        robot.interact(() -> chart.show(null, null));
        assertThat(chart.bars()).isEmpty();
    }

    @Test
    void aWideRowShowsTheLargestTwentyAndSumsTheRestIntoOneBar(FxRobot robot) {
        List<String> names = new ArrayList<>();
        double[] values = new double[30];
        for (int i = 0; i < 30; i++) {
            names.add("f" + i);
            values[i] = i + 1;
        }
        robot.interact(() -> chart.show(new FeatureAttributions("lime", names, values, 0, 1), "LIME"));
        assertThat(chart.bars()).hasSize(FeatureAttributionChart.MOST_BARS + 1).startsWith("f29", "f28")
                .endsWith("10 other features");
        assertThat(chart.barValues().get(FeatureAttributionChart.MOST_BARS)).isEqualTo(55.0); // 1 + ... + 10
    }
}
