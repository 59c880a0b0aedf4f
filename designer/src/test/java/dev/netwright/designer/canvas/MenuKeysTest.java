package dev.netwright.designer.canvas;

import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Position;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.ActionEvent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.netwright.designer.canvas.CanvasFixture.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The canvas commands' menu accelerators pressed as a keyboard sends them, with the canvas and with another control
 * focused: each key does its command once, and the menu shows it.
 */
@ExtendWith(ApplicationExtension.class)
class MenuKeysTest {
    private DesignCanvas canvas;
    private final Map<CanvasCommand, MenuItem> items = new EnumMap<>(CanvasCommand.class);
    private final Map<CanvasCommand, AtomicInteger> fired = new EnumMap<>(CanvasCommand.class);
    private Button elsewhere;
    private TextField field;

    @Start
    void start(Stage stage) {
        elsewhere = new Button("elsewhere"); // controls only once the toolkit runs
        field = new TextField();
        canvas = new DesignCanvas(new dev.netwright.designer.document.DesignDocument(Design.of("t", "", null,
                List.of(node("Input", "input", 20, 60), node("Dense", "dense1", 300, 60)), List.of()),
                CanvasFixture.CATALOG));
        CanvasCommands commands = new CanvasCommands(new SimpleObjectProperty<>(canvas));
        Menu menu = new Menu("Canvas");
        for (CanvasCommand command : CanvasCommand.values()) {
            MenuItem item = commands.action(command).toMenuItem();
            AtomicInteger count = new AtomicInteger();
            item.addEventHandler(ActionEvent.ACTION, e -> count.incrementAndGet());
            items.put(command, item);
            fired.put(command, count);
            menu.getItems().add(item);
        }
        BorderPane root = new BorderPane(canvas);
        root.setTop(new MenuBar(menu));
        root.setBottom(new HBox(elsewhere, field));
        stage.setScene(new Scene(root, 900, 600));
        stage.show();
        canvas.requestFocus();
    }

    @Test
    void ctrlShiftEqualsAsAUsKeyboardSendsCtrlPlusZoomsInOnce(FxRobot robot) {
        robot.interact(() -> canvas.zoomProperty().set(1.0));

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHIFT, KeyCode.CONTROL);

        assertThat(canvas.zoomProperty().get()).isCloseTo(CanvasCommand.ZOOM_STEP, within(1e-9));
    }

    @Test
    void ctrlEqualsWithoutShiftAndTheKeypadPlusZoomInToo(FxRobot robot) {
        robot.interact(() -> canvas.zoomProperty().set(1.0));

        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.ADD).release(KeyCode.ADD, KeyCode.CONTROL);

        assertThat(canvas.zoomProperty().get()).isCloseTo(CanvasCommand.ZOOM_STEP * CanvasCommand.ZOOM_STEP, within(1e-9));
    }

    @Test
    void theKeypadMinusZoomsOut(FxRobot robot) {
        robot.interact(() -> canvas.zoomProperty().set(1.0));

        robot.press(KeyCode.CONTROL, KeyCode.SUBTRACT).release(KeyCode.SUBTRACT, KeyCode.CONTROL);

        assertThat(canvas.zoomProperty().get()).isCloseTo(1 / CanvasCommand.ZOOM_STEP, within(1e-9));
    }

    @Test
    void zoomInShowsCtrlPlusInTheMenu() {
        assertThat(items.get(CanvasCommand.ZOOM_IN).getAccelerator().getName()).isEqualTo("Shortcut+Plus");
        assertThat(items.get(CanvasCommand.ZOOM_IN).getAccelerator().getDisplayText()).endsWith("+");
    }

    @Test
    void theCanvasOwnKeysAreShownInTheMenu() {
        assertThat(items.get(CanvasCommand.COPY).getAccelerator().getName()).isEqualTo("Shortcut+C");
        assertThat(items.get(CanvasCommand.DELETE).getAccelerator().getName()).isEqualTo("Delete");
        assertThat(items.get(CanvasCommand.SELECT_ALL).getAccelerator().getName()).isEqualTo("Shortcut+A");
        assertThat(items.get(CanvasCommand.FIT_TO_VIEW).getAccelerator().getName()).isEqualTo("F");
        assertThat(items.get(CanvasCommand.AUTO_LAYOUT).getAccelerator().getName()).isEqualTo("L");
    }

    @Test
    void deleteOnTheFocusedCanvasDeletesOnceAndTheMenuDoesNotFireToo(FxRobot robot) {
        robot.interact(() -> canvas.document().select("dense1"));

        robot.type(KeyCode.DELETE);

        assertThat(canvas.document().design().contains("dense1")).isFalse();
        assertThat(fired.get(CanvasCommand.DELETE)).hasValue(0);
    }

    @Test
    void deleteWithAnotherControlFocusedDeletesThroughTheMenuOnce(FxRobot robot) {
        robot.interact(() -> {
            canvas.document().select("dense1");
            elsewhere.requestFocus();
        });

        robot.type(KeyCode.DELETE);

        assertThat(canvas.document().design().contains("dense1")).isFalse();
        assertThat(fired.get(CanvasCommand.DELETE)).hasValue(1);
        assertThat(canvas.document().commands().undoDescriptionProperty().get()).startsWith("Delete");
    }

    @Test
    void ctrlZOnTheFocusedCanvasUndoesOneStep(FxRobot robot) {
        robot.interact(() -> {
            canvas.document().execute(Edits.moveNodes(Map.of("dense1", new Position(320, 60))));
            canvas.document().execute(Edits.moveNodes(Map.of("dense1", new Position(340, 60))));
        });

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);

        assertThat(canvas.document().design().requireNode("dense1").position()).isEqualTo(new Position(320, 60));
        assertThat(fired.get(CanvasCommand.UNDO)).hasValue(0);
    }

    @Test
    void fWithAnotherControlFocusedFitsOnceButTypingFInATextFieldDoesNot(FxRobot robot) {
        robot.interact(() -> {
            canvas.zoomProperty().set(3);
            field.requestFocus();
        });

        robot.type(KeyCode.F);
        assertThat(field.getText()).isEqualTo("f");
        assertThat(canvas.zoomProperty().get()).isEqualTo(3);
        assertThat(fired.get(CanvasCommand.FIT_TO_VIEW)).hasValue(0);

        robot.interact(elsewhere::requestFocus);
        robot.type(KeyCode.F);
        assertThat(canvas.zoomProperty().get()).isLessThanOrEqualTo(1);
        assertThat(fired.get(CanvasCommand.FIT_TO_VIEW)).hasValue(1);
    }
}
