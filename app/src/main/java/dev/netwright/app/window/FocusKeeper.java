package dev.netwright.app.window;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Gives the keyboard back to the canvas when the control that had it goes away by itself: the Train or Stop button
 * disabled as a run starts or ends, a fix link hidden once its fix is applied. JavaFX then moves the focus to the next
 * control in the window, which was the palette's search box, so the canvas's keys (L, F, Delete, arrows) typed into it
 * (issue 15, defect 3). Focus the user moves (a click, Tab) is left where they put it.
 */
final class FocusKeeper {
    private FocusKeeper() {
    }

    /** Watches {@code scene}'s focus; {@code home} is where the keys belong (the open design's canvas), if any. */
    static void install(Scene scene, Supplier<Optional<? extends Node>> home) {
        scene.focusOwnerProperty().addListener((o, was, now) -> {
            if (was == null || now == was || stillThere(was, scene)) {
                return;
            }
            // after JavaFX has finished moving the focus on (a request made inside this change is overridden)
            Platform.runLater(() -> home.get()
                    .filter(h -> h.getScene() == scene && !h.isDisabled() && shown(h))
                    .ifPresent(Node::requestFocus));
        });
    }

    /** Whether a node that lost the focus could still have it: the user, not the window, moved the focus away. */
    private static boolean stillThere(Node node, Scene scene) {
        return node.getScene() == scene && !node.isDisabled() && shown(node);
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
