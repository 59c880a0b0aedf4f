package dev.netwright.app.window;

import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The main window's first size on screens from a small laptop's to a 4K monitor's. */
class WindowSizeTest {
    @ParameterizedTest(name = "{0}×{1} screen: {2}×{3}")
    @CsvSource({
            "1366, 768, 1256.72, 706.56",  // a laptop: the fixed 1400×900 hung off its bottom and right
            "1600, 1000, 1472, 920",
            "1920, 1080, 1766.4, 993.6",
            "3840, 2160, 1800, 1100",      // no wider than a designer needs
            "800, 560, 800, 560"})         // smaller than the window's least size: the screen
    void theWindowTakesMostOfTheScreenAndNeverMore(double screenWidth, double screenHeight, double width, double height) {
        Dimension2D size = MainWindow.initialSize(new Rectangle2D(0, 0, screenWidth, screenHeight));

        assertThat(size.getWidth()).isCloseTo(width, org.assertj.core.data.Offset.offset(0.01));
        assertThat(size.getHeight()).isCloseTo(height, org.assertj.core.data.Offset.offset(0.01));
        assertThat(size.getWidth()).isLessThanOrEqualTo(screenWidth);
        assertThat(size.getHeight()).isLessThanOrEqualTo(screenHeight);
    }
}
