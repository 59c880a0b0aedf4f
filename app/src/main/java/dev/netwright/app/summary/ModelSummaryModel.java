package dev.netwright.app.summary;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.ModelSummary;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Summary panel's view model: the open design's {@link ModelSummary} (the rows {@code netwright check} prints),
 * worked out again after every check, that is after every edit; opening a row selects its node and asks the canvas
 * to centre on it.
 */
public final class ModelSummaryModel {
    private final DesignDocument document;
    private final Consumer<String> centreOn;
    private final ObservableList<ModelSummary.Row> rows = FXCollections.observableArrayList();
    private final ObservableList<ModelSummary.Row> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<ModelSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper(this, "totals");

    /**
     * @param centreOn called with a node id when the user opens its row; the canvas scrolls that node into the middle
     *                 of the view (pass {@code id -> { }} where there is no canvas)
     */
    public ModelSummaryModel(DesignDocument document, Consumer<String> centreOn) {
        this.document = Objects.requireNonNull(document, "document");
        this.centreOn = Objects.requireNonNull(centreOn, "centreOn");
        document.checkProperty().addListener((obs, old, now) -> show(now));
        show(document.check());
    }

    /** One row per node, in graph order. */
    public ObservableList<ModelSummary.Row> rows() {
        return readOnlyRows;
    }

    public ReadOnlyObjectProperty<ModelSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The totals line, as Keras words it: "Total params: 93,322 · Trainable params: 93,322 · Non-trainable params: 0". */
    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** Selects the row's node and centres the canvas on it. */
    public void open(ModelSummary.Row row) {
        if (row == null || !document.design().contains(row.nodeId())) {
            return;
        }
        document.select(row.nodeId());
        centreOn.accept(row.nodeId());
    }

    private void show(CheckResult check) {
        ModelSummary now = ModelSummary.of(document.design(), check, document.catalog());
        summary.set(now);
        rows.setAll(now.rows());
        totals.set(describe(now));
    }

    static String describe(ModelSummary summary) {
        return String.format(Locale.ROOT, "Total params: %,d · Trainable params: %,d · Non-trainable params: %,d",
                summary.totalParams(), summary.trainableParams(), summary.nonTrainableParams());
    }
}
