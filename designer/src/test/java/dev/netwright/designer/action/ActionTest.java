package dev.netwright.designer.action;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** An action makes menu items, context items and toolbar buttons that agree on its label, keys, enabling and handler. */
@ExtendWith(ApplicationExtension.class)
class ActionTest {
    private final AtomicInteger runs = new AtomicInteger();
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final Action save = Action.of("Save", runs::incrementAndGet).withAccelerator("Shortcut+S")
            .enabledWhen(enabled).withButton("Save", "Save (Ctrl+S)");

    @Start
    void start(Stage stage) {
        // the controls are made on the FX thread by each test; no window is needed
    }

    @Test
    void aMenuItemHasTheLabelAndTheAcceleratorAndFiringItRunsTheHandler() throws Exception {
        MenuItem item = onFx(save::toMenuItem);

        assertThat(item.getText()).isEqualTo("Save");
        assertThat(item.getAccelerator()).isEqualTo(KeyCombination.keyCombination("Shortcut+S"));
        onFx(() -> {
            item.fire();
            return null;
        });
        assertThat(runs).hasValue(1);
    }

    @Test
    void aMenuItemIsDisabledExactlyWhileTheActionIs() throws Exception {
        MenuItem item = onFx(save::toMenuItem);
        assertThat(item.isDisable()).isFalse();

        onFx(() -> {
            enabled.set(false);
            return null;
        });
        assertThat(item.isDisable()).isTrue();
        assertThat(save.isEnabled()).isFalse();

        onFx(() -> {
            enabled.set(true);
            return null;
        });
        assertThat(item.isDisable()).isFalse();
    }

    @Test
    void aToolbarButtonHasTheButtonTextAndTooltipIsNotFocusTraversableAndFollowsTheEnabling() throws Exception {
        Action layout = Action.of("Auto-layout", runs::incrementAndGet).enabledWhen(enabled)
                .withButton("Layout", "Lay the graph out left to right (L)");
        Button button = onFx(layout::toToolbarButton);

        assertThat(button.getText()).isEqualTo("Layout");
        assertThat(button.getTooltip().getText()).isEqualTo("Lay the graph out left to right (L)");
        assertThat(button.isFocusTraversable()).isFalse();
        onFx(() -> {
            button.fire();
            enabled.set(false);
            return null;
        });
        assertThat(runs).hasValue(1);
        assertThat(button.isDisabled()).isTrue();
    }

    @Test
    void aToolbarButtonWithoutItsOwnTextShowsTheLabelAndNoTooltip() throws Exception {
        Button button = onFx(Action.of("Train", runs::incrementAndGet)::toToolbarButton);

        assertThat(button.getText()).isEqualTo("Train");
        assertThat(button.getTooltip()).isNull();
    }

    @Test
    void aContextItemHasTheLabelAndEnablingButLeavesTheAcceleratorToTheMenuBar() throws Exception {
        MenuItem item = onFx(save::toContextItem);

        assertThat(item.getText()).isEqualTo("Save");
        assertThat(item.getAccelerator()).isNull();
        onFx(() -> {
            enabled.set(false);
            return null;
        });
        assertThat(item.isDisable()).isTrue();
    }

    @Test
    void anActionWithoutAConditionIsEnabledAndLeavesItsItemsDisabledStateFree() throws Exception {
        Action about = Action.of("About Netwright", runs::incrementAndGet);
        MenuItem item = onFx(about::toMenuItem);

        assertThat(about.isEnabled()).isTrue();
        assertThat(about.accelerator()).isEmpty();
        assertThat(item.getAccelerator()).isNull();
        assertThat(item.disableProperty().isBound()).isFalse();
    }

    @Test
    void theItemsOfOneActionRunTheSameHandler() throws Exception {
        onFx(() -> {
            save.toMenuItem().fire();
            save.toContextItem().fire();
            save.toToolbarButton().fire();
            return null;
        });

        assertThat(runs).hasValue(3);
    }

    @Test
    void aFollowedLabelRenamesTheMenuItemsButNotTheButton() throws Exception {
        javafx.beans.property.StringProperty text = new javafx.beans.property.SimpleStringProperty("Undo");
        Action undo = Action.of("Undo", runs::incrementAndGet).withLabel(text).withButton("Undo", "Undo (Ctrl+Z)");
        MenuItem item = onFx(undo::toMenuItem);
        MenuItem context = onFx(undo::toContextItem);
        Button button = onFx(undo::toToolbarButton);

        onFx(() -> {
            text.set("Undo Move 3 layers");
            return null;
        });

        assertThat(item.getText()).isEqualTo("Undo Move 3 layers");
        assertThat(context.getText()).isEqualTo("Undo Move 3 layers");
        assertThat(undo.label()).isEqualTo("Undo Move 3 layers");
        assertThat(button.getText()).isEqualTo("Undo");
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }
}
