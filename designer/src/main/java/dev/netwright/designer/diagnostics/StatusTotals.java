package dev.netwright.designer.diagnostics;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.CheckResult;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

import java.util.Locale;
import java.util.Objects;

/**
 * The totals for the app's status bar: parameters and errors (the document's own properties, not copies),
 * warnings, frozen parameters, and one line of text that sums them up, e.g. "93,322 parameters · 1 error · no
 * warnings", or "93,322 parameters (12,320 frozen) · …" when some nodes are frozen.
 */
public final class StatusTotals {
    private final DesignDocument document;
    private final ReadOnlyLongWrapper warningCount = new ReadOnlyLongWrapper(this, "warningCount");
    private final ReadOnlyLongWrapper frozenParams = new ReadOnlyLongWrapper(this, "frozenParams");
    private final StringBinding text;

    public StatusTotals(DesignDocument document) {
        this.document = Objects.requireNonNull(document, "document");
        document.checkProperty().addListener((obs, old, now) -> count(now));
        // the weights' warnings (nodes that will start from random weights) are in the problems list too
        document.weightsStatusProperty().addListener((obs, old, now) -> count(document.check()));
        count(document.check());
        text = Bindings.createStringBinding(this::describe,
                document.totalParamsProperty(), document.errorCountProperty(), warningCount, frozenParams);
    }

    /** Trainable parameters over every node whose shape is known. */
    public ReadOnlyLongProperty totalParamsProperty() {
        return document.totalParamsProperty();
    }

    public ReadOnlyLongProperty errorCountProperty() {
        return document.errorCountProperty();
    }

    public ReadOnlyLongProperty warningCountProperty() {
        return warningCount.getReadOnlyProperty();
    }

    /** The parameters of frozen nodes, which training leaves as they are (part of the total). */
    public ReadOnlyLongProperty frozenParamsProperty() {
        return frozenParams.getReadOnlyProperty();
    }

    /** The totals in words for a status bar or a list header. */
    public StringBinding textProperty() {
        return text;
    }

    private void count(CheckResult check) {
        warningCount.set(check.diagnostics().size() - check.errorCount() + document.weightsStatus().diagnostics().size());
        frozenParams.set(check.frozenParams());
    }

    private String describe() {
        long frozen = frozenParams.get();
        return String.format(Locale.ROOT, "%,d parameters", document.totalParamsProperty().get())
                + (frozen == 0 ? "" : String.format(Locale.ROOT, " (%,d frozen)", frozen))
                + " · " + count(document.errorCountProperty().get(), "error")
                + " · " + count(warningCount.get(), "warning");
    }

    private static String count(long n, String noun) {
        return n == 0 ? "no " + noun + "s" : n + " " + noun + (n == 1 ? "" : "s");
    }
}
