package dev.netwright.app.window;

import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** View ▸ Panels ▸ In Their Own Window: the panels move to a window of their own and come back (issue 15, defect 10). */
@ExtendWith(ApplicationExtension.class)
class DetachedPanelsTest {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = WindowTestSupport.window(stage, WindowTestSupport.freshHome(), new ScriptedDialogs());
    }

    private List<Window> panelWindows() throws Exception {
        return onFx(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()
                && w.getScene() != null && w.getScene().getRoot() instanceof TabPane).toList());
    }

    @Test
    void thePanelsMoveToTheirOwnWindowAndBackWithTheirRunsAndSettings(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));
        Workspace w = onFx(() -> window.workspace().orElseThrow());
        var trainingPanel = w.trainingPanel();

        onFx(window::togglePanelsWindow);

        assertThat(onFx(() -> w.getItems())).as("the designer alone in the main window").containsExactly(w.designer());
        assertThat(panelWindows()).singleElement().satisfies(panels ->
                assertThat(((Stage) panels).getTitle()).isEqualTo("Panels \u2014 Seed CNN"));
        assertThat(onFx(() -> window.panelsDetachedProperty().get())).isTrue();
        assertThat(onFx(() -> panelWindows().get(0).getScene().getAccelerators().keySet()))
                .as("the menus' keys work there too").contains(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Enter"));
        onFx(() -> w.showTab("evaluation-tab"));
        assertThat(robot.lookup("#evaluation-panel").tryQuery()).as("the tabs work in their window").isPresent();

        Stage panels = (Stage) panelWindows().get(0);
        onFx(panels::close); // closing the panels' window docks them
        assertThat(panelWindows()).isEmpty();
        assertThat(onFx(() -> w.getItems().size())).isEqualTo(2);
        assertThat(onFx(() -> w.trainingPanel())).isSameAs(trainingPanel);
        assertThat(onFx(() -> window.panelsDetachedProperty().get())).isFalse();
    }

    @Test
    void closingTheDesignClosesItsPanelsWindow(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));
        onFx(window::togglePanelsWindow);
        assertThat(panelWindows()).hasSize(1);

        onFx(window::showStart);

        assertThat(panelWindows()).isEmpty();
        assertThat(onFx(() -> window.panelsDetachedProperty().get())).isFalse();
    }
}
