package dev.netwright.designer.canvas;

import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.weights.WeightSparsity;
import dev.netwright.runtime.weights.WeightsStatus;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The words a node card shows: shape, parameter count and its diagnostics' tooltip. */
final class CardText {
    private CardText() {
    }

    static String shape(Shape shape) {
        return shape == null ? "shape ?" : "→ " + shape.label();
    }

    /** "0 params", "320 params", "12.5k params", "3.2M params": short enough for a card at any size. */
    static String params(long count) {
        if (count < 10_000) {
            return count + (count == 1 ? " param" : " params");
        }
        if (count < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk params", count / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.1fM params", count / 1_000_000.0);
    }

    /**
     * The kind's line, marked for a frozen node: "Conv2D · frozen" (on the kind's line, which has room, not after the
     * count, where it ran into the shape). Words rather than a lock glyph, which the fonts JavaFX finds on every
     * platform do not all have.
     */
    static String kind(String displayName, boolean frozen) {
        return frozen ? displayName + " \u00b7 frozen" : displayName;
    }

    /**
     * The weights tag: "pretrained" for a node that starts from the design's weights ("pretrained · 90% zero" when
     * pruning left that share of its weights at zero), "new weights" for one that starts from random weights although
     * the design has some, nothing otherwise.
     */
    static String weights(WeightsStatus.Origin origin, Optional<WeightSparsity> sparsity) {
        return switch (origin) {
            case PRETRAINED -> "pretrained" + sparsity.map(s -> " \u00b7 " + s.zeroShare() + " zero").orElse("");
            case NEW -> "new weights";
            case NONE -> "";
        };
    }

    /** One line per diagnostic, errors first, each with its fix when there is one. */
    static String tooltip(List<Diagnostic> diagnostics) {
        StringBuilder text = new StringBuilder();
        diagnostics.stream().sorted((a, b) -> Boolean.compare(b.isError(), a.isError())).forEach(d -> {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(d.isError() ? "Error: " : "Warning: ").append(d.message());
            d.optionalFix().ifPresent(fix -> text.append("\n    Fix: ").append(fix.description()));
        });
        return text.toString();
    }
}
