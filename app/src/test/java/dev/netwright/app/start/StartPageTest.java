package dev.netwright.app.start;

import dev.netwright.samples.Samples;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start page draws the samples' miniatures only once it is laid out in a window (issue 15, defect 13): a window
 * opened on a design never shows the page, and its start should not spend the cores on them.
 */
@ExtendWith(ApplicationExtension.class)
class StartPageTest {
    private final List<Runnable> backgroundWork = new CopyOnWriteArrayList<>();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private StartPage page() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> new StartPage(() -> { }, () -> { }, id -> { }, file -> { },
                backgroundWork::add, javafx.application.Platform::runLater)).get();
    }

    @Test
    void aPageNotYetShownDrawsNoMiniatures() throws Exception {
        page();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(backgroundWork).isEmpty();
    }

    @Test
    void thePageShownInAWindowDrawsEachSamplesMiniatureOnce(FxRobot robot) throws Exception {
        StartPage page = page();

        WaitForAsyncUtils.asyncFx(() -> {
            stage.setScene(new Scene(page, 900, 700));
            stage.show();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(backgroundWork).hasSize(Samples.list().size());

        WaitForAsyncUtils.asyncFx(page::requestLayout).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(backgroundWork).as("laid out again, nothing new").hasSize(Samples.list().size());

        backgroundWork.forEach(Runnable::run); // the miniatures are drawn and put in their cards
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.from(page).lookup((javafx.scene.Node node) -> node instanceof javafx.scene.canvas.Canvas).queryAll()).isNotEmpty();
    }
}
