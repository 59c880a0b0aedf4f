package dev.netwright.app.training;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.RunRequest;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import java.util.Objects;

/**
 * The training settings' controls: optimizer, learning rate and its schedule (the type, and its one or two values
 * where it has them), batch size, epochs, L2, dropout override, early stopping,
 * seed, backend, image augmentation (its spec, in the backend's row), fine-tuning (the pretrained nodes' rate factor,
 * head-first epochs and gradual unfreezing), sample limits and knowledge distillation (the teacher run, α and T). The values and their checks are the {@link TrainingSettingsModel}'s; the controls
 * only bind to it. The run's engine choices (LSTM engine, oneDNN, threads) are the model's too, at their defaults or
 * an earlier run's; they have no controls yet: another row pushed the Train button out of sight in the window's
 * default size (TrainingWindowTest).
 */
public final class TrainingForm {
    private final TrainingSettingsModel model;
    private final GridPane grid = new GridPane();
    private final ComboBox<TrainingSettings.Optimizer> optimizer = new ComboBox<>();
    private final TextField learningRate = field("Step size of the optimizer, e.g. 0.001 for Adam, 0.01 for SGD.");
    private final Spinner<Integer> batchSize = new Spinner<>(1, TrainingPlan.MAX_BATCH_SIZE, RunRequest.DEFAULT_BATCH_SIZE, 16);
    private final Spinner<Integer> epochs = new Spinner<>(1, TrainingPlan.MAX_EPOCHS, RunRequest.DEFAULT_EPOCHS);
    private final TextField l2 = field("L2 weight decay; 0 is off.");
    private final CheckBox dropoutOverride = new CheckBox("Dropout");
    private final TextField dropoutRate = field("Rate for every Dropout layer in this run (0 to 0.95); the design keeps its own.");
    private final Spinner<Integer> patience = new Spinner<>(0, TrainingPlan.MAX_PATIENCE, RunRequest.DEFAULT_PATIENCE);
    private final TextField seed = field("Random seed: the same seed, data and settings train the same model.");
    private final ComboBox<Backend> backend = new ComboBox<>();
    private final Spinner<Integer> maxTrain = new Spinner<>(0, TrainingPlan.MAX_EXAMPLES, RunRequest.DEFAULT_EXAMPLE_LIMIT, 1000); // 0: all
    private final Spinner<Integer> maxValidation = new Spinner<>(0, TrainingPlan.MAX_EXAMPLES, RunRequest.DEFAULT_EXAMPLE_LIMIT, 100);
    private final TextField augmentation = field("Augment the training images at random (image Inputs only): none, or "
            + "settings joined by commas - shift=PIXELS (move up to that far), flip (mirror half of them), "
            + "rotate=DEGREES (turn up to that far either way), crop=PIXELS (pad, then crop back at random), "
            + "erase=PROBABILITY (blank a rectangle of 2-33 % of the image). E.g. shift=2,flip,rotate=10. "
            + "Validation images are never changed; the Data tab previews it.");
    private final TextField pretrainedRateFactor = field("Fine-tuning a design that has weights: the learning rate of "
            + "the nodes that start from them, as a factor of the run's (times a node's own), e.g. 0.1; nodes that "
            + "start from random weights keep the run's rate. 1 is off.");
    private final Spinner<Integer> headFirst = new Spinner<>(0, TrainingPlan.MAX_EPOCHS, 0);
    private final Spinner<Integer> unfreezeEvery = new Spinner<>(0, TrainingPlan.MAX_EPOCHS, 0);
    private final Button distilFrom = new Button("Distil from run…");
    private final Label teacher = new Label();
    private final Button noTeacher = new Button("✕");
    private final TextField distilAlpha = field("Distillation: the labels' share of the loss, from 0 (the teacher's "
            + "softened outputs alone) to 1 (the labels alone); loss = α·cross-entropy + (1−α)·T²·KL(teacher ‖ student).");
    private final TextField distilTemperature = field("Distillation: the temperature T that softens the teacher's and "
            + "the student's outputs, above 0 (1 leaves them alone; 2 to 5 is usual).");
    /** Asks for the teacher's run folder; null when the user cancels. A seam: tests answer without a native dialog. */
    private java.util.function.Function<javafx.stage.Window, java.io.File> teacherChooser = TrainingForm::chooseRunFolder;
    private final ComboBox<String> scheduleType = new ComboBox<>();
    private final Label firstLabel = new Label();
    private final TextField first = field("");
    private final Label secondLabel = new Label();
    private final TextField second = field("");
    private final BooleanProperty editable = new SimpleBooleanProperty(true);

    public TrainingForm() {
        this(new TrainingSettingsModel());
    }

    public TrainingForm(TrainingSettingsModel model) {
        this.model = Objects.requireNonNull(model, "model");
        optimizer.getItems().setAll(TrainingSettings.Optimizer.values());
        backend.getItems().setAll(Backend.values());
        backend.setTooltip(new Tooltip("AUTO trains on a supported NVIDIA GPU when this is the CUDA build, else on the CPU."));
        for (Spinner<Integer> s : java.util.List.of(batchSize, epochs, patience, maxTrain, maxValidation)) {
            s.setEditable(true);
            s.setPrefWidth(110);
        }
        for (Spinner<Integer> s : java.util.List.of(headFirst, unfreezeEvery)) {
            s.setEditable(true);
            s.setPrefWidth(70);
        }
        headFirst.setTooltip(new Tooltip("Fine-tuning a design that has weights: for this many epochs only the nodes "
                + "without weights (a new head) train, the others frozen; then every node trains. 0 is off."));
        unfreezeEvery.setTooltip(new Tooltip("Fine-tuning a design that has weights: the nodes with weights start "
                + "frozen and one more trains every N epochs, from the output backwards (after the head-first "
                + "epochs). 0 is off."));
        pretrainedRateFactor.setId("pretrained-lr-factor");
        headFirst.setId("head-first");
        unfreezeEvery.setId("unfreeze-every");
        distilFrom.setId("distil-from");
        teacher.setId("distil-teacher");
        noTeacher.setId("distil-off");
        distilAlpha.setId("distil-alpha");
        distilTemperature.setId("distil-temperature");
        distilAlpha.setPrefColumnCount(4);
        distilTemperature.setPrefColumnCount(4);
        distilFrom.setTooltip(new Tooltip("Knowledge distillation: train this design (the student) against a finished "
                + "run's model (the teacher) as well as the labels. The teacher must predict the same classes from the "
                + "same input; it runs in the training worker."));
        noTeacher.setTooltip(new Tooltip("Stop distilling: train on the labels alone."));
        teacher.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        teacher.setMaxWidth(160);
        patience.setTooltip(new Tooltip("Early stopping: stop after this many epochs without a better validation loss; 0 is off."));
        maxTrain.setTooltip(new Tooltip("Use only the first N training samples; 0 uses all."));
        maxValidation.setTooltip(new Tooltip("Use only the first N validation samples; 0 uses all."));
        dropoutRate.disableProperty().bind(dropoutOverride.selectedProperty().not());
        optimizer.setId("optimizer");
        learningRate.setId("learning-rate");
        batchSize.setId("batch-size");
        epochs.setId("epochs");
        maxTrain.setId("max-train");
        maxValidation.setId("max-validation");
        backend.setId("backend");
        augmentation.setId("augmentation");
        augmentation.setPromptText("none");
        scheduleType.setId("lr-schedule");
        first.setId("lr-schedule-first");
        second.setId("lr-schedule-second");
        scheduleType.getItems().setAll(ScheduleFields.types());
        scheduleType.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String type) {
                return type == null ? "" : ScheduleFields.displayName(type);
            }

            @Override
            public String fromString(String name) {
                return ScheduleFields.types().stream().filter(t -> ScheduleFields.displayName(t).equals(name))
                        .findFirst().orElse(null);
            }
        });
        scheduleType.setTooltip(new Tooltip("How the learning rate changes over the run; the LR chart draws the plan "
                + "(dashed) once the number of training samples is known."));
        bind();

        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        int row = 0;
        row = add(row, "Optimizer", optimizer, "Learning rate", learningRate);
        grid.add(new Label("Schedule"), 0, row);
        grid.add(scheduleType, 1, row);
        grid.add(firstLabel, 2, row);
        grid.add(first, 3, row++);
        grid.add(secondLabel, 2, row);
        grid.add(second, 3, row++);
        row = add(row, "Batch size", batchSize, "Epochs", epochs);
        row = add(row, "L2", l2, "Patience", patience);
        grid.add(dropoutOverride, 0, row);
        grid.add(dropoutRate, 1, row);
        grid.add(new Label("Seed"), 2, row);
        grid.add(seed, 3, row++);
        row = add(row, "Backend", backend, "Augment", augmentation);
        javafx.scene.layout.HBox unfreezing = new javafx.scene.layout.HBox(6, headFirst, new Label("unfreeze every"),
                unfreezeEvery);
        unfreezing.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row = add(row, "Pretrained LR ×", pretrainedRateFactor, "Head first", unfreezing);
        row = add(row, "Train samples", maxTrain, "Val. samples", maxValidation);
        javafx.scene.layout.HBox distilling = new javafx.scene.layout.HBox(6, distilFrom, teacher, noTeacher);
        distilling.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.HBox softening = new javafx.scene.layout.HBox(6, distilAlpha, new Label("T"), distilTemperature);
        softening.getStyleClass().add("hbox");
        softening.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        add(row, "Distil", distilling, "α", softening);
        grid.disableProperty().bind(editable.not());
        grid.getStyleClass().add("training-form");
        grid.getStylesheets().add(Objects.requireNonNull(TrainingForm.class.getResource("training-form.css"),
                "training-form.css").toExternalForm()); // disabled text fields look as disabled as the spinners
        dropoutOverride.setTooltip(new Tooltip("Override the rate of every Dropout layer for this run; the design keeps its own."));
        for (int column = 0; column < 4; column++) {
            javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.getColumnConstraints().add(c);
        }
    }

    /** Every control shows and edits one of the model's values. */
    private void bind() {
        optimizer.valueProperty().bindBidirectional(model.optimizerProperty());
        learningRate.textProperty().bindBidirectional(model.learningRateProperty());
        batchSize.getValueFactory().valueProperty().bindBidirectional(model.batchSizeProperty());
        epochs.getValueFactory().valueProperty().bindBidirectional(model.epochsProperty());
        l2.textProperty().bindBidirectional(model.l2Property());
        dropoutOverride.selectedProperty().bindBidirectional(model.dropoutOverrideProperty());
        dropoutRate.textProperty().bindBidirectional(model.dropoutRateProperty());
        patience.getValueFactory().valueProperty().bindBidirectional(model.patienceProperty());
        seed.textProperty().bindBidirectional(model.seedProperty());
        backend.valueProperty().bindBidirectional(model.backendProperty());
        maxTrain.getValueFactory().valueProperty().bindBidirectional(model.maxTrainProperty());
        maxValidation.getValueFactory().valueProperty().bindBidirectional(model.maxValidationProperty());
        augmentation.textProperty().bindBidirectional(model.augmentationProperty());
        pretrainedRateFactor.textProperty().bindBidirectional(model.pretrainedRateFactorProperty());
        headFirst.getValueFactory().valueProperty().bindBidirectional(model.headFirstProperty());
        unfreezeEvery.getValueFactory().valueProperty().bindBidirectional(model.unfreezeEveryProperty());
        bindDistillation();
        ScheduleFields schedule = model.schedule();
        scheduleType.valueProperty().bindBidirectional(schedule.typeProperty());
        first.textProperty().bindBidirectional(schedule.firstProperty());
        second.textProperty().bindBidirectional(schedule.secondProperty());
        firstLabel.textProperty().bind(schedule.firstLabelProperty());
        secondLabel.textProperty().bind(schedule.secondLabelProperty());
        for (javafx.scene.Node n : java.util.List.of(firstLabel, first)) {
            n.visibleProperty().bind(schedule.countProperty().greaterThan(0));
            n.managedProperty().bind(n.visibleProperty());
        }
        for (javafx.scene.Node n : java.util.List.of(secondLabel, second)) {
            n.visibleProperty().bind(schedule.countProperty().greaterThan(1));
            n.managedProperty().bind(n.visibleProperty());
        }
        schedule.typeProperty().addListener((o, old, now) -> helpForValues());
        helpForValues();
    }

    /** The teacher's folder shows by its name (the whole path in its tooltip); α, T and ✕ work only with a teacher. */
    private void bindDistillation() {
        distilAlpha.textProperty().bindBidirectional(model.distilAlphaProperty());
        distilTemperature.textProperty().bindBidirectional(model.distilTemperatureProperty());
        javafx.beans.binding.BooleanBinding off = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.distilFromProperty().get() == null || model.distilFromProperty().get().isBlank(),
                model.distilFromProperty());
        teacher.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> off.get() ? "off"
                : java.nio.file.Path.of(model.distilFromProperty().get()).getFileName().toString(),
                model.distilFromProperty()));
        Tooltip path = new Tooltip();
        path.textProperty().bind(javafx.beans.binding.Bindings.when(off).then("No teacher: the run trains on the "
                + "labels alone.").otherwise(javafx.beans.binding.Bindings.concat("Teacher run: ",
                model.distilFromProperty())));
        teacher.setTooltip(path);
        for (javafx.scene.Node n : java.util.List.of(distilAlpha, distilTemperature, noTeacher)) {
            n.disableProperty().bind(off);
        }
        distilFrom.setOnAction(e -> {
            java.io.File chosen = teacherChooser.apply(grid.getScene() == null ? null : grid.getScene().getWindow());
            if (chosen != null) {
                model.distilFromProperty().set(chosen.getAbsolutePath());
            }
        });
        noTeacher.setOnAction(e -> model.distilFromProperty().set(""));
    }

    /** The native folder chooser, opening on the runs folder where there is one. */
    private static java.io.File chooseRunFolder(javafx.stage.Window owner) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Distil from run: choose the folder of a finished run (the teacher)");
        java.io.File runs = new java.io.File("runs");
        if (runs.isDirectory()) {
            chooser.setInitialDirectory(runs.getAbsoluteFile());
        }
        return chooser.showDialog(owner);
    }

    /** Answers "Distil from run…" with {@code chooser} instead of the native folder chooser (tests). */
    void setTeacherChooser(java.util.function.Function<javafx.stage.Window, java.io.File> chooser) {
        teacherChooser = Objects.requireNonNull(chooser, "chooser");
    }

    /** The values' tooltips say what the chosen type's values mean. */
    private void helpForValues() {
        java.util.List<String> fields = model.schedule().fields();
        first.getTooltip().setText(fields.size() > 0 ? ScheduleFields.help(fields.get(0)) : "");
        second.getTooltip().setText(fields.size() > 1 ? ScheduleFields.help(fields.get(1)) : "");
    }

    public GridPane view() {
        return grid;
    }

    /** The values behind the controls. */
    public TrainingSettingsModel model() {
        return model;
    }

    /** False while a run uses the settings. */
    public BooleanProperty editableProperty() {
        return editable;
    }

    /** The run these settings describe, for {@code design} on {@code data}; a wrong field is an IllegalArgumentException naming it. */
    public RunRequest request(Design design, String data) {
        return model.request(design, data);
    }

    /** Sets the fields from an earlier run's request (to train again with its settings). */
    public void show(RunRequest request) {
        model.show(request);
    }

    /** Sets the epochs and sample limits (a quick trial run; also used by tests). */
    public void setQuickRun(int epochCount, int trainLimit, int validationLimit) {
        model.setQuickRun(epochCount, trainLimit, validationLimit);
    }

    private int add(int row, String a, javafx.scene.Node first, String b, javafx.scene.Node second) {
        grid.add(new Label(a), 0, row);
        grid.add(first, 1, row);
        grid.add(new Label(b), 2, row);
        grid.add(second, 3, row);
        return row + 1;
    }

    private static TextField field(String help) {
        TextField f = new TextField();
        f.setPrefColumnCount(8);
        f.setTooltip(new Tooltip(help));
        return f;
    }
}
