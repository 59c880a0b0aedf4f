package dev.netwright.designer.action;

import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An accelerator that a menu shows as one key combination but that answers to several: Zoom In shows "Ctrl++" yet a
 * US keyboard sends Ctrl+Shift+= for it, and the keypad sends ADD. A menu item holds one accelerator, so the
 * alternatives live in one combination.
 */
public final class KeyAlternatives extends KeyCombination {
    private final KeyCombination shown;
    private final List<KeyCombination> all;

    private KeyAlternatives(KeyCombination shown, List<KeyCombination> all) {
        this.shown = shown;
        this.all = all;
    }

    /** Shown as {@code shown} (which also matches), and matching each of {@code alternatives} too. */
    public static KeyAlternatives of(KeyCombination shown, KeyCombination... alternatives) {
        List<KeyCombination> all = new ArrayList<>();
        all.add(Objects.requireNonNull(shown, "shown"));
        for (KeyCombination alternative : alternatives) {
            all.add(Objects.requireNonNull(alternative, "alternative"));
        }
        return new KeyAlternatives(shown, List.copyOf(all));
    }

    /** The combination the menu shows. */
    public KeyCombination shown() {
        return shown;
    }

    @Override
    public boolean match(KeyEvent event) {
        for (KeyCombination keys : all) {
            if (keys.match(event)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String getName() {
        return shown.getName();
    }

    @Override
    public String getDisplayText() {
        return shown.getDisplayText();
    }

    // A scene keeps accelerators in a map: two of these must differ by their keys, not by KeyCombination's modifiers.
    @Override
    public boolean equals(Object other) {
        return other instanceof KeyAlternatives that && all.equals(that.all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        return "KeyAlternatives" + all;
    }
}
