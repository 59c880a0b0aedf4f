package dev.netwright.designer.inspector;

import dev.netwright.designer.command.Edits;
import dev.netwright.designer.command.FreezeScope;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.NodeReport;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.weights.WeightsStatus;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The inspector's view model: which node it shows (exactly one selected node, else a hint), that node's kind,
 * name, output shape and parameter count, one {@link ParamField} per catalog parameter and, for a node with
 * parameters, its training settings ({@link TrainingFields}). It knows no
 * controls, so it is tested without a toolkit. It follows the selection and every change of the design,
 * undo and redo included.
 */
public final class InspectorModel {
    static final String HINT_NONE = "Select a layer on the canvas to see and edit its properties.";

    private final DesignDocument document;
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", HINT_NONE);
    private final ReadOnlyStringWrapper nodeId = new ReadOnlyStringWrapper(this, "nodeId");
    private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper(this, "kind", "");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper nameProblem = new ReadOnlyStringWrapper(this, "nameProblem", "");
    private final ReadOnlyStringWrapper outputShape = new ReadOnlyStringWrapper(this, "outputShape", "");
    private final ReadOnlyLongWrapper paramCount = new ReadOnlyLongWrapper(this, "paramCount");
    private final ReadOnlyStringWrapper paramCountText = new ReadOnlyStringWrapper(this, "paramCountText", "");
    private final ReadOnlyStringWrapper weightsText = new ReadOnlyStringWrapper(this, "weightsText", "");
    private final ObservableList<ParamField> fields = FXCollections.observableArrayList();
    private final ObservableList<ParamField> readOnlyFields = FXCollections.unmodifiableObservableList(fields);
    private String fieldsKind;
    private List<ParamSpec> fieldsTraining = List.of();

    public InspectorModel(DesignDocument document) {
        this.document = Objects.requireNonNull(document, "document");
        // The check result is replaced after every change, once the design is current: one signal for both.
        document.checkProperty().addListener((obs, old, now) -> refresh());
        document.selection().addListener((SetChangeListener<String>) change -> refresh());
        document.weightsStatusProperty().addListener((obs, old, now) -> refresh());
        refresh();
    }

    public DesignDocument document() {
        return document;
    }

    /** True while the document is locked against edits: the view disables its editors but still shows the values. */
    public ReadOnlyBooleanProperty lockedProperty() {
        return document.lockedProperty();
    }

    /** Why the document is locked, e.g. "Training run in progress – stop it to edit"; empty while it is not. */
    public ReadOnlyStringProperty lockReasonProperty() {
        return document.lockReasonProperty();
    }

    /** True while exactly one existing node is selected and shown. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** What to do to see properties, shown instead of them when nothing or several nodes are selected. */
    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    /** The id of the node shown, or null. */
    public ReadOnlyStringProperty nodeIdProperty() {
        return nodeId.getReadOnlyProperty();
    }

    /** The kind's display name, e.g. "Conv2D". */
    public ReadOnlyStringProperty kindProperty() {
        return kind.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** Why the last name tried was refused; empty when it was not. */
    public ReadOnlyStringProperty nameProblemProperty() {
        return nameProblem.getReadOnlyProperty();
    }

    /** The node's output shape as the canvas shows it ("26×26×32"), or "unknown" when it cannot be worked out. */
    public ReadOnlyStringProperty outputShapeProperty() {
        return outputShape.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty paramCountProperty() {
        return paramCount.getReadOnlyProperty();
    }

    /** The parameter count for the header, e.g. "18,496 parameters". */
    /**
     * Where the node's weights come from in a design with trained weights: "Pretrained, from cnn.weights.npz", or why
     * it starts from random ones; empty for a node without parameters or a design without weights.
     */
    public ReadOnlyStringProperty weightsTextProperty() {
        return weightsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty paramCountTextProperty() {
        return paramCountText.getReadOnlyProperty();
    }

    /** The shown node's parameters in catalog order; replaced when another node is shown, updated in place otherwise. */
    public ObservableList<ParamField> fields() {
        return readOnlyFields;
    }

    public Optional<ParamField> field(String paramName) {
        return fields.stream().filter(f -> f.name().equals(paramName)).findFirst();
    }

    /** The parameter groups in the order the catalog first names them, e.g. Layer, Window. */
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        for (ParamField field : fields) {
            if (!groups.contains(field.spec().group())) {
                groups.add(field.spec().group());
            }
        }
        return groups;
    }

    /** Renames the shown node as one command; a blank name is refused. */
    public EditOutcome rename(String newName) {
        String id = nodeId.get();
        String trimmed = newName == null ? "" : newName.strip();
        if (id == null) {
            return EditOutcome.UNCHANGED;
        }
        if (document.isLocked()) {
            nameProblem.set(document.lockReason());
            return EditOutcome.REFUSED;
        }
        if (trimmed.isEmpty()) {
            nameProblem.set("A layer needs a name; its id stays " + id);
            return EditOutcome.REFUSED;
        }
        nameProblem.set("");
        return trimmed.equals(name.get()) || !document.execute(Edits.rename(id, trimmed))
                ? EditOutcome.UNCHANGED : EditOutcome.CHANGED;
    }

    /** Forgets a refused name (Escape in the name field). */
    public void clearNameProblem() {
        nameProblem.set("");
    }

    private void refresh() {
        Optional<Node> shown = singleSelectedNode();
        if (shown.isEmpty()) {
            showNothing();
            return;
        }
        Node node = shown.get();
        Optional<LayerKind> layerKind = document.catalog().find(node.kind());
        CheckResult check = document.check();
        List<ParamSpec> training = TrainingFields.specsFor(node,
                check.node(node.id()).map(NodeReport::params).orElse(0L) > 0,
                FreezeScope.canFreeze(document.design(), check, node.id()));
        if (!node.id().equals(nodeId.get()) || !node.kind().equals(fieldsKind) || !training.equals(fieldsTraining)) {
            replaceFields(node, layerKind.map(LayerKind::params).orElse(List.of()), training);
        } else {
            for (ParamField field : fields) {
                field.show(valueOf(node, field.spec()));
            }
        }
        nodeId.set(node.id());
        kind.set(layerKind.map(LayerKind::displayName).orElse(node.kind() + " (unknown kind)"));
        name.set(node.name());
        nameProblem.set("");
        Optional<NodeReport> report = check.node(node.id());
        outputShape.set(report.flatMap(NodeReport::outputShape).map(Shape::label).orElse("unknown"));
        long params = report.map(NodeReport::params).orElse(0L);
        paramCount.set(params);
        paramCountText.set(String.format(Locale.ROOT, "%,d parameter%s%s", params, params == 1 ? "" : "s",
                node.trainable() || params == 0 ? "" : " (frozen)"));
        weightsText.set(params == 0 ? "" : weightsOf(node.id(), document.weightsStatus()));
        hint.set("");
        active.set(true);
    }

    private Optional<Node> singleSelectedNode() {
        List<Node> selected = document.selection().stream()
                .map(id -> document.design().node(id))
                .flatMap(Optional::stream)
                .toList();
        return selected.size() == 1 ? Optional.of(selected.get(0)) : Optional.empty();
    }

    private void showNothing() {
        long selected = document.selection().stream().filter(document.design()::contains).count();
        // Let go of the node before the view hides: a field that commits as it loses focus then edits nothing,
        // which matters when this runs inside an undo, where a new command would be refused.
        replaceFields(null, List.of(), List.of());
        nodeId.set(null);
        hint.set(selected == 0 ? HINT_NONE
                : selected + " layers are selected: select one to edit its properties.");
        active.set(false);
        kind.set("");
        name.set("");
        nameProblem.set("");
        outputShape.set("");
        paramCount.set(0);
        paramCountText.set("");
        weightsText.set("");
    }

    /** Where a node's weights come from, in words, for the inspector. */
    static String weightsOf(String id, WeightsStatus status) {
        if (!status.hasWeights()) {
            return "";
        }
        String file = status.fileName();
        if (status.problem() != null) {
            return "Random: " + file + " cannot be read";
        }
        if (status.pretrained().contains(id)) {
            return "Pretrained, from " + file + status.sparseNode(id).map(s -> String.format(Locale.ROOT,
                    "; %s of its %,d weights are zero", s.zeroShare(), s.weights())).orElse("");
        }
        if (status.changed().contains(id)) {
            return "New: shapes changed since " + file;
        }
        if (status.missing().contains(id)) {
            return "New: none in " + file;
        }
        return status.known() ? "" : "From " + file + " if they still fit";
    }

    private void replaceFields(Node node, List<ParamSpec> specs, List<ParamSpec> training) {
        fields.forEach(ParamField::detach);
        fieldsKind = node == null ? null : node.kind();
        fieldsTraining = training;
        List<ParamField> made = new ArrayList<>(specs.size() + training.size());
        for (ParamSpec spec : specs) {
            made.add(new ParamField(document, node.id(), spec, valueOf(node, spec)));
        }
        for (ParamSpec spec : training) {
            made.add(TrainingFields.field(document, node, spec));
        }
        if (!(made.isEmpty() && fields.isEmpty())) {
            fields.setAll(made);
        }
    }

    private static Object valueOf(Node node, ParamSpec spec) {
        if (TrainingFields.isTrainingField(spec)) {
            return TrainingFields.valueOf(node, spec);
        }
        Object value = node.params().get(spec.name());
        return value != null ? value : spec.defaultValue();
    }
}
