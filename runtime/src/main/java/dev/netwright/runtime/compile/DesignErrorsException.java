package dev.netwright.runtime.compile;

import dev.netwright.runtime.check.Diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a design cannot be compiled; carries the diagnostics that say why, per node. */
public class DesignErrorsException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public DesignErrorsException(List<Diagnostic> diagnostics) {
        super("The design has " + diagnostics.size() + " error" + (diagnostics.size() == 1 ? "" : "s") + ": "
                + diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("; ")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
