package dev.netwright.app.window;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, defect 2: "Cannot open the design" with a long path was one line 1,508 px wide on a 1,600 px screen, its OK
 * button reachable only because the screen happened to be wide enough. Every dialog wraps and fits the screen.
 */
@ExtendWith(ApplicationExtension.class)
class DialogsFitTheScreenTest {
    private static final String LONG_PATH = "/tmp/ui/a-rather-long-folder-name-that-users-really-do-have/"
            + "another_deeply_nested_project_folder_for_experiments_2026/"
            + "broken-design-file-with-a-long-name-from-a-colleague.json";
    private Stage owner;
    private Alert shown;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 800, 600));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        if (shown != null) {
            onFx(() -> shown.close());
        }
    }

    @Test
    void aMessageWithALongPathWrapsWithinTheScreenAndShowsAllOfIt() throws Exception {
        String message = LONG_PATH + ": the top level: unknown field 'format'";

        Alert alert = show(message);

        double screenWidth = onFx(() -> Screen.getPrimary().getVisualBounds().getWidth());
        double dialogWidth = onFx(() -> alert.getDialogPane().getScene().getWindow().getWidth());
        assertThat(dialogWidth).isLessThanOrEqualTo(700).isLessThan(screenWidth);
        Label label = message(alert);
        assertThat(onFx(() -> label.getHeight())).as("several lines").isGreaterThan(3 * label.getFont().getSize());
        assertThat(onFx(() -> shownText(label))).as("nothing cut with an ellipsis").isEqualTo(message);
        assertInside(alert, alert.getDialogPane().lookupButton(ButtonType.OK));
    }

    @Test
    void aWordWithNoSeparatorStillWraps() throws Exception {
        String message = "Checksum " + "0123456789abcdef".repeat(12) + " does not match.";

        Alert alert = show(message);

        assertThat(onFx(() -> alert.getDialogPane().getScene().getWindow().getWidth())).isLessThanOrEqualTo(700);
        assertThat(onFx(() -> shownText(message(alert)))).isEqualTo(message);
        assertInside(alert, alert.getDialogPane().lookupButton(ButtonType.OK));
    }

    @Test
    void aVeryLongMessageScrollsInsteadOfGrowingPastTheScreen() throws Exception {
        String message = "Line of a long report that goes on. ".repeat(600);

        Alert alert = show(message);

        double screenHeight = onFx(() -> Screen.getPrimary().getVisualBounds().getHeight());
        assertThat(onFx(() -> alert.getDialogPane().getScene().getWindow().getHeight())).isLessThan(screenHeight);
        assertInside(alert, alert.getDialogPane().lookupButton(ButtonType.OK));
    }

    private Alert show(String message) throws Exception {
        shown = onFx(() -> {
            Alert alert = FxDialogs.alert(owner, Alert.AlertType.ERROR, "Cannot open the design", message, ButtonType.OK);
            alert.show();
            return alert;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return shown;
    }

    private static Label message(Alert alert) {
        return (Label) alert.getDialogPane().lookup(".dialog-message .label");
    }

    /** What the label draws, line by line joined. */
    private static String shownText(Label label) {
        StringBuilder drawn = new StringBuilder();
        for (Node node : label.lookupAll(".text")) {
            if (node instanceof Text text) {
                drawn.append(text.getText());
            }
        }
        return drawn.toString();
    }

    private static void assertInside(Alert alert, Node button) throws Exception {
        Bounds onScreen = onFx(() -> button.localToScreen(button.getBoundsInLocal()));
        var screen = onFx(() -> Screen.getPrimary().getVisualBounds());
        assertThat(onScreen.getMinX()).isGreaterThanOrEqualTo(screen.getMinX());
        assertThat(onScreen.getMaxX()).isLessThanOrEqualTo(screen.getMaxX());
        assertThat(onScreen.getMaxY()).isLessThanOrEqualTo(screen.getMaxY());
    }
}
