package dev.netwright.designer.inspector;

import dev.netwright.designer.document.DesignDocument;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The inspector panel: a header with the selected node's kind, name (editable), output shape and parameter count,
 * above a ControlsFX property sheet of its catalog parameters grouped by category; a hint when nothing or several
 * nodes are selected. While the document is locked the editors are disabled and the header says why. Binds to an
 * {@link InspectorModel}; all logic lives there.
 */
public final class InspectorView extends StackPane {
    private final InspectorModel model;
    private final PropertySheet sheet = new PropertySheet();
    private final TextField name = new TextField();

    /** An inspector over a document's selection. */
    public InspectorView(DesignDocument document) {
        this(new InspectorModel(document));
    }

    public InspectorView(InspectorModel model) {
        this.model = Objects.requireNonNull(model, "model");
        setId("inspector");
        getStyleClass().add("inspector");
        getStylesheets().add(Objects.requireNonNull(InspectorView.class.getResource("inspector.css"),
                "inspector.css missing from the build").toExternalForm());

        Label hint = new Label();
        hint.setId("inspector-hint");
        hint.getStyleClass().add("inspector-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(model.hintProperty());
        hint.visibleProperty().bind(model.activeProperty().not());

        VBox content = new VBox(header(), sheet);
        content.visibleProperty().bind(model.activeProperty());
        VBox.setVgrow(sheet, Priority.ALWAYS);

        sheet.setId("inspector-sheet");
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setSearchBoxVisible(false);
        sheet.setPropertyEditorFactory(ParamEditors::create);
        // Groups in catalog order (Layer before Window), not alphabetical: the most used settings come first.
        sheet.setCategoryComparator(Comparator.comparingInt(group -> model.groups().indexOf(group)));
        model.fields().addListener((ListChangeListener<ParamField>) change -> showFields());
        showFields();

        getChildren().addAll(hint, content);
    }

    public InspectorModel model() {
        return model;
    }

    private GridPane header() {
        Label kind = styled(new Label(), "inspector-kind", "inspector-kind");
        kind.textProperty().bind(model.kindProperty().concat(" · ").concat(model.nodeIdProperty()));

        name.setId("inspector-name");
        name.disableProperty().bind(model.lockedProperty());
        name.setPromptText("Layer name");
        model.nameProperty().addListener((obs, old, now) -> name.setText(now));
        name.setText(model.nameProperty().get());
        ParamEditors.commitOnEnterOrFocusLoss(name, () -> {
            if (!name.getText().equals(model.nameProperty().get()) || !model.nameProblemProperty().get().isEmpty()) {
                model.rename(name.getText());
            }
        }, () -> {
            name.setText(model.nameProperty().get());
            model.clearNameProblem();
        });
        model.nameProblemProperty().addListener((obs, old, now) ->
                name.pseudoClassStateChanged(ParamEditors.REFUSED, !now.isEmpty()));
        Label nameProblem = ParamEditors.problemLabel(model.nameProblemProperty(), "inspector-name-problem");

        Label shape = styled(new Label(), "inspector-shape", "inspector-fact");
        shape.textProperty().bind(model.outputShapeProperty());
        Label params = styled(new Label(), "inspector-params", "inspector-fact");
        params.textProperty().bind(model.paramCountTextProperty());
        Label weights = styled(new Label(), "inspector-weights", "inspector-fact");
        weights.textProperty().bind(model.weightsTextProperty());
        // a long file name is cut short rather than widening the column (which squeezed the titles); the tooltip has it all
        weights.setMinWidth(0);
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(model.weightsTextProperty());
        weights.setTooltip(whole);
        Label weightsTitle = new Label("Weights");
        weightsTitle.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        for (Label l : List.of(weights, weightsTitle)) {
            l.visibleProperty().bind(model.weightsTextProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }
        Label locked = styled(new Label(), "inspector-locked", "inspector-locked");
        locked.setWrapText(true);
        locked.textProperty().bind(model.lockReasonProperty());
        locked.visibleProperty().bind(model.lockedProperty());
        locked.managedProperty().bind(locked.visibleProperty());

        GridPane grid = new GridPane();
        grid.getStyleClass().add("inspector-header");
        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
        grid.add(kind, 0, 0, 2, 1);
        VBox nameBox = new VBox(2, name, nameProblem);
        grid.addRow(1, new Label("Name"), nameBox);
        grid.addRow(2, new Label("Output"), shape);
        grid.addRow(3, new Label("Size"), params);
        grid.addRow(4, weightsTitle, weights);
        GridPane.setHgrow(weights, Priority.ALWAYS);
        grid.add(locked, 0, 5, 2, 1);
        GridPane.setHgrow(nameBox, Priority.ALWAYS);
        return grid;
    }

    private void showFields() {
        sheet.getItems().setAll(model.fields().stream().map(ParamItem::new).toList());
    }

    private static Label styled(Label label, String id, String styleClass) {
        label.setId(id);
        label.getStyleClass().add(styleClass);
        return label;
    }
}
