package dev.netwright.runtime.sweep;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.train.RunRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's bookkeeping with a launcher that trains nothing: what runs, what is recorded, what a restart does. */
class SweepRunnerTest {
    @TempDir
    Path dir;

    private final Design design = TestDesigns.start().vector(4).then("dense1", "Dense", "units", 8).output();
    private final RunRequest base = RunRequest.of(design, "csv:points.csv");
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    /** Accuracy grows with dense1's units; 13 units "fails" in the worker. Writes a checkpoint per epoch. */
    private final class FakeLauncher implements TrialLauncher {
        final List<RunRequest> requests = Collections.synchronizedList(new ArrayList<>());
        final List<Path> dirs = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Outcome run(RunRequest request, Path runDir) throws InterruptedException {
            requests.add(request);
            dirs.add(runDir);
            int units = (Integer) request.design().requireNode("dense1").params().get("units");
            if (units == 13) {
                return Outcome.failure("The training process ended unexpectedly: exit code 134");
            }
            try {
                Files.createDirectories(runDir.resolve("checkpoints"));
                Files.writeString(runDir.resolve("checkpoints").resolve(String.format("epoch-%03d.zip", request.epochs())), "");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return new Outcome(false, null, request.epochs(), units / 100.0 + request.epochs() / 1000.0, 1.0 / units);
        }

        @Override
        public void stopAll() {
        }
    }

    private final SweepRunner.Listener listener = new SweepRunner.Listener() {
        @Override
        public void started(Trial trial) {
        }

        @Override
        public void ended(Trial trial) {
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }
    };

    private SweepSpace space(String... params) {
        return SweepSpace.parse(List.of(params), design, StandardKinds.catalog());
    }

    private static Experiment experiment(Experiment.Strategy strategy, List<Map<String, Object>> settings, int epochs,
                                         List<Halving.Rung> rungs) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            trials.add(Trial.pending(Trial.idOf(i + 1), settings.get(i)));
        }
        return new Experiment("test.json", "test", strategy, List.of(), 0, 1, 3, epochs, rungs, trials);
    }

    @Test
    void everyTrialRunsWithItsSettingsAndAFailureIsRecordedWhileTheOthersGoOn() throws Exception {
        SweepSpace space = space("dense1.units=8,13,32", "lr=0.01");
        Experiment start = experiment(Experiment.Strategy.GRID, TrialPlans.grid(space, 0, 1), 2, List.of());
        FakeLauncher launcher = new FakeLauncher();
        Experiment done = new SweepRunner(dir, base, space, launcher, 2, listener).run(start);

        assertThat(launcher.requests).hasSize(3).allSatisfy(r -> {
            assertThat(r.epochs()).isEqualTo(2);
            assertThat(r.settings().learningRate()).isEqualTo(0.01);
        });
        assertThat(done.trial("trial-002").state()).isEqualTo(Trial.State.FAILED);
        assertThat(done.trial("trial-002").message()).contains("exit code 134");
        assertThat(done.ranked()).extracting(Trial::id).containsExactly("trial-003", "trial-001", "trial-002");
        assertThat(done.trial("trial-003").bestValidationAccuracy()).isEqualTo(0.322);
        assertThat(done.isOver()).isTrue();
        assertThat(new ExperimentJson().read(dir)).isEqualTo(done);
        assertThat(launcher.dirs).containsExactlyInAnyOrder(dir.resolve("trial-001"), dir.resolve("trial-002"),
                dir.resolve("trial-003"));
    }

    @Test
    void settingsTheDesignCheckRefusesFailThatTrialBeforeItStarts() throws Exception {
        Design twoDense = TestDesigns.start().vector(4).then("dense1", "Dense", "units", 8)
                .then("drop", "Dropout", "rate", 0.5).output();
        SweepSpace space = SweepSpace.parse(List.of("dense1.units=8,16"), twoDense, StandardKinds.catalog());
        Experiment start = experiment(Experiment.Strategy.GRID, List.of(Map.of("dense1.units", 8),
                Map.of("dense1.units", 0)), 1, List.of()); // 0 as a broken file or older space could hold
        FakeLauncher launcher = new FakeLauncher();
        Experiment done = new SweepRunner(dir, RunRequest.of(twoDense, "csv:x.csv"), space, launcher, 1, listener)
                .run(start);
        assertThat(launcher.requests).hasSize(1);
        assertThat(done.trial("trial-002").state()).isEqualTo(Trial.State.FAILED);
        assertThat(done.trial("trial-002").message()).startsWith("The design check refuses these settings: dense1:");
    }

    @Test
    void aRestartKeepsWhatEndedAndRunsWhatWasRunningOrPending() throws Exception {
        SweepSpace space = space("dense1.units=8,16,32,64");
        Experiment before = experiment(Experiment.Strategy.GRID, TrialPlans.grid(space, 0, 1), 1, List.of());
        before = before.with(before.trial("trial-001").finished(1, 0.5, 0.9, 3))
                .with(before.trial("trial-002").withState(Trial.State.RUNNING))
                .with(before.trial("trial-003").failed("out of memory", 1));
        Files.createDirectories(dir.resolve("trial-002"));
        Files.writeString(dir.resolve("trial-002").resolve("events.jsonl"), "{half a run}\n");
        FakeLauncher launcher = new FakeLauncher();
        Experiment done = new SweepRunner(dir, base, space, launcher, 2, listener).run(before);

        assertThat(launcher.dirs).containsExactlyInAnyOrder(dir.resolve("trial-002"), dir.resolve("trial-004"));
        assertThat(dir.resolve("trial-002").resolve("events.jsonl")).doesNotExist(); // started afresh
        assertThat(done.trial("trial-001")).isEqualTo(before.trial("trial-001"));
        assertThat(done.trial("trial-003")).isEqualTo(before.trial("trial-003"));
        assertThat(done.trial("trial-002").state()).isEqualTo(Trial.State.FINISHED);
        assertThat(done.isOver()).isTrue();
    }

    @Test
    void halvingContinuesTheBestFromTheirCheckpointsAndStopsTheOthersEarly() throws Exception {
        SweepSpace space = space("dense1.units=8,16,32,64");
        List<Halving.Rung> rungs = Halving.rungs(4, 2, 2);
        Experiment start = experiment(Experiment.Strategy.HALVING, TrialPlans.grid(space, 0, 1), 2, rungs);
        FakeLauncher launcher = new FakeLauncher();
        Experiment done = new SweepRunner(dir, base, space, launcher, 2, listener).run(start);

        assertThat(launcher.requests).hasSize(6);
        List<RunRequest> continued = launcher.requests.subList(4, 6);
        assertThat(continued).allSatisfy(r -> {
            assertThat(r.epochs()).isEqualTo(2);
            assertThat(r.resumeFrom()).endsWith("epoch-001.zip");
        });
        assertThat(done.trial("trial-001").state()).isEqualTo(Trial.State.STOPPED_EARLY);
        assertThat(done.trial("trial-002").state()).isEqualTo(Trial.State.STOPPED_EARLY);
        assertThat(done.trial("trial-003").state()).isEqualTo(Trial.State.FINISHED);
        assertThat(done.trial("trial-004").epochs()).isEqualTo(2);
        assertThat(done.trial("trial-004").rung()).isEqualTo(1);
        assertThat(done.isOver()).isTrue();
        assertThat(notes).containsExactly("Rung 1 done: trial-003, trial-004 go on to 2 epochs; the others stop early.");

        // run again: nothing is left to do
        FakeLauncher again = new FakeLauncher();
        assertThat(new SweepRunner(dir, base, space, again, 2, listener).run(new ExperimentJson().read(dir)))
                .isEqualTo(done);
        assertThat(again.requests).isEmpty();
    }

    @Test
    void parallelTrialsRunAtTheSameTime() throws Exception {
        SweepSpace space = space("dense1.units=8,16");
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<Boolean> sawTheOther = Collections.synchronizedList(new ArrayList<>());
        TrialLauncher waiting = new TrialLauncher() {
            @Override
            public Outcome run(RunRequest request, Path runDir) throws InterruptedException {
                bothStarted.countDown();
                sawTheOther.add(bothStarted.await(30, TimeUnit.SECONDS));
                return new Outcome(false, null, 1, 0.5, 1);
            }

            @Override
            public void stopAll() {
            }
        };
        Experiment start = experiment(Experiment.Strategy.GRID, TrialPlans.grid(space, 0, 1), 1, List.of());
        new SweepRunner(dir, base, space, waiting, 2, listener).run(start);
        assertThat(sawTheOther).containsExactly(true, true);
    }
}
