package dev.netwright.designer.diagnostics;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Diagnostic;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The diagnostics list's view model: every finding of the latest check and of the design's weights (which nodes will
 * start from random weights), errors first, refreshed after every change;
 * opening one selects its node and asks the canvas to centre on it; a fix is applied as one command.
 */
public final class DiagnosticsModel {
    private final DesignDocument document;
    private final Consumer<String> centreOn;
    private final StatusTotals totals;
    private final ObservableList<Diagnostic> diagnostics = FXCollections.observableArrayList();
    private final ObservableList<Diagnostic> readOnly = FXCollections.unmodifiableObservableList(diagnostics);

    /**
     * @param centreOn called with a node id when the user opens one of its diagnostics; the canvas scrolls that
     *                 node into the middle of the view (pass {@code id -> { }} where there is no canvas)
     */
    public DiagnosticsModel(DesignDocument document, Consumer<String> centreOn) {
        this.document = Objects.requireNonNull(document, "document");
        this.centreOn = Objects.requireNonNull(centreOn, "centreOn");
        this.totals = new StatusTotals(document);
        document.checkProperty().addListener((obs, old, now) -> refresh());
        document.weightsStatusProperty().addListener((obs, old, now) -> refresh());
        refresh();
    }

    private void refresh() {
        List<Diagnostic> all = new java.util.ArrayList<>(document.check().diagnostics());
        all.addAll(document.weightsStatus().diagnostics()); // worked out off the FX thread, after the check
        diagnostics.setAll(ordered(all));
    }

    /** Errors first, then warnings; within each, the checker's order (which follows the graph). */
    static List<Diagnostic> ordered(CheckResult check) {
        return ordered(check.diagnostics());
    }

    private static List<Diagnostic> ordered(List<Diagnostic> found) {
        return found.stream().sorted(Comparator.comparing(Diagnostic::severity)).toList();
    }

    /** True while the document is locked against edits: fixes cannot be applied then. */
    public javafx.beans.property.ReadOnlyBooleanProperty lockedProperty() {
        return document.lockedProperty();
    }

    public ObservableList<Diagnostic> diagnostics() {
        return readOnly;
    }

    public StatusTotals totals() {
        return totals;
    }

    /** Selects the diagnostic's node and centres the canvas on it; a finding about the whole design has no node. */
    public void open(Diagnostic diagnostic) {
        String nodeId = diagnostic.nodeId();
        if (nodeId == null || !document.design().contains(nodeId)) {
            return;
        }
        document.select(nodeId);
        centreOn.accept(nodeId);
    }

    /** Applies the diagnostic's fix as one undoable command; false when it has none or it changed nothing. */
    public boolean applyFix(Diagnostic diagnostic) {
        return diagnostic.fix() != null && document.applyFix(diagnostic.fix());
    }
}
