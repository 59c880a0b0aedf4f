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
 * warnings, and one line of text that sums them up, e.g. "93,322 parameters · 1 error · no warnings".
 */
public final class StatusTotals {
    private final DesignDocument document;
    private final ReadOnlyLongWrapper warningCount = new ReadOnlyLongWrapper(this, "warningCount");
    private final StringBinding text;

    public StatusTotals(DesignDocument document) {
        this.document = Objects.requireNonNull(document, "document");
        document.checkProperty().addListener((obs, old, now) -> countWarnings(now));
        countWarnings(document.check());
        text = Bindings.createStringBinding(this::describe,
                document.totalParamsProperty(), document.errorCountProperty(), warningCount);
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

    /** The totals in words for a status bar or a list header. */
    public StringBinding textProperty() {
        return text;
    }

    private void countWarnings(CheckResult check) {
        warningCount.set(check.diagnostics().size() - check.errorCount());
    }

    private String describe() {
        return String.format(Locale.ROOT, "%,d parameters", document.totalParamsProperty().get())
                + " · " + count(document.errorCountProperty().get(), "error")
                + " · " + count(warningCount.get(), "warning");
    }

    private static String count(long n, String noun) {
        return n == 0 ? "no " + noun + "s" : n + " " + noun + (n == 1 ? "" : "s");
    }
}
