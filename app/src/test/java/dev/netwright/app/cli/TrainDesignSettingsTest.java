package dev.netwright.app.cli;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train DESIGN} takes the training settings saved with the design as its defaults; options on the command line
 * win (issue 15, defect 5). The worker is {@code /bin/true}: the run file is written, nothing trains.
 */
class TrainDesignSettingsTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli(new NoTraining());
    private final TrainingPlan plan = TrainingPlans.defaults().withOptimizer("SGD").withLearningRate(0.05).withEpochs(3)
            .withBatchSize(32).withL2(1e-4).withPatience(2).withSeed(7).withBackend("CPU").withLimits(640, 200);

    @Test
    void theDesignsSavedSettingsAreTheRunsDefaults() throws Exception {
        Path design = saved();

        cli.run("train", design.toString(), "--out", dir.resolve("run").toString());

        RunRequest run = new RunRequestJson().read(dir.resolve("run"));
        assertThat(run.epochs()).isEqualTo(3);
        assertThat(run.batchSize()).isEqualTo(32);
        assertThat(run.settings()).isEqualTo(TrainingSettings.defaults().withOptimizer(TrainingSettings.Optimizer.SGD)
                .withLearningRate(0.05).withL2(1e-4).withSeed(7));
        assertThat(run.earlyStoppingPatience()).isEqualTo(2);
        assertThat(run.backend()).isEqualTo(Backend.CPU);
        assertThat(run.maxTrainExamples()).isEqualTo(640);
        assertThat(run.maxValidationExamples()).isEqualTo(200);
    }

    @Test
    void optionsOnTheCommandLineWinOverTheDesignsSettings() throws Exception {
        Path design = saved();

        cli.run("train", design.toString(), "--epochs", "1", "--lr", "0.001", "--optimizer", "ADAM",
                "--out", dir.resolve("run").toString());

        RunRequest run = new RunRequestJson().read(dir.resolve("run"));
        assertThat(run.epochs()).isEqualTo(1);
        assertThat(run.settings().learningRate()).isEqualTo(0.001);
        assertThat(run.settings().optimizer()).isEqualTo(TrainingSettings.Optimizer.ADAM);
        assertThat(run.batchSize()).as("not named: the design's").isEqualTo(32);
        assertThat(run.settings().seed()).isEqualTo(7);
    }

    private Path saved() throws Exception {
        Path file = dir.resolve("cnn.netwright.json");
        new DesignJson().write(Samples.load("cnn").withTraining(plan), file);
        return file;
    }
}
