package dev.netwright.designer.diagnostics;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.Diagnostic;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The diagnostics panel: the totals on top and every error and warning of the design below, errors first.
 * Clicking one (or Enter) selects its node and centres the canvas on it; a fix link applies the fix as one command,
 * and is disabled while the document is locked.
 */
public final class DiagnosticsView extends BorderPane {
    private final DiagnosticsModel model;
    private final ListView<Diagnostic> list = new ListView<>();

    /**
     * @param centreOn called with the node id of an opened diagnostic, e.g. {@code canvas::centreOn}
     */
    private Runnable afterFix = () -> { };

    public DiagnosticsView(DesignDocument document, Consumer<String> centreOn) {
        this(new DiagnosticsModel(document, centreOn));
    }

    public DiagnosticsView(DiagnosticsModel model) {
        this.model = Objects.requireNonNull(model, "model");
        setId("diagnostics");
        getStyleClass().add("diagnostics");
        getStylesheets().add(Objects.requireNonNull(DiagnosticsView.class.getResource("diagnostics.css"),
                "diagnostics.css missing from the build").toExternalForm());

        Label summary = new Label();
        summary.setId("diagnostics-summary");
        summary.getStyleClass().add("diagnostics-summary");
        summary.textProperty().bind(model.totals().textProperty());

        list.setId("diagnostics-list");
        list.setItems(model.diagnostics());
        list.setCellFactory(view -> new DiagnosticCell(model::open, this::applyFix, model.lockedProperty()));
        list.setPlaceholder(new Label("No problems: every layer's shape works out."));
        list.setOnKeyPressed(e -> {
            Diagnostic chosen = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && chosen != null) {
                model.open(chosen);
                e.consume();
            }
        });

        setTop(summary);
        setCenter(list);
    }

    /** What runs once a fix link was clicked: the designer gives the keyboard back to the canvas. */
    public void setOnFixApplied(Runnable afterFix) {
        this.afterFix = Objects.requireNonNull(afterFix, "afterFix");
    }

    private void applyFix(Diagnostic diagnostic) {
        model.applyFix(diagnostic);
        afterFix.run();
    }

    public DiagnosticsModel model() {
        return model;
    }
}
