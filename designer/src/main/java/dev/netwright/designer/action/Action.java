package dev.netwright.designer.action;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

import java.util.Objects;
import java.util.Optional;

/**
 * One command the user can give: its label, accelerator, when it is enabled and what it does. The menu bar, the
 * toolbar and context menus make their items from it, so they agree on all four. Immutable; the {@code with…}
 * methods return a changed copy. The label may follow a value, e.g. "Undo Move 3 layers".
 */
public final class Action {
    private final String label;
    private final ObservableStringValue liveLabel;
    private final KeyCombination accelerator;
    private final ObservableBooleanValue enabled;
    private final Runnable handler;
    private final String buttonText;
    private final String tooltip;

    private Action(String label, ObservableStringValue liveLabel, KeyCombination accelerator,
                   ObservableBooleanValue enabled, Runnable handler, String buttonText, String tooltip) {
        this.label = label;
        this.liveLabel = liveLabel;
        this.accelerator = accelerator;
        this.enabled = enabled;
        this.handler = handler;
        this.buttonText = buttonText;
        this.tooltip = tooltip;
    }

    /** An action that is always enabled and has no accelerator. */
    public static Action of(String label, Runnable handler) {
        return new Action(Objects.requireNonNull(label, "label"), null, null, null,
                Objects.requireNonNull(handler, "handler"), null, null);
    }

    /** The same action with an accelerator in {@link KeyCombination#keyCombination(String)}'s notation, e.g. "Shortcut+S". */
    public Action withAccelerator(String keys) {
        return withAccelerator(KeyCombination.keyCombination(Objects.requireNonNull(keys, "keys")));
    }

    /** The same action with an accelerator, e.g. {@link KeyAlternatives} for one shown key that several keys send. */
    public Action withAccelerator(KeyCombination keys) {
        return new Action(label, liveLabel, Objects.requireNonNull(keys, "keys"), enabled, handler, buttonText, tooltip);
    }

    /** The same action, enabled only while {@code when} is true. */
    public Action enabledWhen(ObservableBooleanValue when) {
        return new Action(label, liveLabel, accelerator, Objects.requireNonNull(when, "when"), handler, buttonText,
                tooltip);
    }

    /** The same action with a toolbar button's (usually shorter) text and its tooltip. */
    public Action withButton(String text, String tip) {
        return new Action(label, liveLabel, accelerator, enabled, handler, Objects.requireNonNull(text, "text"),
                Objects.requireNonNull(tip, "tip"));
    }

    /**
     * The same action, its menu items labelled by {@code text} as it changes (e.g. "Undo Move 3 layers"); the toolbar
     * button keeps its own text.
     */
    public Action withLabel(ObservableStringValue text) {
        return new Action(label, Objects.requireNonNull(text, "text"), accelerator, enabled, handler, buttonText,
                tooltip);
    }

    /** The label now: the followed text where there is one, else the fixed label. */
    public String label() {
        return liveLabel != null ? liveLabel.get() : label;
    }

    public Optional<KeyCombination> accelerator() {
        return Optional.ofNullable(accelerator);
    }

    /** Whether the action applies now; an action without a condition always does. */
    public boolean isEnabled() {
        return enabled == null || enabled.get();
    }

    /** The toolbar button's text: its own, else the (fixed) label. */
    public String buttonText() {
        return buttonText != null ? buttonText : label;
    }

    public Optional<String> tooltip() {
        return Optional.ofNullable(tooltip);
    }

    /** Does what the action does. Disabled items and buttons do not fire, so the handler does not ask again. */
    public void run() {
        handler.run();
    }

    /** A menu bar item: the label, the accelerator, disabled while the action is. */
    public MenuItem toMenuItem() {
        MenuItem item = toContextItem();
        if (accelerator != null) {
            item.setAccelerator(accelerator);
        }
        return item;
    }

    /**
     * A context menu item: like the menu bar's but without the accelerator, which the menu bar already holds
     * (a second one would fire the action twice while the context menu is shown).
     */
    public MenuItem toContextItem() {
        MenuItem item = new MenuItem(label);
        if (liveLabel != null) {
            item.textProperty().bind(liveLabel);
        }
        item.setOnAction(e -> run());
        bindDisable(item.disableProperty());
        return item;
    }

    /** A toolbar button: its text and tooltip, not focus-traversable (the keys stay with the canvas), disabled while the action is. */
    public Button toToolbarButton() {
        Button button = new Button(buttonText());
        if (tooltip != null) {
            button.setTooltip(new Tooltip(tooltip));
        }
        button.setOnAction(e -> run());
        button.setFocusTraversable(false);
        bindDisable(button.disableProperty());
        return button;
    }

    private void bindDisable(javafx.beans.property.BooleanProperty disable) {
        if (enabled != null) { // an action without a condition leaves the control's disabled state alone
            disable.bind(Bindings.not(enabled));
        }
    }

    @Override
    public String toString() {
        return "Action[" + label() + (accelerator == null ? "" : ", " + accelerator.getName()) + "]";
    }
}
