package dev.netwright.app.compress;

import dev.netwright.app.training.CommandLauncher;
import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.compress.CompressionReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Compress panel's model with a launcher of the test's own; no toolkit. */
class CompressModelTest {
    @TempDir
    Path runsDir;

    private final List<List<String>> launched = new ArrayList<>();
    private int runsChanged;

    private CompressModel model(CommandLauncher launcher) {
        CompressModel model = new CompressModel(launcher, Runnable::run, Runnable::run, () -> runsDir);
        model.setOnRunsChanged(() -> runsChanged++);
        return model;
    }

    /** A launcher that does what `netwright compress` does: prints, writes a compressed run beside the source. */
    private CommandLauncher writing(String name, int exitCode, String lastLine) {
        return (arguments, lines) -> {
            launched.add(arguments);
            lines.accept("Pruning...");
            if (exitCode == 0) {
                CompressFixtures.compressed(runsDir, name, Path.of(arguments.get(1)), CompressionReport.PRUNE, 0.9,
                        0.8801, 56_543);
            }
            lines.accept(lastLine);
            return new CommandLauncher.Running() {
                @Override
                public int waitFor() {
                    return exitCode;
                }

                @Override
                public void cancel() {
                }
            };
        };
    }

    @Test
    void withoutARunOrWithBadSettingsItSaysWhatIsWrongAndDoesNotStart() throws Exception {
        CompressModel model = model(writing("x", 0, "done"));
        assertThat(model.problemProperty().get()).startsWith("Choose a run with a saved model");

        model.showRuns(List.of(CompressFixtures.run(runsDir, "run-1")));
        assertThat(model.problemProperty().get()).isEmpty();
        model.sparsityProperty().set("1.2");
        assertThat(model.problemProperty().get())
                .isEqualTo("The sparsity must be above 0 and below 1 (0.9 zeroes 90% of the weights), not 1.2.");
        model.sparsityProperty().set("ninety");
        assertThat(model.problemProperty().get())
                .isEqualTo("The sparsity must be a number such as 0.9 or 90%, not \"ninety\".");
        model.sparsityProperty().set("90%");
        model.gradualProperty().set(true);
        model.finetuneEpochsProperty().set("0");
        assertThat(model.problemProperty().get()).startsWith("Gradual pruning prunes while fine-tuning");
        model.finetuneEpochsProperty().set("-1");
        assertThat(model.problemProperty().get()).startsWith("The fine-tuning epochs cannot be negative");
        model.methodProperty().set(CompressSettings.Method.QUANTISE);
        assertThat(model.problemProperty().get()).as("pruning's fields do not matter to quantisation").isEmpty();
        model.calibrationProperty().set("0");
        assertThat(model.problemProperty().get()).isEqualTo("Quantisation needs at least 1 calibration example, not 0.");

        model.methodProperty().set(CompressSettings.Method.DISTIL);
        assertThat(model.problemProperty().get()).startsWith("Choose the student design to distil into");
        model.studentProperty().set(runsDir.resolve("small.json"));
        assertThat(model.problemProperty().get()).isEmpty();
        model.alphaProperty().set("1.5");
        assertThat(model.problemProperty().get()).isEqualTo("Alpha, the labels' share of the loss, must be from 0 to 1, not 1.5.");
        model.alphaProperty().set("0.5");
        model.temperatureProperty().set("0");
        assertThat(model.problemProperty().get()).isEqualTo("The temperature must be above 0 (such as 4), not 0.0.");
        model.temperatureProperty().set("warm");
        assertThat(model.problemProperty().get()).isEqualTo("The temperature must be a number such as 4, not \"warm\".");

        model.compress();
        assertThat(launched).isEmpty();
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void theSettingsBecomeTheCompressCommandLine() {
        Path run = runsDir.resolve("run-1");
        assertThat(new CompressSettings(CompressSettings.Method.PRUNE, 0.9, true, true, false, 2, 500).arguments(run))
                .containsExactly("compress", run.toAbsolutePath().toString(), "--prune", "0.9", "--scope", "global",
                        "--schedule", "gradual", "--finetune", "2");
        assertThat(new CompressSettings(CompressSettings.Method.PRUNE, 0.5, false, false, true, 1, 500).arguments(run))
                .containsExactly("compress", run.toAbsolutePath().toString(), "--prune", "0.5", "--structured",
                        "--finetune", "1");
        assertThat(new CompressSettings(CompressSettings.Method.QUANTISE, 0.9, false, false, false, 1, 200)
                .arguments(run)).containsExactly("compress", run.toAbsolutePath().toString(), "--quantise", "int8",
                "--calibration", "200");
        Path student = runsDir.resolve("small.json");
        assertThat(CompressSettings.distil(student, 0.3, 2, 0).arguments(run)).containsExactly("compress",
                run.toAbsolutePath().toString(), "--distil", student.toAbsolutePath().toString(), "--alpha", "0.3",
                "--temperature", "2.0");
        assertThat(CompressSettings.distil(student, 0.5, 4, 3).arguments(run)).endsWith("--epochs", "3");
    }

    @Test
    void aCompressionAddsItsRunToTheVariantsAndTheRunsList() throws Exception {
        RunRecord source = CompressFixtures.run(runsDir, "run-1");
        CompressModel model = model(writing("run-1-prune", 0, "The compressed run: somewhere"));
        model.showRuns(List.of(source));
        assertThat(model.variants()).isEmpty();

        model.compress();

        assertThat(launched).singleElement().satisfies(args -> assertThat(args).startsWith("compress",
                source.dir().toAbsolutePath().toString(), "--prune", "0.9"));
        assertThat(model.variants()).extracting(Variant::method)
                .containsExactly("original", "prune 90% layer, 1 epoch");
        assertThat(model.variants().get(0).accuracy()).isEqualTo(0.8865);
        assertThat(model.messageProperty().get()).isEqualTo(
                "Done: prune 90% layer, 1 epoch — accuracy 0.8801 (original 0.8865), 56,543 bytes (0.16× the original).");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(runsChanged).isEqualTo(1);
    }

    @Test
    void aFailedCompressionSaysWhyInItsLastLine() throws Exception {
        CompressModel model = model(writing("never", 3, "The run folder has no model.zip."));
        model.showRuns(List.of(CompressFixtures.run(runsDir, "run-1")));

        model.compress();

        assertThat(model.messageProperty().get()).isEqualTo("The compression failed: The run folder has no model.zip.");
        assertThat(model.variants()).isEmpty();
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void cancelStopsTheCompressionUnderWay() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        CommandLauncher waiting = (arguments, lines) -> new CommandLauncher.Running() {
            @Override
            public int waitFor() throws InterruptedException {
                started.countDown();
                cancelled.await();
                return 143;
            }

            @Override
            public void cancel() {
                cancelled.countDown();
            }
        };
        CompressModel model = new CompressModel(waiting, r -> new Thread(r).start(), Runnable::run, () -> runsDir);
        model.setOnRunsChanged(ended::countDown);
        model.showRuns(List.of(CompressFixtures.run(runsDir, "run-1")));

        model.compress();
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(model.runningProperty().get()).isTrue();
        model.cancel();

        assertThat(ended.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("Cancelled.");
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void theNewestTrainedRunIsChosenFirstNotOneCompressedFromIt() throws Exception {
        RunRecord trained = CompressFixtures.run(runsDir, "run-1");
        RunRecord pruned = CompressFixtures.run(runsDir, "run-1-pruned");
        CompressFixtures.compressed(runsDir, "run-1-pruned", trained.dir(), CompressionReport.PRUNE, 0.9, 0.88, 1);
        CompressModel model = model(writing("x", 0, "done"));

        model.showRuns(List.of(pruned, trained));

        assertThat(model.runs()).containsExactly(pruned, trained);
        assertThat(model.sourceProperty().get()).isEqualTo(trained);
    }

    @Test
    void onlyRunsWithASavedModelCanBeChosenAndTheChoiceSurvivesARefresh() throws Exception {
        RunRecord older = CompressFixtures.run(runsDir, "run-1");
        RunRecord newer = CompressFixtures.run(runsDir, "run-2");
        Path failed = Files.createDirectories(runsDir.resolve("run-3"));
        CompressModel model = model(writing("x", 0, "done"));

        model.showRuns(List.of(new RunRecord(failed, null, new dev.netwright.charts.metrics.RunMetrics()), newer, older));
        assertThat(model.runs()).containsExactly(newer, older);
        assertThat(model.sourceProperty().get()).isEqualTo(newer);
        model.sourceProperty().set(older);
        model.showRuns(List.of(newer, older));
        assertThat(model.sourceProperty().get()).isEqualTo(older);
    }
}
