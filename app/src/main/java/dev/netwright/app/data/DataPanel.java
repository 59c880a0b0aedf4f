package dev.netwright.app.data;

import dev.netwright.runtime.data.DataSources;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The data panel: pick a source, then see its first examples (images also as the design's augmentation changes
 * them), its class counts and split sizes, why it cannot be read, and whether it fits the design. Everything shown comes from the {@link DataPanelModel}.
 */
public final class DataPanel extends BorderPane {
    private final DataPanelModel model;
    private final PathChooser chooser;
    private final ComboBox<SourceKind> kinds = new ComboBox<>();
    private final Button choose = new Button("Choose…");
    private final SampleGrid grid = new SampleGrid();
    private final ScrollPane gridScroll = new ScrollPane(grid);
    private final VBox imagesView = new VBox(4);
    private final CsvRowsTable rows = new CsvRowsTable();
    private final ClassCountTable counts = new ClassCountTable();
    private final StackPane previewArea = new StackPane();
    private final Label previewPlaceholder = new Label();
    private final Button replaceHead = new Button();
    private Consumer<DataPanelModel.HeadChange> onReplaceHead = change -> { };
    /** True while the combo box is set from the model, so that this does not count as the user's choice. */
    private boolean syncing;

    /** A panel that asks for files and folders with the platform's dialogs. */
    public DataPanel(DataPanelModel model) {
        this(model, PathChooser.nativeDialogs());
    }

    public DataPanel(DataPanelModel model, PathChooser chooser) {
        this.model = Objects.requireNonNull(model, "model");
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        getStyleClass().add("data-panel");
        getStylesheets().add(Objects.requireNonNull(DataPanel.class.getResource("data-panel.css")).toExternalForm());
        setTop(header());
        setCenter(body());

        kinds.valueProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null) {
                chosen(now, old);
            }
        });
        model.sourceProperty().addListener((obs, old, now) -> showSource(now));
        model.previewProperty().addListener((obs, old, now) -> showPreview(now));
        model.summaryProperty().addListener((obs, old, now) -> counts.show(now));
        model.loadingProperty().addListener((obs, old, now) -> showPreview(model.getPreview()));
        showSource(model.getSource());
        showPreview(model.getPreview());
        counts.show(model.getSummary());
    }

    public DataPanelModel model() {
        return model;
    }

    /** What "Replace head for N classes" does: the window makes it an undoable edit of the design. */
    public void setOnReplaceHead(Consumer<DataPanelModel.HeadChange> action) {
        onReplaceHead = Objects.requireNonNull(action, "action");
    }

    private VBox header() {
        kinds.getItems().setAll(SourceKind.values());
        kinds.setId("data-source");
        kinds.setPromptText("Choose data…");
        choose.setId("data-choose");
        choose.setOnAction(e -> pickPath(kinds.getValue(), kinds.getValue()));
        Button reload = new Button("Read again");
        reload.setId("data-reload");
        reload.setOnAction(e -> model.reload());
        reload.disableProperty().bind(model.sourceProperty().isEmpty().or(model.loadingProperty()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.loadingProperty());
        Label title = new Label("Data");
        title.getStyleClass().add("data-title");
        HBox chooserRow = new HBox(8, title, kinds, choose, reload, busy);
        chooserRow.setAlignment(Pos.CENTER_LEFT);

        Label ref = new Label();
        ref.setId("data-ref");
        ref.getStyleClass().add("data-ref");
        ref.textProperty().bind(model.sourceProperty());
        TextField classes = new TextField();
        classes.setId("data-classes");
        classes.setPromptText("#classes=5,6,7#per-class=50");
        classes.setTooltip(new Tooltip("Keep some classes (indices from 0 or names, relabelled in the listed order) "
                + "and a number of training images per class; Enter applies"));
        classes.setText(DataSources.selectionPart(model.getSource()));
        model.sourceProperty().addListener((obs, old, now) -> classes.setText(DataSources.selectionPart(now)));
        classes.setOnAction(e -> model.setClassOptions(classes.getText()));
        classes.disableProperty().bind(model.sourceProperty().isEmpty());
        HBox.setHgrow(classes, Priority.ALWAYS);
        HBox refRow = new HBox(8, ref, classes);
        refRow.setAlignment(Pos.CENTER_LEFT);

        Label split = new Label();
        split.setId("data-split");
        split.getStyleClass().add("data-split");
        split.textProperty().bind(Bindings.createStringBinding(() -> model.getSummary() == null ? ""
                : model.getSummary().splitLine(), model.summaryProperty()));
        // The runtime's own words: which files, which label column, how the split was made.
        Label description = messageLabel("data-description", "data-description");
        description.textProperty().bind(Bindings.createStringBinding(() -> model.getSummary() == null ? ""
                : model.getSummary().description(), model.summaryProperty()));

        Label error = messageLabel("data-error", "data-error");
        error.textProperty().bind(model.errorProperty());
        Label mismatch = messageLabel("data-mismatch", "data-mismatch");
        mismatch.textProperty().bind(Bindings.createStringBinding(() -> model.getMismatch().isEmpty() ? ""
                : "⚠ Data and design disagree: " + model.getMismatch(), model.mismatchProperty()));

        replaceHead.setId("replace-head");
        replaceHead.visibleProperty().bind(model.headChangeProperty().isNotNull());
        replaceHead.managedProperty().bind(replaceHead.visibleProperty());
        replaceHead.textProperty().bind(Bindings.createStringBinding(() -> model.getHeadChange() == null ? ""
                : "Replace head for " + model.getHeadChange().classes() + " classes", model.headChangeProperty()));
        replaceHead.setTooltip(new Tooltip("Give the Output as many units as the data has classes, as one undoable "
                + "edit. The Output starts from random weights; the layers before it keep the weights they have."));
        replaceHead.setOnAction(e -> {
            if (model.getHeadChange() != null) {
                onReplaceHead.accept(model.getHeadChange());
            }
        });

        VBox header = new VBox(4, chooserRow, refRow, split, description, error, mismatch, replaceHead);
        header.setPadding(new Insets(8));
        return header;
    }

    /** A wrapping message line that takes no room while it is empty. */
    private static Label messageLabel(String id, String styleClass) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** Above the pictures: the augmented preview's switch, a new draw, and what it shows. */
    private HBox augmentationRow() {
        CheckBox augmented = new CheckBox("Preview augmentation");
        augmented.setId("preview-augmentation");
        augmented.selectedProperty().bindBidirectional(model.previewAugmentationProperty());
        augmented.setTooltip(new Tooltip("Show these images changed by the design's augmentation (Training settings, "
                + "Augment), with the same function that changes the training minibatches."));
        Button newDraw = new Button("New draw");
        newDraw.setId("augmentation-draw");
        newDraw.disableProperty().bind(augmented.selectedProperty().not());
        newDraw.setOnAction(e -> model.newDraw());
        Label note = messageLabel("augmentation-note", "augmentation-note");
        note.textProperty().bind(model.augmentationNoteProperty());
        HBox.setHgrow(note, Priority.ALWAYS);
        HBox row = new HBox(8, augmented, newDraw, note);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node body() {
        gridScroll.setFitToWidth(true);
        gridScroll.setId("sample-preview");
        imagesView.getChildren().setAll(augmentationRow(), gridScroll);
        VBox.setVgrow(gridScroll, Priority.ALWAYS);
        previewPlaceholder.getStyleClass().add("preview-placeholder");
        previewArea.getChildren().setAll(previewPlaceholder);
        HBox.setHgrow(previewArea, Priority.ALWAYS);
        VBox countsBox = new VBox(4, new Label("Examples per class"), counts);
        VBox.setVgrow(counts, Priority.ALWAYS);
        HBox body = new HBox(8, previewArea, countsBox);
        body.setPadding(new Insets(0, 8, 8, 8));
        return body;
    }

    private void chosen(SourceKind kind, SourceKind previous) {
        if (kind.pick() == SourceKind.Pick.NOTHING) {
            model.setSource(kind.ref());
        } else {
            pickPath(kind, previous);
        }
        updateChooseButton();
    }

    /** Asks for the kind's file or folder; a cancelled dialog puts the combo box back to what the model has. */
    private void pickPath(SourceKind kind, SourceKind previous) {
        if (kind == null || kind.pick() == SourceKind.Pick.NOTHING) {
            return;
        }
        var chosen = chooser.choose(kind, getScene() == null ? null : getScene().getWindow());
        if (chosen.isPresent()) {
            model.setSource(kind.ref(chosen.get()));
        } else {
            showSource(model.getSource());
        }
    }

    private void showSource(String ref) {
        syncing = true;
        try {
            kinds.setValue(SourceKind.of(ref));
        } finally {
            syncing = false;
        }
        updateChooseButton();
    }

    private void updateChooseButton() {
        SourceKind kind = kinds.getValue();
        boolean needsPath = kind != null && kind.pick() != SourceKind.Pick.NOTHING;
        choose.setVisible(needsPath);
        choose.setManaged(needsPath);
    }

    private void showPreview(DataPreview preview) {
        if (preview instanceof DataPreview.Images images) {
            grid.show(images);
            previewArea.getChildren().setAll(imagesView);
        } else if (preview instanceof DataPreview.Table table) {
            rows.show(table);
            previewArea.getChildren().setAll(rows);
        } else {
            previewPlaceholder.setText(model.isLoading() ? "Reading " + model.getSource() + "…"
                    : model.getSource().isEmpty() ? "Choose a data source to see its first examples." : "");
            previewArea.getChildren().setAll(previewPlaceholder);
        }
    }
}
