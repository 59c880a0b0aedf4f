package dev.netwright.app.window;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The design opened at start is drawn before the docked panels (issue 15, defect 13): the panels' place is held
 * by an empty pane of their size, so the canvas already has the size it keeps, and the panels come in after.
 */
@ExtendWith(ApplicationExtension.class)
class PanelsAfterTheDesignTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = WindowTestSupport.window(stage, WindowTestSupport.freshHome(), new ScriptedDialogs());
    }

    @Test
    void heldBackPanelsAreNotInTheWindowAndTheCanvasKeepsItsSizeWhenTheyComeIn() throws Exception {
        Workspace w = onFx(() -> {
            window.openSample("cnn");
            Workspace opened = window.workspace().orElseThrow();
            opened.holdPanelsBack();
            return opened;
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(w::panelsInPlace)).isFalse();
        assertThat(onFx(() -> w.trainingPanel().getScene())).as("the Training panel is not drawn yet").isNull();
        assertThat(onFx(() -> w.getItems())).hasSize(2).startsWith(w.designer());
        double heldBack = onFx(() -> w.designer().canvas().getHeight());
        assertThat(heldBack).isPositive();

        onFx(w::bringPanelsIn);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(w::panelsInPlace)).isTrue();
        assertThat(onFx(() -> w.trainingPanel().getScene())).isNotNull();
        assertThat(onFx(() -> w.designer().canvas().getHeight())).isCloseTo(heldBack, within(2.0));
    }

    @Test
    void panelsThatWereNeverHeldBackStayAsTheyAre() throws Exception {
        onFx(() -> window.openSample("cnn"));
        Workspace w = onFx(() -> window.workspace().orElseThrow());
        var before = onFx(() -> java.util.List.copyOf(w.getItems()));

        onFx(w::bringPanelsIn);

        assertThat(onFx(() -> w.getItems())).containsExactlyElementsOf(before);
        assertThat(onFx(w::panelsInPlace)).isTrue();
    }

    @Test
    void panelsMovedToTheirOwnWindowWhileHeldBackLeaveTheDesignerAloneAndComeBackDocked() throws Exception {
        Workspace w = onFx(() -> {
            window.openSample("cnn");
            Workspace opened = window.workspace().orElseThrow();
            opened.holdPanelsBack();
            return opened;
        });

        onFx(window::togglePanelsWindow);
        assertThat(onFx(() -> w.getItems())).containsExactly(w.designer());

        onFx(w::dockPanels);
        assertThat(onFx(() -> w.getItems())).hasSize(2);
        assertThat(onFx(w::panelsInPlace)).isTrue();
        assertThat(onFx(() -> w.trainingPanel().getScene())).isNotNull();
    }
}
