package dev.netwright.designer.inspector;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The inspector's editors, one per parameter type. Every editor has the id {@code param-<name>} so tests and
 * tooling can find it. Numbers are text fields rather than spinners: a spinner clamps a value outside its
 * range silently, where the inspector must refuse it and say what is allowed. Editors are disabled, not hidden,
 * while the document is locked, so the values stay readable.
 */
final class ParamEditors {
    /** Set on a text field whose last value was refused. */
    static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");

    private ParamEditors() {
    }

    static PropertyEditor<?> create(PropertySheet.Item item) {
        ParamField field = ((ParamItem) item).field();
        return switch (field.spec().type()) {
            case INT, DOUBLE -> new NumberEditor(field);
            case CHOICE -> new ChoiceEditor(field);
            case BOOLEAN -> new FlagEditor(field);
        };
    }

    static String editorId(String paramName) {
        return "param-" + paramName;
    }

    static String problemId(String paramName) {
        return "problem-" + paramName;
    }

    /**
     * Commits a text field on Enter and when it loses focus; Escape goes back to the current value. A refused value
     * stays in the field, marked, with the reason below it.
     */
    static void commitOnEnterOrFocusLoss(TextField text, Runnable commit, Runnable revert) {
        text.setOnAction(e -> commit.run());
        text.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                commit.run();
            }
        });
        text.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                revert.run();
                e.consume();
            }
        });
    }

    /** The red line under a field that says why its value was refused; absent from layout while empty. */
    static Label problemLabel(javafx.beans.value.ObservableStringValue problem, String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("param-problem");
        label.setWrapText(true);
        label.textProperty().bind(problem);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** A whole number or decimal typed into a text field. */
    private static final class NumberEditor implements PropertyEditor<Object> {
        private final ParamField field;
        private final TextField text = new TextField();
        private final VBox box;

        NumberEditor(ParamField field) {
            this.field = field;
            text.setId(editorId(field.name()));
            text.setPromptText(field.spec().allowed());
            text.setText(field.text());
            text.disableProperty().bind(field.lockedProperty());
            box = new VBox(2, text, problemLabel(field.problemProperty(), problemId(field.name())));
            field.valueProperty().addListener((obs, old, now) -> text.setText(field.text()));
            field.problemProperty().addListener((obs, old, now) -> text.pseudoClassStateChanged(REFUSED, !now.isEmpty()));
            commitOnEnterOrFocusLoss(text, this::commit, () -> {
                text.setText(field.text());
                field.clearProblem();
            });
        }

        private void commit() {
            // Focus also leaves when the sheet is rebuilt; an untouched field has nothing to commit.
            if (!text.getText().equals(field.text()) || !field.problem().isEmpty()) {
                field.submitText(text.getText());
            }
        }

        @Override
        public Node getEditor() {
            return box;
        }

        @Override
        public Object getValue() {
            return field.value();
        }

        @Override
        public void setValue(Object value) {
            text.setText(ParamField.format(value));
        }
    }

    /** One of the catalog's choices, picked from a combo box. */
    private static final class ChoiceEditor implements PropertyEditor<Object> {
        private final ParamField field;
        private final ComboBox<String> combo = new ComboBox<>();
        private boolean showing;

        ChoiceEditor(ParamField field) {
            this.field = field;
            combo.setId(editorId(field.name()));
            combo.getItems().setAll(field.spec().choices());
            combo.setValue((String) field.value());
            combo.disableProperty().bind(field.lockedProperty());
            field.valueProperty().addListener((obs, old, now) -> setValue(now));
            // A combo box fires its action for programmatic changes too; only the user's picks are edits.
            combo.setOnAction(e -> {
                if (!showing && combo.getValue() != null) {
                    field.submit(combo.getValue());
                }
            });
        }

        @Override
        public Node getEditor() {
            return combo;
        }

        @Override
        public Object getValue() {
            return field.value();
        }

        @Override
        public void setValue(Object value) {
            showing = true;
            try {
                combo.setValue((String) value);
            } finally {
                showing = false;
            }
        }
    }

    /** A yes/no parameter as a check box. */
    private static final class FlagEditor implements PropertyEditor<Object> {
        private final ParamField field;
        private final CheckBox check = new CheckBox();

        FlagEditor(ParamField field) {
            this.field = field;
            check.setId(editorId(field.name()));
            check.setSelected(Boolean.TRUE.equals(field.value()));
            check.disableProperty().bind(field.lockedProperty());
            field.valueProperty().addListener((obs, old, now) -> setValue(now));
            // Only the user's clicks fire an action; setSelected from an undo does not.
            check.setOnAction(e -> field.submit(check.isSelected()));
        }

        @Override
        public Node getEditor() {
            return check;
        }

        @Override
        public Object getValue() {
            return field.value();
        }

        @Override
        public void setValue(Object value) {
            check.setSelected(Boolean.TRUE.equals(value));
        }
    }
}
