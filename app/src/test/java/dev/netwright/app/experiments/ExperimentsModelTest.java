package dev.netwright.app.experiments;

import dev.netwright.app.training.CommandLauncher;
import dev.netwright.app.training.EndedCommand;
import dev.netwright.charts.metrics.ParallelCoordinates;
import dev.netwright.runtime.sweep.Experiment;
import dev.netwright.runtime.sweep.ExperimentJson;
import dev.netwright.runtime.sweep.Trial;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Experiments tab's model, with experiment folders written as `netwright sweep` writes them. */
class ExperimentsModelTest {
    @TempDir
    Path runsDir;
    private Path designFile;
    private Optional<Path> saved;
    private final List<List<String>> launched = new ArrayList<>();
    private int runsChanged;

    @BeforeEach
    void design() throws IOException {
        designFile = Files.writeString(runsDir.getParent().resolve("cnn.netwright.json"), "{}");
        saved = Optional.of(designFile);
    }

    private ExperimentsModel model(CommandLauncher launcher) {
        ExperimentsModel model = new ExperimentsModel(launcher, Runnable::run, Runnable::run, () -> runsDir,
                () -> saved);
        model.setOnRunsChanged(() -> runsChanged++);
        return model;
    }

    static Experiment experiment(Trial... trials) {
        return new Experiment("cnn.json", "Seed CNN", Experiment.Strategy.GRID, List.of("lr=0.001,0.01", "batch=32,64"),
                0, 42, 3, 1, List.of(), List.of(trials));
    }

    static Trial trial(int index, double lr, int batch, Trial.State state, double accuracy) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(); // in the sweep's order (Map.of has none)
        settings.put("lr", lr);
        settings.put("batch", batch);
        return new Trial(Trial.idOf(index), settings, state, 0, state == Trial.State.FINISHED ? 1 : 0,
                accuracy, Double.isNaN(accuracy) ? Double.NaN : 1 - accuracy, 12.5, null);
    }

    static void write(Path dir, Experiment experiment) {
        try {
            Files.createDirectories(dir);
            new ExperimentJson().write(experiment, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final CommandLauncher.Running DONE = EndedCommand.withExitCode(0);

    @Test
    void theDesignsExperimentsAreListedWithTheTrialsOfTheChosenOne() {
        write(runsDir.resolve("cnn-sweep-1"), experiment(trial(1, 0.001, 32, Trial.State.FINISHED, 0.81),
                trial(2, 0.01, 32, Trial.State.FINISHED, 0.86), trial(3, 0.001, 64, Trial.State.FAILED, Double.NaN)));
        ExperimentsModel model = model((arguments, lines) -> DONE);

        model.refresh();

        assertThat(model.experiments()).hasSize(1);
        assertThat(model.chosenProperty().get().dir()).isEqualTo(runsDir.resolve("cnn-sweep-1"));
        assertThat(model.trials()).extracting(Trial::id).containsExactly("trial-001", "trial-002", "trial-003");
        assertThat(model.dimensions()).containsExactlyInAnyOrder("lr", "batch");
        assertThat(model.best()).map(Trial::id).contains("trial-002");
        ParallelCoordinates picture = model.picture();
        assertThat(picture.axes()).extracting(ParallelCoordinates.Axis::name).last().isEqualTo("best val. acc.");
        assertThat(picture.lines()).filteredOn(ParallelCoordinates.Line::best).extracting(ParallelCoordinates.Line::label)
                .containsExactly("trial-002");
        assertThat(model.runDir(model.trials().get(0))).contains(runsDir.resolve("cnn-sweep-1").resolve("trial-001"));
    }

    @Test
    void aBrokenExperimentFileIsLeftOutNamedInTheMessageLineAndTheOthersShown() throws IOException {
        write(runsDir.resolve("good"), experiment(trial(1, 0.001, 32, Trial.State.FINISHED, 0.81)));
        Files.createDirectories(runsDir.resolve("broken"));
        Files.writeString(runsDir.resolve("broken").resolve(Experiment.FILE_NAME), "{ not json");
        ExperimentsModel model = model((arguments, lines) -> DONE);

        model.refresh();

        assertThat(model.experiments()).extracting(e -> e.dir().getFileName().toString()).containsExactly("good");
        assertThat(model.messageProperty().get()).startsWith("Left out an experiment that cannot be read: "
                + runsDir.resolve("broken").resolve(Experiment.FILE_NAME) + ": ");
    }

    @Test
    void aSweepRunsNetwrightSweepOnTheSavedDesignAndFollowsItsTrials() {
        ExperimentsModel model = model((arguments, lines) -> {
            launched.add(arguments);
            Path out = Path.of(arguments.get(arguments.indexOf("--out") + 1));
            write(out, experiment(trial(1, 0.001, 32, Trial.State.RUNNING, Double.NaN)));
            lines.accept("trial-001 started");
            write(out, experiment(trial(1, 0.001, 32, Trial.State.FINISHED, 0.84)));
            lines.accept("trial-001 finished: best validation accuracy 0.8400");
            return DONE;
        });
        model.paramsProperty().set("lr=0.001,0.01\n\nbatch=32,64");
        model.strategyProperty().set(Experiment.Strategy.GRID);
        model.trialsProperty().set("4");
        model.maxTrainProperty().set("500");

        model.start();

        List<String> arguments = launched.get(0);
        assertThat(arguments.subList(0, 6)).containsExactly("sweep", designFile.toString(), "--param", "lr=0.001,0.01",
                "--param", "batch=32,64");
        assertThat(String.join(" ", arguments)).contains("--strategy grid --trials 4 --epochs 1 --parallel 1 --out "
                + runsDir.resolve("cnn-sweep-")).endsWith("--max-train 500").doesNotContain("--cluster", "netwright-sweep");
        assertThat(model.trials()).extracting(Trial::state).containsExactly(Trial.State.FINISHED);
        assertThat(model.messageProperty().get()).isEqualTo(
                "Done: the best trial is trial-001, validation accuracy 0.8400 (double-click a trial to see its run).");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(runsChanged).isEqualTo(1);
    }

    @Test
    void whileASweepRunsEachLineShowsItsTrialsAsWrittenAndTheOtherExperimentsStayListed() {
        write(runsDir.resolve("cnn-sweep-earlier"), experiment(trial(1, 0.01, 64, Trial.State.FINISHED, 0.80)));
        List<List<Trial.State>> seen = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<ExperimentsModel> shown = new java.util.concurrent.atomic.AtomicReference<>();
        ExperimentsModel model = model((arguments, lines) -> {
            Path out = Path.of(arguments.get(arguments.indexOf("--out") + 1));
            lines.accept("Sweeping: nothing written yet"); // a line before the experiment's file exists
            seen.add(shown.get().trials().stream().map(Trial::state).toList());
            write(out, experiment(trial(1, 0.001, 32, Trial.State.RUNNING, Double.NaN)));
            lines.accept("trial-001 started");
            seen.add(shown.get().trials().stream().map(Trial::state).toList());
            assertThat(shown.get().experiments()).hasSize(2).first().extracting(ExperimentsModel.Entry::dir).isEqualTo(out);
            shown.get().chosenProperty().set(shown.get().experiments().get(1)); // the user looks at the earlier one
            write(out, experiment(trial(1, 0.001, 32, Trial.State.FINISHED, 0.84)));
            lines.accept("trial-001 finished");
            seen.add(shown.get().trials().stream().map(Trial::state).toList());
            assertThat(shown.get().experiments().get(0).experiment().trials()).extracting(Trial::state)
                    .containsExactly(Trial.State.FINISHED); // listed as it is now, though not the one shown
            return DONE;
        });
        shown.set(model);
        model.refresh();
        model.paramsProperty().set("lr=0.001,0.01");

        model.start();

        assertThat(seen).containsExactly(List.of(Trial.State.FINISHED), List.of(Trial.State.RUNNING),
                List.of(Trial.State.FINISHED));
        assertThat(model.chosenProperty().get().dir()).isEqualTo(runsDir.resolve("cnn-sweep-earlier"));
        assertThat(model.experiments()).hasSize(2);
    }

    @Test
    void aClusterIsPassedToTheSweepAsTyped() {
        ExperimentsModel model = model((arguments, lines) -> {
            launched.add(arguments);
            return DONE;
        });
        model.paramsProperty().set("lr=0.001,0.01");
        model.clusterProperty().set(" spark://master-host:7077 ");

        model.start();

        assertThat(launched).hasSize(1);
        assertThat(String.join(" ", launched.get(0))).endsWith("--cluster spark://master-host:7077");
    }

    @Test
    void aMalformedClusterIsRefusedWithWhatToTypeAndNothingStarts() {
        ExperimentsModel model = model((arguments, lines) -> {
            launched.add(arguments);
            return DONE;
        });
        model.paramsProperty().set("lr=0.001,0.01");

        model.clusterProperty().set("spark//master-host:7077");
        model.start();

        assertThat(launched).isEmpty();
        String why = "Cluster 'spark//master-host:7077' is not a Spark master URL Netwright takes: use spark://HOST:PORT "
                + "(a standalone master, port 7077 by default) or local[N], or leave it empty to train on this machine.";
        assertThat(model.problemProperty().get()).isEqualTo(why);
        assertThat(model.messageProperty().get()).isEqualTo("Not started: " + why);
        model.clusterProperty().set("spark://master-host:99999");
        assertThat(model.problemProperty().get()).isEqualTo(
                "Cluster spark://master-host:99999: the port must be from 1 to 65535 (a standalone master's is 7077 by "
                + "default), or leave it empty to train on this machine.");
        model.clusterProperty().set("yarn");
        assertThat(model.problemProperty().get()).contains("YARN, Kubernetes and Mesos are not supported yet");
        model.clusterProperty().set("local[2]");
        assertThat(model.problemProperty().get()).isEmpty();
        model.clusterProperty().set("");
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(launched).isEmpty();
    }

    @Test
    void theChosenExperimentSaysWhereItRanAndWhyItStoppedThere() {
        write(runsDir.resolve("here"), experiment(trial(1, 0.001, 32, Trial.State.FINISHED, 0.81)));
        ExperimentsModel model = model((arguments, lines) -> DONE);
        model.refresh();
        assertThat(model.chosenPlaceProperty().get()).isEqualTo("Trained on this machine");

        write(runsDir.resolve("here"), experiment(trial(1, 0.001, 32, Trial.State.PENDING, Double.NaN))
                .onCluster("spark://master-host:7077")
                .withProblem("Cannot reach the Spark master spark://master-host:7077: Connection refused"));
        model.refresh();

        assertThat(model.chosenPlaceProperty().get()).isEqualTo("Trained on spark://master-host:7077 · stopped: "
                + "Cannot reach the Spark master spark://master-host:7077: Connection refused");
    }

    @Test
    void anUnsavedDesignIsNotSweptAndTheUserIsToldToSaveIt() {
        saved = Optional.empty();
        ExperimentsModel model = model((arguments, lines) -> {
            launched.add(arguments);
            return DONE;
        });
        model.paramsProperty().set("lr=0.001,0.01");

        model.start();

        assertThat(launched).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo(ExperimentsModel.SAVE_FIRST);
    }

    @Test
    void wrongSettingsAreNamedAndNothingStarts() {
        ExperimentsModel model = model((arguments, lines) -> {
            launched.add(arguments);
            return DONE;
        });

        assertThat(model.problemProperty().get()).startsWith("Add a dimension to sweep");
        model.paramsProperty().set("lr 0.001");
        assertThat(model.problemProperty().get()).isEqualTo(
                "'lr 0.001' is not NAME=VALUES (for example lr=1e-4..1e-2:log or dense1.units=32,64).");
        model.paramsProperty().set("lr=0.001,0.01");
        model.trialsProperty().set("ten");
        assertThat(model.problemProperty().get()).isEqualTo("Trials must be a whole number: 'ten' is not.");
        model.trialsProperty().set("4");
        model.parallelProperty().set("12");
        assertThat(model.problemProperty().get()).isEqualTo("At once must be from 1 to 8 trials.");
        model.start();
        assertThat(launched).isEmpty();
        model.parallelProperty().set("2");
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void aFailedSweepSaysItsLastLine() {
        ExperimentsModel model = model((arguments, lines) -> {
            lines.accept("--param dense2.units: the design has no node 'dense2'; did you mean 'dense1'?");
            return EndedCommand.withExitCode(2);
        });
        model.paramsProperty().set("dense2.units=32,64");

        model.start();

        assertThat(model.messageProperty().get()).isEqualTo("The sweep failed (exit code 2): --param dense2.units: "
                + "the design has no node 'dense2'; did you mean 'dense1'?");
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void resumeGoesOnWithTheChosenExperimentUnlessItHasEnded() {
        write(runsDir.resolve("stopped"), experiment(trial(1, 0.001, 32, Trial.State.FINISHED, 0.81),
                trial(2, 0.01, 32, Trial.State.PENDING, Double.NaN)));
        ExperimentsModel model = model((arguments, lines) -> {
            launched.add(arguments);
            return DONE;
        });
        model.refresh();

        model.resume();

        assertThat(launched).containsExactly(List.of("sweep", "--resume", runsDir.resolve("stopped").toString()));

        write(runsDir.resolve("stopped"), experiment(trial(1, 0.001, 32, Trial.State.FINISHED, 0.81)));
        model.refresh();
        model.resume();
        assertThat(launched).hasSize(1);
        assertThat(model.messageProperty().get()).isEqualTo(
                "stopped has ended: every trial finished, failed or stopped early.");
    }
}
