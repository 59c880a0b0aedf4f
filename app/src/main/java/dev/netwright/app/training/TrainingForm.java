package dev.netwright.app.training;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.EngineChoices;
import dev.netwright.runtime.train.RunRequest;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import java.util.Locale;

/**
 * The training settings: optimizer, learning rate, batch size, epochs, L2, dropout override, early stopping,
 * seed, backend, and sample limits. {@link #request} turns them into a {@link RunRequest} or says which
 * field is wrong.
 */
public final class TrainingForm {
    private final GridPane grid = new GridPane();
    private final ComboBox<TrainingSettings.Optimizer> optimizer = new ComboBox<>();
    private final TextField learningRate = field("0.001", "Step size of the optimizer, e.g. 0.001 for Adam, 0.01 for SGD.");
    private final Spinner<Integer> batchSize = new Spinner<>(1, 4096, 64, 16);
    private final Spinner<Integer> epochs = new Spinner<>(1, 10_000, 1);
    private final TextField l2 = field("0", "L2 weight decay; 0 is off.");
    private final CheckBox dropoutOverride = new CheckBox("Dropout");
    private final TextField dropoutRate = field("0.5", "Rate for every Dropout layer in this run (0 to 0.95); the design keeps its own.");
    private final Spinner<Integer> patience = new Spinner<>(0, 1000, 0);
    private final TextField seed = field("42", "Random seed: the same seed, data and settings train the same model.");
    private final ComboBox<Backend> backend = new ComboBox<>();
    private final Spinner<Integer> maxTrain = new Spinner<>(0, 10_000_000, 0, 1000); // 0: all
    private final Spinner<Integer> maxValidation = new Spinner<>(0, 10_000_000, 0, 100);
    private final BooleanProperty editable = new SimpleBooleanProperty(true);

    public TrainingForm() {
        optimizer.getItems().setAll(TrainingSettings.Optimizer.values());
        optimizer.setValue(TrainingSettings.Optimizer.ADAM);
        backend.getItems().setAll(Backend.values());
        backend.setValue(Backend.AUTO);
        backend.setTooltip(new Tooltip("AUTO trains on a supported NVIDIA GPU when this is the CUDA build, else on the CPU."));
        for (Spinner<Integer> s : java.util.List.of(batchSize, epochs, patience, maxTrain, maxValidation)) {
            s.setEditable(true);
            s.setPrefWidth(110);
        }
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

        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        int row = 0;
        row = add(row, "Optimizer", optimizer, "Learning rate", learningRate);
        row = add(row, "Batch size", batchSize, "Epochs", epochs);
        row = add(row, "L2", l2, "Patience", patience);
        grid.add(dropoutOverride, 0, row);
        grid.add(dropoutRate, 1, row);
        grid.add(new Label("Seed"), 2, row);
        grid.add(seed, 3, row++);
        row = add(row, "Backend", backend, "", new Label());
        add(row, "Train samples", maxTrain, "Val. samples", maxValidation);
        grid.disableProperty().bind(editable.not());
        dropoutOverride.setTooltip(new Tooltip("Override the rate of every Dropout layer for this run; the design keeps its own."));
        for (int column = 0; column < 4; column++) {
            javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.getColumnConstraints().add(c);
        }
    }

    public GridPane view() {
        return grid;
    }

    /** False while a run uses the settings. */
    public BooleanProperty editableProperty() {
        return editable;
    }

    /** The run these settings describe, for {@code design} on {@code data}; a wrong field is an IllegalArgumentException naming it. */
    public RunRequest request(Design design, String data) {
        double lr = number(learningRate, "Learning rate");
        double l2Value = number(l2, "L2");
        long seedValue;
        try {
            seedValue = Long.parseLong(seed.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Seed must be a whole number, not '" + seed.getText() + "'");
        }
        Design run = design;
        if (dropoutOverride.isSelected()) {
            double rate = number(dropoutRate, "Dropout rate");
            if (rate < 0 || rate > 0.95) {
                throw new IllegalArgumentException("Dropout rate must be between 0 and 0.95, not " + rate);
            }
            run = DesignTweaks.withDropout(design, rate);
        }
        TrainingSettings settings = TrainingSettings.defaults().withOptimizer(optimizer.getValue())
                .withLearningRate(lr).withL2(l2Value).withSeed(seedValue);
        return new RunRequest(run, data, settings, epochs.getValue(), batchSize.getValue(), Normalisation.SCALE_0_1,
                0.1, patience.getValue(), backend.getValue(), maxTrain.getValue(), maxValidation.getValue(), null, null,
                EngineChoices.forDesign(run));
    }

    /** Sets the fields from an earlier run's request (to train again with its settings). */
    public void show(RunRequest request) {
        optimizer.setValue(request.settings().optimizer());
        learningRate.setText(format(request.settings().learningRate()));
        l2.setText(format(request.settings().l2()));
        seed.setText(Long.toString(request.settings().seed()));
        batchSize.getValueFactory().setValue(request.batchSize());
        epochs.getValueFactory().setValue(request.epochs());
        patience.getValueFactory().setValue(request.earlyStoppingPatience());
        backend.setValue(request.backend());
        maxTrain.getValueFactory().setValue(request.maxTrainExamples());
        maxValidation.getValueFactory().setValue(request.maxValidationExamples());
    }

    /** Sets the epochs and sample limits (a quick trial run; also used by tests). */
    public void setQuickRun(int epochCount, int trainLimit, int validationLimit) {
        epochs.getValueFactory().setValue(epochCount);
        maxTrain.getValueFactory().setValue(trainLimit);
        maxValidation.getValueFactory().setValue(validationLimit);
    }

    private int add(int row, String a, javafx.scene.Node first, String b, javafx.scene.Node second) {
        grid.add(new Label(a), 0, row);
        grid.add(first, 1, row);
        grid.add(new Label(b), 2, row);
        grid.add(second, 3, row);
        return row + 1;
    }

    private static TextField field(String value, String help) {
        TextField f = new TextField(value);
        f.setPrefColumnCount(8);
        f.setTooltip(new Tooltip(help));
        return f;
    }

    private static double number(TextField field, String name) {
        try {
            double value = Double.parseDouble(field.getText().strip());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + field.getText() + "'");
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
