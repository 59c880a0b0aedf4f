package dev.netwright.app.window;

import dev.netwright.app.training.FakeWorker;
import dev.netwright.app.training.ManualTimers;
import dev.netwright.app.training.TrainingModel;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.weights.WeightSparsity;
import dev.netwright.runtime.weights.WeightsStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The status bar's texts from a document and a training model driven by a fake worker; no toolkit. */
class StatusBarModelTest {
    private static final String TINY = """
            {
              "formatVersion" : 1,
              "name" : "tiny",
              "nodes" : [ {
                "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 }
              }, {
                "id" : "output", "kind" : "Output", "x" : 200.0, "params" : { "units" : 3 }
              } ],
              "edges" : [ { "from" : "input", "to" : "output" } ]
            }
            """;

    @TempDir
    Path runs;

    private final StatusBarModel status = new StatusBarModel();
    private final ManualTimers timers = new ManualTimers();
    private FakeWorker worker;
    private final TrainingModel training = new TrainingModel((request, dir, listener) -> {
        worker = new FakeWorker(listener);
        return worker;
    }, Runnable::run, Runnable::run, timers);

    private static Design design(String json) {
        try {
            return new DesignJson().read(json, "test");
        } catch (DesignFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void beforeAnythingIsKnownItSaysIdleAndThatTheBackendIsBeingChecked() {
        assertThat(status.runProperty().get()).isEqualTo("Idle");
        assertThat(status.backendProperty().get()).isEqualTo("Backend: checking…");
        assertThat(status.parametersProperty().get()).isEmpty();
        assertThat(status.problemsProperty().get()).isEmpty();
    }

    @Test
    void withoutADesignItSaysSoAndShowsTheProbedBackend() {
        status.backendProbed("CPU (no NVIDIA GPU)");

        assertThat(status.runProperty().get()).isEqualTo("No design open");
        assertThat(status.backendProperty().get()).isEqualTo("Backend: CPU (no NVIDIA GPU)");
    }

    @Test
    void frozenParametersAreCountedApartAndFollowUndo() {
        DesignDocument document = new DesignDocument(design("""
                {
                  "formatVersion" : 1,
                  "name" : "tiny",
                  "nodes" : [ {
                    "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 }
                  }, {
                    "id" : "hidden", "kind" : "Dense", "x" : 200.0, "params" : { "units" : 2 }
                  }, {
                    "id" : "output", "kind" : "Output", "x" : 400.0, "params" : { "units" : 3 }
                  } ],
                  "edges" : [ { "from" : "input", "to" : "hidden" }, { "from" : "hidden", "to" : "output" } ]
                }
                """));
        status.show(document, training);
        assertThat(status.parametersProperty().get()).isEqualTo("19 parameters");

        document.execute(dev.netwright.designer.command.Edits.setTrainable("hidden", false));
        assertThat(status.parametersProperty().get()).isEqualTo("19 parameters (10 frozen)");
        document.commands().undo();
        assertThat(status.parametersProperty().get()).isEqualTo("19 parameters");
    }

    @Test
    void aPrunedDesignShowsItsNonZerosBesideItsParameters() {
        Design design = design(TINY).withWeights("/tmp/tiny.weights.npz");
        DesignDocument document = new DesignDocument(design);
        status.show(document, training);
        assertThat(status.parametersProperty().get()).isEqualTo("15 parameters");

        document.showWeightsStatus(design, new WeightsStatus("/tmp/tiny.weights.npz", Set.of("output"), List.of(),
                List.of(), null, true, Map.of("output", new WeightSparsity("output", 12, 3))));
        assertThat(status.parametersProperty().get()).isEqualTo("15 parameters, 6 non-zero");

        document.showWeightsStatus(design, new WeightsStatus("/tmp/tiny.weights.npz", Set.of("output"), List.of(),
                List.of(), null, true, Map.of("output", new WeightSparsity("output", 12, 12))));
        assertThat(status.parametersProperty().get()).isEqualTo("15 parameters");
    }

    @Test
    void anOpenDesignShowsItsParametersAndThatItHasNoErrors() {
        status.show(new DesignDocument(design(TINY)), training);

        assertThat(status.parametersProperty().get()).isEqualTo("15 parameters");
        assertThat(status.problemsProperty().get()).isEqualTo("No errors");
        assertThat(status.hasErrorsProperty().get()).isFalse();
        assertThat(status.runProperty().get()).isEqualTo("Idle");
    }

    @Test
    void aDesignWithErrorsCountsThemAsAWarning() {
        status.show(new DesignDocument(design(TINY.replace("\"edges\" : [ { \"from\" : \"input\", \"to\" : \"output\" } ]",
                "\"edges\" : [ ]"))), training);

        assertThat(status.problemsProperty().get()).matches("\\d+ errors?");
        assertThat(status.hasErrorsProperty().get()).isTrue();
    }

    @Test
    void aRunShowsItsStateSentenceAndDeviceAndTheProbedBackendAfterIt() {
        status.backendProbed("CPU");
        status.show(new DesignDocument(design(TINY)), training);

        training.start(RunRequest.of(design(TINY), "sample"), runs.resolve("run"));
        assertThat(status.runProperty().get()).isEqualTo("Starting… — " + FakeWorker.BACKEND);
        worker.emit(new TrainingEvent.RunStarted("CPU", "4 cores", 15, 640, 200, 1, 2, 64, "sample"));
        timers.tick();
        assertThat(status.runProperty().get()).isEqualTo("Training — CPU · 4 cores");
        assertThat(status.backendProperty().get()).isEqualTo("CPU: 4 cores");

        worker.exit(new TrainingEvent.Failed("it broke", 1, List.of()));
        assertThat(status.runProperty().get()).isEqualTo("Idle — Failed: it broke");
        assertThat(status.backendProperty().get()).isEqualTo("Backend: CPU");
    }

    @Test
    void closingTheDesignStopsFollowingIt() {
        DesignDocument document = new DesignDocument(design(TINY));
        status.show(document, training);

        status.show(null, null);
        training.start(RunRequest.of(design(TINY), "sample"), runs.resolve("run"));

        assertThat(status.runProperty().get()).isEqualTo("No design open");
        assertThat(status.parametersProperty().get()).isEmpty();
    }
}
