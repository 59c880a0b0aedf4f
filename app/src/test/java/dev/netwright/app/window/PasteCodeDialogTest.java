package dev.netwright.app.window;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Edit ▸ Paste Keras code's dialog: prefilled from the clipboard, a problem keeps it open with the caret on the place. */
@ExtendWith(ApplicationExtension.class)
class PasteCodeDialogTest {
    private static final String BAD = "model = Sequential([\n    Dense(64,, activation='relu'),\n])\n";
    private static final String GOOD = "model = Sequential([Dense(64)])\n";

    private FxDialogs dialogs;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 800, 600));
        stage.show();
        dialogs = new FxDialogs(stage);
    }

    /** Fails at line 2, column 14 unless the code is {@link #GOOD}. */
    private static String read(String code) throws CodeReader.Problem {
        if (!code.equals(GOOD)) {
            throw new CodeReader.Problem("pasted code:2:14: expected an argument after ','", 2, 14);
        }
        return "read";
    }

    @Test
    void aProblemStaysInTheDialogWithTheCaretOnItsPlaceAndFixedCodeIsRead(FxRobot robot) throws Exception {
        onFx((Callable<Boolean>) () -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(BAD);
            return Clipboard.getSystemClipboard().setContent(content);
        });
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialogs.pasteCode("Paste Keras code", "Paste a model", PasteCodeDialogTest::read)));
        waitFor(Duration.ofSeconds(10), "the dialog", () -> robot.lookup("#paste-code-text").tryQuery().isPresent());
        TextArea code = robot.lookup("#paste-code-text").queryAs(TextArea.class);
        assertThat(onFx((Callable<String>) code::getText)).as("prefilled from the clipboard").isEqualTo(BAD);

        robot.clickOn("Import");

        Label problem = robot.lookup("#paste-code-problem").queryAs(Label.class);
        waitFor(Duration.ofSeconds(10), "the problem shown", () -> !problem.getText().isEmpty());
        assertThat(answer).isNotDone();
        assertThat(problem.getText()).isEqualTo("pasted code:2:14: expected an argument after ','");
        assertThat(onFx((Callable<Integer>) code::getCaretPosition)).isEqualTo(BAD.indexOf("\n") + 1 + 13);

        onFx((Runnable) () -> code.setText(GOOD));
        robot.clickOn("Import");

        assertThat(answer.get(10, TimeUnit.SECONDS)).contains("read");
    }

    @Test
    void enterTypesANewLineAndCtrlEnterImports(FxRobot robot) throws Exception {
        onFx((Callable<Boolean>) () -> {
            ClipboardContent content = new ClipboardContent();
            content.putString("model = Sequential([Dense(64)])");
            return Clipboard.getSystemClipboard().setContent(content);
        });
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialogs.pasteCode("Paste Keras code", "Paste a model", PasteCodeDialogTest::read)));
        waitFor(Duration.ofSeconds(10), "the dialog", () -> robot.lookup("#paste-code-text").tryQuery().isPresent());
        TextArea code = robot.lookup("#paste-code-text").queryAs(TextArea.class);
        robot.clickOn("#paste-code-text");
        onFx((Runnable) () -> code.positionCaret(code.getLength()));

        robot.type(KeyCode.ENTER);

        waitFor(Duration.ofSeconds(10), "the new line", () -> code.getText().equals(GOOD));
        assertThat(answer).isNotDone();
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        assertThat(answer.get(10, TimeUnit.SECONDS)).contains("read");
    }

    @Test
    void cancelGivesNothing(FxRobot robot) throws Exception {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialogs.pasteCode("Paste Keras code", "Paste a model", PasteCodeDialogTest::read)));
        waitFor(Duration.ofSeconds(10), "the dialog", () -> robot.lookup("#paste-code-text").tryQuery().isPresent());

        robot.clickOn("Cancel");

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void theProblemsOffsetStaysInsideItsLine() {
        CodeReader.Problem problem = new CodeReader.Problem("x", 2, 99);
        assertThat(problem.offsetIn("ab\ncd\nef")).isEqualTo(5);
        assertThat(new CodeReader.Problem("x", 0, 0).offsetIn("ab")).isZero();
        assertThat(new CodeReader.Problem("x", 7, 1).offsetIn("ab\ncd")).isEqualTo(5);
    }
}
