package dev.netwright.app.cli;

import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --lr-schedule TYPE:name=value,…} lands in {@code run.json}; a design's saved schedule is the default;
 * a wrong one is refused naming the value. The worker is {@code /bin/true}: the run file is written, nothing trains.
 */
class TrainLrScheduleTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli(new NoTraining());

    @Test
    void theOptionIsTheRunsSchedule() throws Exception {
        cli.run("train", "sample:cnn", "--lr-schedule", "step:every=3,factor=0.2", "--out", dir.resolve("run").toString());

        assertThat(new RunRequestJson().read(dir.resolve("run")).lrSchedule())
                .isEqualTo(new LearningRateSchedule.Step(3, 0.2));
    }

    @Test
    void valuesLeftOutTakeTheirDefaults() throws Exception {
        cli.run("train", "sample:cnn", "--lr-schedule", "cosine:warmup=1", "--out", dir.resolve("run").toString());

        assertThat(new RunRequestJson().read(dir.resolve("run")).lrSchedule())
                .isEqualTo(new LearningRateSchedule.Cosine(1, 0.01));
    }

    @Test
    void withoutTheOptionTheRateIsConstantOrTheDesigns() throws Exception {
        cli.run("train", "sample:cnn", "--out", dir.resolve("plain").toString());
        Path design = dir.resolve("cnn.netwright.json");
        new DesignJson().write(Samples.load("cnn").withTraining(TrainingPlans.defaults()
                .withLrSchedule(new LearningRateSchedule.Exponential(0.8))), design);
        cli.run("train", design.toString(), "--out", dir.resolve("saved").toString());
        cli.run("train", design.toString(), "--lr-schedule", "constant", "--out", dir.resolve("named").toString());

        assertThat(new RunRequestJson().read(dir.resolve("plain")).lrSchedule()).isEqualTo(LearningRateSchedule.constant());
        assertThat(new RunRequestJson().read(dir.resolve("saved")).lrSchedule())
                .isEqualTo(new LearningRateSchedule.Exponential(0.8));
        assertThat(new RunRequestJson().read(dir.resolve("named")).lrSchedule()).isEqualTo(LearningRateSchedule.constant());
    }

    @Test
    void aWrongScheduleIsRefusedNamingTheValueBeforeAnyRunFolderIsMade() {
        int code = cli.run("train", "sample:cnn", "--lr-schedule", "step:every=0", "--out", dir.resolve("run").toString());

        assertThat(code).isNotIn(ExitCodes.OK, ExitCodes.RUN_FAILED);
        assertThat(cli.err.toString()).contains("--lr-schedule").contains("'every' must be a whole number from 1 to 10000, not 0");
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
    }

    @Test
    void helpListsTheSchedules() {
        assertThat(cli.run("train", "--help")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("--lr-schedule=SCHEDULE").contains("step:every=N,factor=F - times F every N")
                .contains("cosine:warmup=E,floor=F - a linear warm-up").contains("plateau:factor=F,patience=N");
    }
}
