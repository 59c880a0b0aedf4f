package dev.netwright.runtime.check;

import dev.netwright.runtime.layers.Fix;
import java.util.Objects;
import java.util.Optional;

/**
 * One finding of the checker, in the user's words, attached to a node (or to the whole design when
 * {@code nodeId} is null), with an optional one-click fix.
 */
public record Diagnostic(Severity severity, String nodeId, String message, Fix fix) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(String nodeId, String message) {
        return new Diagnostic(Severity.ERROR, nodeId, message, null);
    }

    public static Diagnostic error(String nodeId, String message, Fix fix) {
        return new Diagnostic(Severity.ERROR, nodeId, message, fix);
    }

    public static Diagnostic warning(String nodeId, String message) {
        return new Diagnostic(Severity.WARNING, nodeId, message, null);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public Optional<Fix> optionalFix() {
        return Optional.ofNullable(fix);
    }

    @Override
    public String toString() {
        return severity + (nodeId == null ? "" : " [" + nodeId + "]") + ": " + message
                + (fix == null ? "" : " (fix: " + fix.description() + ")");
    }
}
