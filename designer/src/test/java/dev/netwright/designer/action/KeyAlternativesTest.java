package dev.netwright.designer.action;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One accelerator shown as one key combination and answering to several. */
class KeyAlternativesTest {
    private final KeyAlternatives zoomIn = KeyAlternatives.of(KeyCombination.keyCombination("Ctrl+Plus"),
            new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_ANY),
            new KeyCodeCombination(KeyCode.ADD, KeyCombination.CONTROL_DOWN));

    @Test
    void itMatchesEachAlternativeAndNothingElse() {
        assertThat(zoomIn.match(press(KeyCode.EQUALS, true, true))).as("Ctrl+Shift+=").isTrue();
        assertThat(zoomIn.match(press(KeyCode.EQUALS, false, true))).as("Ctrl+=").isTrue();
        assertThat(zoomIn.match(press(KeyCode.ADD, false, true))).as("Ctrl+keypad +").isTrue();
        assertThat(zoomIn.match(press(KeyCode.PLUS, false, true))).as("Ctrl++ where a keyboard has the key").isTrue();
        assertThat(zoomIn.match(press(KeyCode.EQUALS, false, false))).as("= alone").isFalse();
        assertThat(zoomIn.match(press(KeyCode.MINUS, false, true))).isFalse();
    }

    @Test
    void itIsShownAsTheFirstCombination() {
        assertThat(zoomIn.getName()).isEqualTo("Ctrl+Plus");
        assertThat(zoomIn.getDisplayText()).isEqualTo(KeyCombination.keyCombination("Ctrl+Plus").getDisplayText());
    }

    @Test
    void twoDifferOnlyByTheirKeys() {
        KeyAlternatives zoomOut = KeyAlternatives.of(KeyCombination.keyCombination("Ctrl+Minus"),
                new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.CONTROL_DOWN));

        assertThat(zoomIn).isNotEqualTo(zoomOut);
        assertThat(zoomIn).isEqualTo(KeyAlternatives.of(KeyCombination.keyCombination("Ctrl+Plus"),
                new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_ANY),
                new KeyCodeCombination(KeyCode.ADD, KeyCombination.CONTROL_DOWN)));
    }

    private static KeyEvent press(KeyCode code, boolean shift, boolean control) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, control, false, false);
    }
}
