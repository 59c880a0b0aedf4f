package dev.netwright.app.window;

import dev.netwright.app.training.RunState;
import dev.netwright.app.training.TrainingModel;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.weights.WeightsStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

import java.util.List;
import java.util.Locale;

/**
 * The status bar's view model: the run's state and sentence, the open design's parameter count (and its non-zeros when
 * its weights are pruned) and errors, and the
 * backend (the probe's answer, or where the run trains). It follows the open design's document and training model;
 * the {@link StatusBar} only binds to it. For the UI thread.
 */
public final class StatusBarModel {
    static final String NO_DESIGN = "No design open";

    private final ReadOnlyStringWrapper run = new ReadOnlyStringWrapper(this, "run", "Idle");
    private final ReadOnlyStringWrapper parameters = new ReadOnlyStringWrapper(this, "parameters", "");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper(this, "problems", "");
    private final ReadOnlyBooleanWrapper hasErrors = new ReadOnlyBooleanWrapper(this, "hasErrors");
    private final ReadOnlyStringWrapper backend = new ReadOnlyStringWrapper(this, "backend", "Backend: checking…");
    private final ChangeListener<Object> refresh = (o, was, now) -> refresh();
    private String backendMessage = "checking…";
    private DesignDocument document;
    private TrainingModel training;

    /** "Idle", "Training — CPU · 4 cores", "Idle — Failed: …", or that no design is open. */
    public ReadOnlyStringProperty runProperty() {
        return run.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty parametersProperty() {
        return parameters.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** Whether the design has errors (the problems are shown as a warning). */
    public ReadOnlyBooleanProperty hasErrorsProperty() {
        return hasErrors.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty backendProperty() {
        return backend.getReadOnlyProperty();
    }

    /** Follows this design and its training from now on; nulls when no design is open. */
    public void show(DesignDocument openDocument, TrainingModel itsTraining) {
        for (ObservableValue<?> source : sources()) {
            source.removeListener(refresh);
        }
        document = openDocument;
        training = itsTraining;
        for (ObservableValue<?> source : sources()) {
            source.addListener(refresh);
        }
        refresh();
    }

    /** The backend probe's answer: what a run would train on, shown while no run is training. */
    public void backendProbed(String message) {
        backendMessage = "Backend: " + message;
        refresh();
    }

    private List<ObservableValue<?>> sources() {
        if (document == null || training == null) {
            return List.of();
        }
        return List.of(training.stateProperty(), training.messageProperty(), training.whereProperty(),
                document.errorCountProperty(),
                document.totalParamsProperty(), document.checkProperty(), document.weightsStatusProperty());
    }

    private void refresh() {
        if (document == null || training == null) {
            parameters.set("");
            problems.set("");
            hasErrors.set(false);
            run.set(NO_DESIGN);
            backend.set(backendMessage);
            return;
        }
        long total = document.totalParamsProperty().get();
        long frozen = document.check().frozenParams();
        long zeros = document.weightsStatus().zeroWeights();
        // a pruned model's zeros: what it would cost sparse; trained dense weights are almost never exactly zero
        boolean sparse = zeros > 0 && zeros >= WeightsStatus.SPARSE * total;
        parameters.set(String.format(Locale.ROOT, "%,d parameters", total)
                + (sparse ? String.format(Locale.ROOT, ", %,d non-zero", total - zeros) : "")
                + (frozen == 0 ? "" : String.format(Locale.ROOT, " (%,d frozen)", frozen)));
        long errors = document.errorCountProperty().get();
        problems.set(errors == 0 ? "No errors" : errors + (errors == 1 ? " error" : " errors"));
        hasErrors.set(errors != 0);
        RunState state = training.state();
        String message = training.messageProperty().get();
        run.set(state.label() + (message == null || message.isBlank() ? "" : " \u2014 " + message));
        TrainingEvent.RunStarted started = training.metricsProperty().get().started();
        String where = training.whereProperty().get();
        backend.set(state.isActive() && !where.isEmpty() ? where // a run on a cluster
                : state.isActive() && started != null ? started.backend() + ": " + started.device() : backendMessage);
    }
}
