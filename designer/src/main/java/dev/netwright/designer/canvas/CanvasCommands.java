package dev.netwright.designer.canvas;

import dev.netwright.designer.action.Action;
import dev.netwright.designer.document.DesignDocument;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every {@link CanvasCommand} as an {@link Action} on whichever canvas is open (none, or the canvas of the open
 * design), enabled as its {@link CanvasCommand.Applies} says: the app's menus and toolbar lay these out. Undo and
 * Redo name what they would undo or redo ("Undo Move 3 layers").
 */
public final class CanvasCommands {
    private final ObservableValue<? extends DesignCanvas> canvas;
    private final BooleanProperty locked = new SimpleBooleanProperty();
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final StringProperty undoDescription = new SimpleStringProperty("");
    private final StringProperty redoDescription = new SimpleStringProperty("");
    private final Map<CanvasCommand, Action> actions = new EnumMap<>(CanvasCommand.class);

    /** Commands on the canvas {@code canvas} holds (null while no design is open). */
    public CanvasCommands(ObservableValue<? extends DesignCanvas> canvas) {
        this.canvas = Objects.requireNonNull(canvas, "canvas");
        canvas.addListener((o, old, now) -> follow(now));
        follow(canvas.getValue());
        // The bindings read the followed properties themselves: an invalidated property fires again only once read.
        BooleanBinding open = Bindings.createBooleanBinding(() -> canvas.getValue() != null, canvas);
        BooleanBinding editable = Bindings.createBooleanBinding(() -> canvas.getValue() != null && !locked.get(), canvas, locked);
        BooleanBinding undoable = editable.and(canUndo);
        BooleanBinding redoable = editable.and(canRedo);
        for (CanvasCommand command : CanvasCommand.values()) {
            ObservableBooleanValue enabled = switch (command.applies()) {
                case WHEN_OPEN -> open;
                case WHEN_EDITABLE -> editable;
                case WHEN_UNDOABLE -> undoable;
                case WHEN_REDOABLE -> redoable;
            };
            Action action = Action.of(command.label(), () -> run(command)).enabledWhen(enabled);
            if (command.accelerator() != null) {
                action = action.withAccelerator(command.accelerator());
            }
            if (command == CanvasCommand.UNDO) {
                action = action.withLabel(naming(command.label(), undoDescription));
            } else if (command == CanvasCommand.REDO) {
                action = action.withLabel(naming(command.label(), redoDescription));
            }
            if (command.buttonText() != null) {
                action = action.withButton(command.buttonText(), command.tooltip());
            }
            actions.put(command, action);
        }
    }

    /** The action of one command. */
    public Action action(CanvasCommand command) {
        return actions.get(Objects.requireNonNull(command, "command"));
    }

    /** "Undo" followed by what it undoes, when there is something. */
    private static StringBinding naming(String verb, StringProperty description) {
        return Bindings.createStringBinding(
                () -> description.get() == null || description.get().isEmpty() ? verb : verb + " " + description.get(),
                description);
    }

    private void run(CanvasCommand command) {
        DesignCanvas now = canvas.getValue();
        if (now != null) {
            command.runOn(now);
        }
    }

    /** Follows the open canvas's lock and undo state. */
    private void follow(DesignCanvas now) {
        locked.unbind();
        canUndo.unbind();
        canRedo.unbind();
        undoDescription.unbind();
        redoDescription.unbind();
        if (now == null) {
            undoDescription.set("");
            redoDescription.set("");
            locked.set(false);
            canUndo.set(false);
            canRedo.set(false);
        } else {
            DesignDocument document = now.document();
            locked.bind(document.lockedProperty());
            canUndo.bind(document.commands().canUndoProperty());
            canRedo.bind(document.commands().canRedoProperty());
            undoDescription.bind(document.commands().undoDescriptionProperty());
            redoDescription.bind(document.commands().redoDescriptionProperty());
        }
    }
}
