package dev.netwright.runtime.check;

import dev.netwright.runtime.layers.Fix;
import java.util.Objects;
import java.util.Optional;

/**
 * One finding of the checker, identified by its {@link DiagnosticCode} and told in the user's words, attached to a
 * node (or to the whole design when {@code nodeId} is null), with an optional one-click fix. Compare codes, not
 * messages: the wording is for people and may change.
 */
public record Diagnostic(DiagnosticCode code, String nodeId, String message, Fix fix) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic of(DiagnosticCode code, String nodeId, String message) {
        return new Diagnostic(code, nodeId, message, null);
    }

    /** How bad it is: the code's severity. */
    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return severity() == Severity.ERROR;
    }

    public Optional<Fix> optionalFix() {
        return Optional.ofNullable(fix);
    }

    @Override
    public String toString() {
        return severity() + (nodeId == null ? "" : " [" + nodeId + "]") + ": " + message
                + (fix == null ? "" : " (fix: " + fix.description() + ")");
    }
}
