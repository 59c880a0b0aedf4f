package dev.netwright.app.cli;

import dev.netwright.runtime.design.Augmentation;
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
 * {@code train --augment SPEC} lands in {@code run.json}; a design's saved augmentation is the default; a wrong spec,
 * or augmentation for a design without an image Input, is refused with exit code 2 and says why. The worker is
 * {@code /bin/true}: the run file is written, nothing trains.
 */
class TrainAugmentTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli(new NoTraining());

    @Test
    void theOptionIsTheRunsAugmentation() throws Exception {
        int code = cli.run("train", "sample:cnn", "--augment=shift=2,flip,rotate=10,crop=4,erase=0.25",
                "--out", dir.resolve("run").toString());

        assertThat(code).isNotIn(ExitCodes.BAD_INPUT, ExitCodes.DESIGN_ERRORS); // the stand-in worker ends without a result
        assertThat(new RunRequestJson().read(dir.resolve("run")).augmentation())
                .isEqualTo(new Augmentation(2, true, 10, 4, 0.25));
    }

    @Test
    void withoutTheOptionThereIsNoneOrTheDesigns() throws Exception {
        cli.run("train", "sample:cnn", "--out", dir.resolve("plain").toString());
        Path design = dir.resolve("cnn.netwright.json");
        new DesignJson().write(Samples.load("cnn").withTraining(TrainingPlans.defaults()
                .withAugmentation(Augmentation.parse("flip"))), design);
        cli.run("train", design.toString(), "--out", dir.resolve("saved").toString());
        cli.run("train", design.toString(), "--augment", "none", "--out", dir.resolve("named").toString());

        assertThat(new RunRequestJson().read(dir.resolve("plain")).augmentation()).isEqualTo(Augmentation.NONE);
        assertThat(new RunRequestJson().read(dir.resolve("saved")).augmentation()).isEqualTo(Augmentation.parse("flip"));
        assertThat(new RunRequestJson().read(dir.resolve("named")).augmentation()).isEqualTo(Augmentation.NONE);
    }

    @Test
    void aWrongSpecIsRefusedWithExitCode2NamingThePartBeforeAnyRunFolderIsMade() {
        int code = cli.run("train", "sample:cnn", "--augment", "shift=2,zoom=3", "--out", dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--augment").contains("unknown augmentation setting 'zoom=3'");
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
    }

    @Test
    void augmentingADesignWithoutAnImageInputIsRefusedWithExitCode2() {
        int code = cli.run("train", "sample:lstm", "--augment", "flip", "--out", dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--augment: Augmentation (flip) changes images, but the Input")
                .contains("set the augmentation to none");
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
    }

    @Test
    void aSavedAugmentationThatDoesNotFitIsADesignErrorThatNoneOnTheCommandLineLifts() throws Exception {
        Path design = dir.resolve("lstm.netwright.json");
        new DesignJson().write(Samples.load("lstm").withTraining(TrainingPlans.defaults()
                .withAugmentation(Augmentation.parse("flip"))), design);

        assertThat(cli.run("check", design.toString())).isEqualTo(ExitCodes.DESIGN_ERRORS);
        assertThat(cli.out.toString()).contains("Augmentation (flip) changes images");
        assertThat(cli.run("train", design.toString(), "--augment=none", "--out", dir.resolve("run").toString()))
                .isNotIn(ExitCodes.BAD_INPUT, ExitCodes.DESIGN_ERRORS);
        assertThat(new RunRequestJson().read(dir.resolve("run")).augmentation()).isEqualTo(Augmentation.NONE);
    }

    @Test
    void helpListsTheSettings() {
        assertThat(cli.run("train", "--help")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("--augment=SPEC").contains("shift=PIXELS").contains("erase=PROBABILITY")
                .contains("2-33 % of the image");
        assertThat(cli.err.toString()).doesNotContain("Could not format");
    }
}
