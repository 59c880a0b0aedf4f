package dev.netwright.app.tryit;

import dev.netwright.app.evaluation.ExampleImage;
import dev.netwright.app.training.RunRecord;
import dev.netwright.charts.fx.FeatureAttributionChart;
import dev.netwright.charts.metrics.FeatureAttributions;
import dev.netwright.runtime.explain.Baseline;
import dev.netwright.runtime.explain.SegmentMethod;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Try it panel: a run's model on an input of the user's (a dropped, opened or pasted image, a drawing, one of the
 * run's samples), its top five classes, the input as the model sees it, and an explanation of a class drawn over it
 * with its deletion and insertion areas. Binds to a {@link TryItModel}; holds no state of its own.
 */
public final class TryItPanel extends BorderPane {
    private static final int PICTURE = 140;

    private final TryItModel model;
    private final ImageView original = picture();
    private final ImageView seen = picture();
    private final ClassBars bars = new ClassBars();
    private final HeatMapView heatMap = new HeatMapView();
    private final AttentionMatrixView matrix = new AttentionMatrixView();
    private final DrawingPad pad = new DrawingPad();
    private final FeatureAttributionChart featureChart = new FeatureAttributionChart();

    public TryItPanel(TryItModel model) {
        this.model = model;
        setId("tryit-panel");
        setTop(header());
        HBox columns = new HBox(18, inputColumn(), section("Top 5 classes", bars), explanationColumn());
        columns.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToHeight(true);
        setCenter(scroll);
        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dropped);
        model.top().addListener((ListChangeListener<TryItModel.ClassProbability>) c -> bars.show(model.top()));
        model.seenProperty().addListener((o, was, now) -> showInput());
        model.originalProperty().addListener((o, was, now) -> showInput());
        model.explanationProperty().addListener((o, was, now) -> showExplanation());
        model.attentionProperty().addListener((o, was, now) -> showExplanation());
        model.tokenProperty().addListener((o, was, now) -> showExplanation());
        matrix.setOnRowChosen(row -> model.tokenProperty().set(row));
    }

    public TryItModel model() {
        return model;
    }

    public DrawingPad pad() {
        return pad;
    }

    private HBox header() {
        ComboBox<RunRecord> run = new ComboBox<>(model.runs());
        run.setId("tryit-run");
        run.valueProperty().bindBidirectional(model.runProperty());
        run.setCellFactory(list -> new RunCell());
        run.setButtonCell(new RunCell());
        run.setPromptText("No run with a saved model yet");
        Button reload = new Button("Reload");
        reload.setId("tryit-reload");
        reload.setTooltip(new Tooltip("Start the process that runs the model again (after it ended)."));
        reload.setOnAction(e -> model.restart());
        Label status = new Label();
        status.setId("tryit-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox header = new HBox(8, new Label("Run"), run, reload, status);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(6, 8, 0, 8));
        return header;
    }

    private VBox inputColumn() {
        Label originalCaption = new Label("Your input");
        Label seenCaption = new Label("As the model sees it");
        originalCaption.textProperty().bind(Bindings.createStringBinding(() -> model.inputNameProperty().get().isEmpty()
                ? "Your input" : model.inputNameProperty().get(), model.inputNameProperty()));
        HBox pictures = new HBox(8, new VBox(2, original, originalCaption), new VBox(2, seen, seenCaption));
        Label notes = new Label();
        notes.setId("tryit-notes");
        notes.textProperty().bind(model.notesProperty());
        notes.setWrapText(true);
        notes.setMaxWidth(2 * PICTURE + 8);
        notes.setStyle("-fx-text-fill: #8a5a00;");

        Button open = new Button("Open image…");
        open.setId("tryit-open");
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Try an image");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images and CSV",
                    "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp", "*.csv"));
            File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                model.useFile(file.toPath());
            }
        });
        Button paste = new Button("Paste");
        paste.setId("tryit-paste");
        paste.setTooltip(new Tooltip("Try the picture (or image file) on the clipboard."));
        paste.setOnAction(e -> paste());
        Spinner<Integer> sample = new Spinner<>(0, Integer.MAX_VALUE, 0);
        sample.setId("tryit-sample");
        sample.setEditable(true);
        sample.setPrefWidth(90);
        var samples = (SpinnerValueFactory.IntegerSpinnerValueFactory) sample.getValueFactory();
        model.samplesProperty().addListener((o, was, now) -> {
            samples.setMax(Math.max(0, now.intValue() - 1));
            showTried(samples); // a sample tried before the set's size was known (the gallery's Explain)
        });
        // the number shown is the sample shown: the gallery's Explain tries one without the spinner
        model.sampleProperty().addListener((o, was, now) -> showTried(samples));
        Button trySample = new Button("Try sample");
        trySample.setId("tryit-try-sample");
        trySample.setOnAction(e -> model.useSample(sample.getValue()));
        HBox buttons = new HBox(6, open, paste);
        HBox sampleRow = new HBox(6, new Label("Sample #"), sample, trySample);
        sampleRow.setAlignment(Pos.CENTER_LEFT);

        pad.setOnDrawn(() -> model.useImage(pad.argb(), DrawingPad.SIDE, DrawingPad.SIDE, "drawing"));
        Button clear = new Button("Clear");
        clear.setId("tryit-clear");
        clear.setOnAction(e -> pad.clear());
        VBox padBox = new VBox(4, new Label("Draw (28×28 gray designs)"), pad, clear);
        padBox.disableProperty().bind(model.drawableProperty().not());
        Label drop = new Label("Drop an image file anywhere on this panel.");
        drop.setStyle("-fx-text-fill: #666;");
        // a CSV design's input is a row of values: the table takes the pictures', drop's and pad's place
        RowTable rowTable = new RowTable(model);
        open.textProperty().bind(Bindings.when(model.rowsProperty()).then("Open CSV…").otherwise("Open image…"));
        for (javafx.scene.Node imageOnly : List.of(pictures, drop, paste, padBox)) {
            imageOnly.visibleProperty().bind(model.rowsProperty().not());
            imageOnly.managedProperty().bind(imageOnly.visibleProperty());
        }
        rowTable.visibleProperty().bind(model.rowsProperty());
        rowTable.managedProperty().bind(rowTable.visibleProperty());
        VBox column = section("Input", new VBox(6, pictures, rowTable, notes, drop, buttons, sampleRow, padBox));
        column.disableProperty().bind(model.runProperty().isNull());
        return column;
    }

    /** Shows the sample last tried in the spinner, where the run's set is known to hold it. */
    private void showTried(SpinnerValueFactory.IntegerSpinnerValueFactory samples) {
        int tried = model.sampleProperty().get();
        if (tried >= 0 && tried <= samples.getMax()) {
            samples.setValue(tried);
        }
    }

    private VBox explanationColumn() {
        ComboBox<TryItModel.Method> method = new ComboBox<>();
        method.setId("tryit-method");
        method.getItems().setAll(TryItModel.Method.values());
        method.setCellFactory(list -> new MethodCell());
        method.valueProperty().bindBidirectional(model.methodProperty());
        ComboBox<String> target = new ComboBox<>();
        target.setId("tryit-class");
        Runnable fillClasses = () -> {
            List<String> items = new ArrayList<>();
            items.add("The predicted class");
            items.addAll(model.classes());
            target.getItems().setAll(items);
            Integer chosen = model.targetProperty().get();
            target.getSelectionModel().select(chosen == null || chosen + 1 >= items.size() ? 0 : chosen + 1);
        };
        model.classes().addListener((ListChangeListener<String>) c -> fillClasses.run());
        fillClasses.run();
        target.getSelectionModel().selectedIndexProperty().addListener((o, was, now) ->
                model.targetProperty().set(now.intValue() <= 0 ? null : now.intValue() - 1));
        ComboBox<String> layer = new ComboBox<>(model.layers());
        layer.setId("tryit-layer");
        layer.valueProperty().bindBidirectional(model.layerProperty());

        ComboBox<String> attentionLayer = new ComboBox<>(model.attentionLayers());
        attentionLayer.setId("tryit-attention-layer");
        attentionLayer.valueProperty().bindBidirectional(model.attentionLayerProperty());
        AttentionChoices choices = new AttentionChoices(model);

        GridPane settings = new GridPane();
        settings.setHgap(8);
        settings.setVgap(4);
        ComboBox<Baseline> baseline = new ComboBox<>();
        baseline.setId("tryit-baseline");
        Runnable baselines = () -> {
            Baseline chosen = model.baselineProperty().get();
            List<Baseline> offered = model.rowsProperty().get() ? List.of(Baseline.BLACK, Baseline.MEAN)
                    : List.of(Baseline.values()); // a row has nothing to blur
            baseline.getItems().setAll(offered);
            // new items clear the box's value, and with it the model's: the choice is put back where it is offered
            model.baselineProperty().set(offered.contains(chosen) ? chosen : Baseline.MEAN);
        };
        baselines.run();
        model.rowsProperty().addListener((o, was, now) -> baselines.run());
        baseline.valueProperty().bindBidirectional(model.baselineProperty());
        ComboBox<SegmentMethod> segments = new ComboBox<>();
        segments.setId("tryit-segments");
        segments.getItems().setAll(SegmentMethod.values());
        segments.valueProperty().bindBidirectional(model.segmentsProperty());
        segments.setTooltip(new Tooltip("The parts of the image switched on and off: automatic (a 7×7 grid up to "
                + "28×28, SLIC above), a 7×7 grid, about 49 SLIC superpixels (compact regions of like colour), or "
                + "Felzenszwalb–Huttenlocher regions (as many as the picture's edges make)."));
        List<Setting> all = List.of(
                new Setting("Layer", layer, TryItModel.Method.GRADCAM),
                new Setting("Steps", field("tryit-steps", model.stepsProperty()), TryItModel.Method.IG),
                new Setting("Baseline", baseline, TryItModel.Method.IG, TryItModel.Method.OCCLUSION,
                        TryItModel.Method.LIME, TryItModel.Method.SHAP),
                new Setting("Patch", field("tryit-patch", model.patchProperty()), TryItModel.Method.OCCLUSION),
                new Setting("Stride", field("tryit-stride", model.strideProperty()), TryItModel.Method.OCCLUSION),
                new Setting("Perturbations", field("tryit-perturbations", model.perturbationsProperty()),
                        TryItModel.Method.LIME, TryItModel.Method.SHAP),
                new Setting("Segments", segments, TryItModel.Method.LIME, TryItModel.Method.SHAP),
                new Setting("Layer", attentionLayer, TryItModel.Method.ATTENTION),
                new Setting("Head", choices.heads(), TryItModel.Method.ATTENTION),
                new Setting("Over the input", choices.tokens(), TryItModel.Method.ATTENTION));
        // only the chosen method's settings, as rows of their own (hidden rows would still take the grid's gaps)
        Runnable layOut = () -> {
            settings.getChildren().clear();
            settings.addRow(0, new Label("Method"), method);
            int row = 1;
            if (model.methodProperty().get() != TryItModel.Method.ATTENTION) { // the same weights for every class
                settings.addRow(row++, new Label("Class"), target);
            }
            for (Setting setting : all) {
                boolean shown = setting.control() != segments || !model.rowsProperty().get(); // a row's: its features
                if (shown && setting.methods().contains(model.methodProperty().get())) {
                    settings.addRow(row++, new Label(setting.name()), setting.control());
                }
            }
        };
        model.methodProperty().addListener((o, was, now) -> layOut.run());
        model.rowsProperty().addListener((o, was, now) -> layOut.run());
        layOut.run();

        Button explain = new Button("Explain");
        explain.setId("tryit-explain");
        explain.setDefaultButton(false);
        explain.disableProperty().bind(model.readyProperty().not().or(model.explainingProperty()));
        explain.setOnAction(e -> model.explain());
        Button cancel = new Button("Cancel");
        cancel.setId("tryit-cancel");
        cancel.disableProperty().bind(model.explainingProperty().not());
        cancel.setOnAction(e -> model.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("tryit-progress");
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.explainingProperty());
        HBox actions = new HBox(6, explain, cancel, progress);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label faithfulness = new Label();
        faithfulness.setId("tryit-faithfulness");
        faithfulness.setWrapText(true);
        faithfulness.setMaxWidth(420);
        faithfulness.textProperty().bind(Bindings.createStringBinding(() -> {
            TryItModel.AttentionMap attention = model.attentionProperty().get();
            if (attention != null) {
                return AttentionChoices.reading(attention, model.tokenProperty().get());
            }
            TryItModel.Explanation shown = model.explanationProperty().get();
            return shown == null ? "Deletion and insertion areas show whether the map is faithful: deletion lower and "
                    + "insertion higher than a random ordering's." : shown.title() + "\n" + shown.faithfulness();
        }, model.explanationProperty(), model.attentionProperty(), model.tokenProperty()));
        matrix.visibleProperty().bind(model.attentionProperty().isNotNull());
        matrix.managedProperty().bind(matrix.visibleProperty());
        VBox beside = new VBox(8, matrix);
        // a CSV design's explanation is a bar per feature, where an image's is a map over it
        featureChart.viewer().setId("tryit-feature-chart");
        featureChart.viewer().setPrefSize(440, 300);
        featureChart.viewer().setMinSize(440, 300);
        featureChart.viewer().visibleProperty().bind(model.perFeatureProperty().isNotNull());
        featureChart.viewer().managedProperty().bind(featureChart.viewer().visibleProperty());
        heatMap.visibleProperty().bind(model.rowsProperty().not());
        heatMap.managedProperty().bind(heatMap.visibleProperty());
        model.perFeatureProperty().addListener((o, was, now) -> showPerFeature());
        HBox pictures = new HBox(12, heatMap, featureChart.viewer(), beside);
        pictures.setFillHeight(false); // the map keeps its size when the reading beside it is tall
        VBox column = new VBox(8, settings, actions, pictures, faithfulness);
        // attention's reading goes under its matrix, where there is room; the other methods' areas under their map
        model.attentionProperty().addListener((o, was, now) -> {
            VBox home = now != null ? beside : column;
            if (faithfulness.getParent() != home) {
                home.getChildren().add(faithfulness);
            }
        });
        return section("Explanation", column);
    }

    /** A method's setting: its name, its control, and the methods that use it. */
    private record Setting(String name, javafx.scene.Node control, List<TryItModel.Method> methods) {
        Setting(String name, javafx.scene.Node control, TryItModel.Method... methods) {
            this(name, control, List.of(methods));
        }
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(6);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static VBox section(String title, javafx.scene.Node content) {
        Label heading = new Label(title);
        heading.setStyle("-fx-font-weight: bold;");
        return new VBox(6, heading, content);
    }

    private static ImageView picture() {
        ImageView view = new ImageView();
        view.setFitWidth(PICTURE);
        view.setFitHeight(PICTURE);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        return view;
    }

    private void showInput() {
        var examples = model.seenProperty().get();
        seen.setImage(examples != null && ExampleImage.isImage(examples) ? ExampleImage.of(examples, 0,
                Math.max(1, PICTURE / Math.max(examples.height(), examples.width()))) : null);
        Path file = model.originalProperty().get();
        if (file != null && !file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            original.setImage(new Image(file.toUri().toString(), PICTURE, PICTURE, true, false, true));
        } else {
            original.setImage(seen.getImage()); // a sample is its own original
        }
        showExplanation();
    }

    private void showExplanation() {
        TryItModel.AttentionMap attention = model.attentionProperty().get();
        var seenNow = model.seenProperty().get();
        if (attention != null) {
            Integer token = model.tokenProperty().get();
            matrix.show(attention.matrix(), token);
            boolean rowTokens = seenNow != null && seenNow.height() == attention.tokens();
            heatMap.showShares(seenNow, rowTokens ? AttentionChoices.rowBands(attention, token, seenNow.width()) : null,
                    seenNow == null ? 0 : seenNow.height(), seenNow == null ? 0 : seenNow.width());
            return;
        }
        matrix.show(null, null);
        TryItModel.Explanation shown = model.explanationProperty().get();
        heatMap.show(model.seenProperty().get(), shown == null ? null : shown.map(), shown == null ? 0 : shown.height(),
                shown == null ? 0 : shown.width(), shown == null ? null : shown.segmentOf());
    }

    private void showPerFeature() {
        FeatureAttributions shown = model.perFeatureProperty().get();
        TryItModel.Explanation explained = model.explanationProperty().get();
        TryItModel.Method method = shown == null ? null : TryItModel.Method.byId(shown.method());
        featureChart.show(shown, shown == null || explained == null ? null : (method == null ? shown.method()
                : method.toString()) + " for " + explained.className());
    }

    /** The per-feature chart of a CSV design's explanation (for tests and screenshots). */
    public FeatureAttributionChart featureChart() {
        return featureChart;
    }

    /** Tries the clipboard's picture, or its first file. */
    public void paste() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasImage() && clipboard.getImage() != null) {
            Image image = clipboard.getImage();
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            int[] argb = new int[w * h];
            image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            model.useImage(argb, w, h, "pasted picture");
        } else if (clipboard.hasFiles() && !clipboard.getFiles().isEmpty()) {
            model.useFile(clipboard.getFiles().get(0).toPath());
        } else {
            model.say("The clipboard holds no picture and no file: copy an image first.");
        }
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && model.runProperty().get() != null) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        boolean done = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
        if (done) {
            model.useFile(e.getDragboard().getFiles().get(0).toPath());
        }
        e.setDropCompleted(done);
        e.consume();
    }

    /** A method in the list; Attention is greyed, cannot be chosen and says why when the design has no attention. */
    private final class MethodCell extends ListCell<TryItModel.Method> {
        private final Tooltip why = new Tooltip(TryItModel.NO_ATTENTION);

        MethodCell() {
            model.hasAttentionProperty().addListener((o, was, now) -> look());
            // not setDisable: a disabled cell would show no tooltip
            javafx.event.EventHandler<javafx.scene.input.MouseEvent> refuse = e -> {
                if (unavailable()) {
                    e.consume();
                }
            };
            addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, refuse);
            addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, refuse);
        }

        private boolean unavailable() {
            return getItem() == TryItModel.Method.ATTENTION && !model.hasAttentionProperty().get();
        }

        @Override
        protected void updateItem(TryItModel.Method item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.toString());
            look();
        }

        private void look() {
            boolean off = unavailable();
            setTooltip(off ? why : null);
            setStyle(off ? "-fx-text-fill: #999;" : "");
        }
    }

    private static final class RunCell extends ListCell<RunRecord> {
        @Override
        protected void updateItem(RunRecord run, boolean empty) {
            super.updateItem(run, empty);
            setText(empty || run == null ? null : run.name() + "  " + run.result());
        }
    }
}
