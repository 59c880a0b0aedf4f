package dev.netwright.runtime.check;

import dev.netwright.runtime.layers.Shape;
import java.util.Optional;

/** What the checker knows about one node: its output shape (empty when it cannot be worked out) and parameter count. */
public record NodeReport(String nodeId, Shape output, long params) {

    public Optional<Shape> outputShape() {
        return Optional.ofNullable(output);
    }
}
