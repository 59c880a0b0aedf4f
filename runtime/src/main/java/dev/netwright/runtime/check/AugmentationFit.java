package dev.netwright.runtime.check;

import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;

import java.util.Optional;

/**
 * Whether a design can be trained with an image augmentation: its Input must take images (height × width × channels),
 * since shifts, flips and rotations mean nothing for sequences or vectors. One message for the checker, the command
 * line and the worker.
 */
public final class AugmentationFit {
    private AugmentationFit() {
    }

    /** What is wrong with augmenting the data of the Input {@code inputId} of {@code input}; empty when it fits. */
    public static Optional<String> problem(Augmentation augmentation, String inputId, Shape input) {
        if (augmentation.isNone() || input instanceof Shape.Image) {
            return Optional.empty();
        }
        return Optional.of("Augmentation (" + augmentation.spec() + ") changes images, but the Input '" + inputId
                + "' takes " + input.describe() + ": set the augmentation to none in the training settings, or make "
                + "the Input an image (height × width × channels).");
    }

    /** The same for a design's (first) Input; empty when the design has none or its shape cannot be read (the checker says why). */
    public static Optional<String> problem(Augmentation augmentation, Design design) {
        if (augmentation.isNone()) {
            return Optional.empty();
        }
        Optional<Node> input = design.nodes().stream().filter(n -> n.kind().equals(InputKind.ID)).findFirst();
        if (input.isEmpty()) {
            return Optional.empty();
        }
        Shape shape;
        try {
            shape = InputKind.shapeOf(input.get());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        return problem(augmentation, input.get().id(), shape);
    }
}
